"""The changwat command: a new office's site that builds and passes the gate as created, and the installable kit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

from changwat.checks import tools
from changwat.cli.new_site import SCAFFOLD, OfficeNames, create_site, destination, scaffold_files

CHANGWAT = Path(sys.executable).with_name("changwat")
THAI = re.compile(r"[\u0e00-\u0e7f]")


def changwat(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHANGWAT), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def said_in_both_languages(text: str) -> bool:
    """A Thai line and an English line (plain ASCII words), and no traceback."""
    english = any(not THAI.search(line) and len(re.findall(r"[A-Za-z]{2,}", line)) >= 4 for line in text.splitlines())
    return bool(THAI.search(text)) and english and "Traceback" not in text


def test_new_site_builds_and_passes_the_gate(tmp_path):
    """The issue's "done when": changwat new /tmp/x && cd /tmp/x && changwat build && changwat check."""
    site = tmp_path / "x"
    made = changwat("new", str(site), cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr

    built = changwat("build", cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    home, english = site / "site" / "index.html", site / "site" / "en" / "index.html"
    assert '<html lang="th"' in home.read_text(encoding="utf-8")
    assert '<html lang="en"' in english.read_text(encoding="utf-8")
    assert "สำนักงานจังหวัดใหม่" in home.read_text(encoding="utf-8")
    assert "New Provincial Office" in english.read_text(encoding="utf-8")
    # The generated parts are there: the example news item in the news listing and on the home page, the feeds.
    item = next((site / "docs" / "th" / "news").glob("20*.md")).stem
    for page in (site / "site" / "news" / "index.html", home):
        assert f'href="{"" if page != home else "news/"}{item}/"' in page.read_text(encoding="utf-8"), page
    assert (site / "site" / "news" / "rss.xml").is_file()

    checked = changwat("check", cwd=site)
    assert checked.returncode == 0, checked.stdout[-6000:] + checked.stderr[-3000:]
    # The gate judged this site with its own mkdocs.yml and wrote its reports into the site's folder.
    assert "as https://www.new-province.go.th/" in checked.stdout
    report = json.loads((site / "reports" / "checks.json").read_text(encoding="utf-8"))
    assert set(report["checks"]) == {"vnu", "axe", "ibm", "links", "i18n", "privacy", "audit"}
    assert (site / "reports" / "audit.json").is_file()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = changwat("new", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert said_in_both_languages(result.stderr), result.stderr
    assert "ไม่ว่าง" in result.stderr or "มีไฟล์อยู่แล้ว" in result.stderr
    assert "not empty" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_wrong_commands_are_plain_messages(tmp_path):
    unknown = changwat("new-item", "gossip", "a-story", cwd=tmp_path)
    assert unknown.returncode == 2 and said_in_both_languages(unknown.stderr), unknown.stderr
    assert "news, announcements, procurement" in unknown.stderr

    no_site = changwat("build", cwd=tmp_path)
    assert no_site.returncode == 2 and said_in_both_languages(no_site.stderr), no_site.stderr

    not_built = tmp_path / "fresh"
    assert changwat("new", str(not_built), cwd=tmp_path).returncode == 0
    unbuilt = changwat("check", "--no-install", cwd=not_built)
    assert unbuilt.returncode == 2 and "changwat build" in unbuilt.stderr and THAI.search(unbuilt.stderr)

    bad_url = changwat("new", str(tmp_path / "y"), "--site-url", "www.example.go.th", cwd=tmp_path)
    assert bad_url.returncode == 2 and said_in_both_languages(bad_url.stderr), bad_url.stderr
    assert not (tmp_path / "y").exists()

    usage = changwat("build", "--bogus", cwd=tmp_path)
    assert usage.returncode == 2 and "คำสั่งไม่ถูกต้อง" in usage.stderr and "Traceback" not in usage.stderr


def test_new_item_through_the_command(tmp_path):
    site = tmp_path / "x"
    create_site(site)
    result = changwat("new-item", "news", "flood-relief-bags", cwd=site)
    assert result.returncode == 0, result.stderr
    made = sorted(p.relative_to(site).as_posix() for p in site.glob("docs/*/news/*-flood-relief-bags.md"))
    assert [p.split("/")[1] for p in made] == ["en", "th"]
    again = changwat("new-item", "news", "flood-relief-bags", cwd=site)
    assert again.returncode == 1 and THAI.search(again.stderr) and "Traceback" not in again.stderr, again.stderr
    assert "Already there" in again.stderr


def test_names_fill_every_token_and_stay_valid_yaml(tmp_path):
    names = OfficeNames(name_th='สำนักงานจังหวัดทดสอบ: "ก"', name_en='Test Office: "A"', province_th="จังหวัดทดสอบ",
                        province_en="Test Province", site_url="https://www.test.go.th")
    written = create_site(tmp_path / "s", names)
    assert {p.relative_to(tmp_path / "s").as_posix() for p in written} >= {
        ".gitignore", ".github/workflows/site.yml", "README.md", "mkdocs.yml", "data/office.yml", "docs/th/index.md",
        "docs/en/index.md"}
    for path in written:
        if path.suffix in (".md", ".yml", ".svg", ""):
            left = re.findall(r"__[A-Z][A-Z_]*__", path.read_text(encoding="utf-8"))
            assert not left, f"{path}: {left}"
    config = yaml.safe_load((tmp_path / "s" / "mkdocs.yml").read_text(encoding="utf-8"))
    office = yaml.safe_load((tmp_path / "s" / "data" / "office.yml").read_text(encoding="utf-8"))
    assert "office" not in config["extra"]   # the office's details are in their own file, which the editor edits
    assert office["name"] == {"th": names.name_th, "en": names.name_en}
    assert config["site_url"] == "https://www.test.go.th/"
    assert office["email"] == "saraban@test.go.th"
    assert "custom_dir" not in config["theme"]  # the kit's templates come with the plugin, not a copy
    workflow = yaml.safe_load((tmp_path / "s" / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = " ".join(step.get("run", "") for step in workflow["jobs"]["site"]["steps"])
    assert "pip install -r requirements.txt" in steps and "changwat build && changwat check" in steps
    # Upgrading a site is changing one version: the kit that scaffolded it, pinned with its gate's packages.
    from changwat import __version__
    assert (tmp_path / "s" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == \
        f"changwat[check]=={__version__}"


def test_site_override_wins_over_the_kit_template(tmp_path):
    site = tmp_path / "x"
    create_site(site)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  # custom_dir: overrides" in text
    config.write_text(text.replace("  # custom_dir: overrides", "  custom_dir: overrides"), encoding="utf-8")
    (site / "overrides" / "site").mkdir(parents=True)
    (site / "overrides" / "site" / "footer.html").write_text(
        '<footer class="md-footer">OFFICE-OWN-FOOTER-7731</footer>\n', encoding="utf-8")
    built = changwat("build", cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    for page in ("index.html", "en/index.html", "contact/index.html"):
        html = (site / "site" / page).read_text(encoding="utf-8")
        assert "OFFICE-OWN-FOOTER-7731" in html
        assert "changwat-footer__inner" not in html  # the kit's footer is not there as well


def test_wheel_ships_templates_gate_and_scaffold(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--disable-pip-version-check",
                            "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("changwat-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    theme = {f"changwat/theme/{p.relative_to(ROOT / 'overrides').as_posix()}"
             for p in (ROOT / "overrides").rglob("*") if p.is_file()}
    assert theme and theme <= names, sorted(theme - names)
    gate = {f"changwat/checks/{p.name}" for p in (ROOT / "checks").iterdir()
            if p.is_file() and p.suffix in (".py", ".yml", ".sh")}
    assert "changwat/checks/__main__.py" in gate and gate <= names, sorted(gate - names)
    scaffold = {f"changwat/cli/scaffold/{p.relative_to(SCAFFOLD).as_posix()}" for p in scaffold_files()}
    assert "changwat/cli/scaffold/gitignore" in scaffold and scaffold <= names, sorted(scaffold - names)
    assert {"changwat/checks/node/package.json", "changwat/checks/node/package-lock.json",
            "changwat/data/ui.yml", "changwat/sections/sections.yml"} <= names
    # The shipped pins are the repository's, not a copy that could drift.
    with zipfile.ZipFile(wheel) as z:
        for name in ("package.json", "package-lock.json"):
            assert z.read(f"changwat/checks/node/{name}") == (ROOT / name).read_bytes()
        entry_points = z.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "changwat = changwat.cli:main" in entry_points


def test_installed_kit_keeps_its_node_tools_in_a_cache(monkeypatch, tmp_path):
    """Outside the source tree (pip install changwat), the gate's tools come from the shipped pins, into a cache."""
    assert tools.manifest_dir() == ROOT  # here: the repository's package.json and node_modules
    monkeypatch.setattr(tools, "SOURCE_TREE", tmp_path / "site-packages" / "changwat")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CHANGWAT_NODE_MODULES", raising=False)
    assert tools.manifest_dir() == tools.SHIPPED
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert tools.pinned("vnu-jar") == pins["vnu-jar"]
    modules = tools.node_modules()
    assert modules.is_relative_to(tmp_path / "cache" / "changwat" / "node")
    assert pins["axe-core"] in str(modules) and pins["vnu-jar"] in str(modules)
    assert tools.vnu_jar() == modules / "vnu-jar/build/dist/vnu.jar"


def test_python_dash_m_changwat_is_the_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "changwat", "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0
    assert all(word in result.stdout for word in ("new", "build", "serve", "check", "new-item"))
    assert THAI.search(result.stdout)


@pytest.mark.parametrize("name", ["gitignore", "github/workflows/site.yml"])
def test_dotfiles_are_written_with_their_dot(tmp_path, name):
    source = SCAFFOLD / name
    assert destination(source, tmp_path).relative_to(tmp_path).as_posix().startswith(".")
