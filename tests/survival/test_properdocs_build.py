"""ProperDocs as the drop-in replacement for MkDocs 1.6: the same site, the same messages for the officer."""

from __future__ import annotations

import json
import subprocess

from conftest import ROOT

from changwat.checks.__main__ import main as gate
from changwat.checks.compare_builds import GENERATORS, build_both, compare, report
from changwat.cli.build import build_atomically


def pinned(package: str) -> str:
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.lower().startswith(f"{package}=="):
            return line.split("==", 1)[1]
    raise AssertionError(f"{package} is not pinned in constraints.txt")


def test_each_generator_command_runs_the_pinned_generator():
    for name in GENERATORS:
        result = subprocess.run([*GENERATORS[name], "--version"], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        # "python -m properdocs, version 1.6.7 from …/site-packages/properdocs (Python 3.11)"
        assert f"version {pinned(name)} from " in result.stdout
        assert result.stdout.split(" (Python")[0].endswith(f"{name}"), result.stdout


def test_minisite_builds_the_same_with_mkdocs_and_properdocs(minisite, tmp_path):
    built = build_both(minisite, tmp_path / "survival")
    assert built is not None, "a build failed: see the captured output"
    mkdocs_site, properdocs_site = built["mkdocs"], built["properdocs"]
    # The kit's plugins and mkdocs-static-i18n ran under ProperDocs: both languages and the kit's assets are there.
    assert (properdocs_site / "en" / "index.html").is_file()
    assert '<html lang="th"' in (properdocs_site / "index.html").read_text(encoding="utf-8")
    assert list((properdocs_site / "assets" / "changwat").rglob("*.css"))
    result = compare(mkdocs_site, properdocs_site)
    assert result.identical, report(result, mkdocs_site, properdocs_site)
    assert result.same > 20


def test_an_officers_mistake_stops_both_builds_with_the_same_message(minisite, tmp_path, capfd):
    page = minisite.parent / "docs" / "th" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![](../assets/missing.png)\n", encoding="utf-8")
    messages = {}
    for name, command in GENERATORS.items():
        assert build_atomically(minisite, tmp_path / name, command) != 0
        assert not (tmp_path / name).exists(), "a failed build must leave no site behind"
        err = capfd.readouterr().err
        messages[name] = [line for line in err.splitlines() if line.startswith("docs/") or "ไม่สำเร็จ" in line]
    assert any(line.startswith("docs/th/index.md:") for line in messages["mkdocs"]), messages
    assert messages["properdocs"] == messages["mkdocs"]


def test_gate_over_another_build_writes_its_reports_apart(tmp_path):
    # make survival gates the ProperDocs build; reports/ is what the compliance page publishes and must not move.
    published = {name: (ROOT / "reports" / name) for name in ("checks.json", "audit.json")}
    before = {name: path.read_bytes() if path.exists() else None for name, path in published.items()}
    fixture = ROOT / "tests" / "fixtures" / "gate" / "site"
    code = gate(["--site", str(fixture), "--only", "links,audit", "--reports", str(tmp_path / "r"),
                 "--site-url", "https://gate.example.go.th/"])
    assert code == 1  # the fixture has broken links on purpose
    assert json.loads((tmp_path / "r" / "checks.json").read_text(encoding="utf-8"))["checks"]["links"]["errors"]
    assert "items" in json.loads((tmp_path / "r" / "audit.json").read_text(encoding="utf-8"))
    assert {name: path.read_bytes() if path.exists() else None for name, path in published.items()} == before
