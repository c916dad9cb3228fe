"""deploy/compose.yml agrees with the rest of the kit: Docker cannot run here, so these read the file and check
each thing it names against the files and settings it relies on. Where the Docker compose plugin exists,
`docker compose config` checks the syntax too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from changwat_service.settings import ENV

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def mounts(service: dict) -> dict[str, str]:
    """host path (as written) -> container path, for bind mounts."""
    out = {}
    for volume in service.get("volumes", []):
        host, container = volume.split(":")[:2]
        if host.startswith((".", "/", "$")):
            out[host] = container
    return out


def test_nginx_serves_the_built_site_with_the_profile_of_deploy_nginx(compose):
    nginx = compose["services"]["nginx"]
    m = mounts(nginx)
    assert m["../site"] == "${CHANGWAT_ROOT}/site" and m["./nginx"] == "${CHANGWAT_ROOT}/deploy/nginx"
    # The generated nginx.conf is run as make production runs it: -p PREFIX -c PREFIX/nginx.conf, in the foreground.
    command = " ".join(nginx["command"])
    assert "/build/production/nginx.conf" in command and "daemon off;" in command
    assert m["../build/production"].endswith("/build/production")
    assert {p.split(":")[-1] for p in nginx["ports"]} == {"8080", "8081"}  # make production's two ports


def test_the_service_gets_only_settings_it_knows(compose):
    env = compose["services"]["service"]["environment"]
    known = set(ENV.values()) | {"CHANGWAT_SERVICE_WORKERS"}  # workers: read by the image's command
    assert set(env) <= known, set(env) - known
    # Behind nginx, or every citizen shares one bucket: the proxy's network, which the compose file fixes.
    edge = compose["networks"]["edge"]["ipam"]["config"][0]["subnet"]
    assert env["CHANGWAT_SERVICE_TRUST_PROXY"] == edge and "edge" in compose["services"]["nginx"]["networks"]
    url = env["CHANGWAT_SERVICE_DB_URL"]
    assert url.startswith("postgresql+psycopg://") and "@db:5432/changwat" in url
    assert "ports" not in compose["services"]["service"] and "ports" not in compose["services"]["db"]
    assert compose["networks"]["internal"]["internal"] is True
    assert compose["services"]["db"]["networks"] == ["internal"]


def test_the_backup_job_runs_the_tested_scripts_with_a_matching_pg_dump(compose):
    backup = compose["services"]["backup"]
    assert backup["image"] == compose["services"]["db"]["image"]
    m = mounts(backup)
    assert m["./backup.sh"] == "/usr/local/bin/changwat-backup" and m["./restore.sh"] == "/usr/local/bin/changwat-restore"
    assert "changwat-backup /backups" in " ".join(backup["entrypoint"])
    assert backup["environment"]["CHANGWAT_SERVICE_DB_URL"].endswith("@db:5432/changwat")
    # The restore command the header tells an officer to type names the script the job mounts.
    assert "--entrypoint changwat-restore backup" in COMPOSE.read_text(encoding="utf-8")


def test_every_file_the_compose_file_and_dockerfiles_name_exists(compose):
    for service in compose["services"].values():
        for host in mounts(service):
            if host.startswith("./"):  # ../site and ../build/production are made by the build, not committed
                assert (DEPLOY / host).exists(), host
        build = service.get("build")
        if build:
            assert (DEPLOY / build["context"] / build["dockerfile"]).is_file()
    dockerfile = (DEPLOY / "Dockerfile.service").read_text(encoding="utf-8")
    for source in re.findall(r"^COPY (\S+) ", dockerfile, flags=re.M):
        assert (ROOT / source).exists(), source
    assert "changwat_asgi:app" in dockerfile and "--workers" in dockerfile


def test_the_worker_entry_point_builds_the_app_from_the_environment(monkeypatch, tmp_path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("changwat_asgi", DEPLOY / "changwat_asgi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    db = tmp_path / "service.sqlite3"
    monkeypatch.setenv("CHANGWAT_SERVICE_SECRET", "s" * 40)
    monkeypatch.setenv("CHANGWAT_SERVICE_DB_URL", f"sqlite:///{db}")
    app = module.app()
    assert app.state.settings.db_url == f"sqlite:///{db}"
    assert not db.exists()  # the workers never migrate: the image migrates once before starting them
