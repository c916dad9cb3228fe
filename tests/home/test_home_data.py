"""data/services.yml and data/alerts.yml: typed records, every problem at its file and line in Thai and English,
alerts shown only between start and the end of their expiry day (Bangkok), and the editor's fields follow the
same definitions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from textwrap import dedent

from changwat.core.languages import Languages
from changwat.core.thai_dates import BANGKOK
from changwat.editor.config import home_collection
from changwat.core.records import required
from changwat.home.data import ALERTS, SERVICES, Alert, Tile, load_file, load_home

from conftest import ROOT, mkdocs_build, write_minisite

LANGS = ("th", "en")


def _load(kind, tmp_path, text, docs=None):
    path = tmp_path / f"{kind.name}.yml"
    path.write_text(dedent(text), encoding="utf-8")
    return load_file(kind, path, f"data/{kind.name}.yml", LANGS, docs)


ALERT = """\
    alerts:
      - level: warning
        title: {th: ระดับน้ำสูง, en: High water}
        text: {th: หลีกเลี่ยงถนนริมแม่น้ำ, en: Avoid the riverside roads.}
        start: 2026-11-20
        expires: %s
"""


def test_the_sample_files_load():
    data, problems = load_home(ROOT / "data", LANGS, ROOT / "docs")
    assert problems == []
    assert data.tiles and all(isinstance(t, Tile) for t in data.tiles)


def test_alert_is_shown_from_start_to_the_end_of_its_last_day(tmp_path):
    (alert,), problems = _load(ALERTS, tmp_path, ALERT % "2026-11-30")
    assert problems == []
    assert alert.title == {"th": "ระดับน้ำสูง", "en": "High water"}
    at = lambda *args: dt.datetime(*args, tzinfo=BANGKOK)  # noqa: E731
    assert not alert.shown_at(at(2026, 11, 19, 23, 59))
    assert alert.shown_at(at(2026, 11, 20, 0, 0))
    assert alert.shown_at(at(2026, 11, 30, 23, 59))
    assert not alert.shown_at(at(2026, 12, 1, 0, 0))
    # 23:30 in Bangkok on the last day is 16:30 UTC: still shown whatever the build machine's zone.
    assert alert.shown_at(dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.timezone.utc))


def test_a_time_makes_the_expiry_exact(tmp_path):
    (alert,), _ = _load(ALERTS, tmp_path, ALERT % "2026-11-30 12:00")
    assert alert.shown_at(dt.datetime(2026, 11, 30, 11, 59, tzinfo=BANGKOK))
    assert not alert.shown_at(dt.datetime(2026, 11, 30, 12, 0, tzinfo=BANGKOK))


def test_buddhist_era_year_is_refused_with_the_gregorian_one(tmp_path):
    records, (problem,) = _load(ALERTS, tmp_path, ALERT % "2569-11-30")
    assert records == ()
    assert (problem.file, problem.line, problem.field) == ("data/alerts.yml", 6, "alerts[1].expires")
    assert "2569" in problem.what_th and "พ.ศ." in problem.what_th
    assert "2026-11-30" in problem.fix_th and "2026-11-30" in problem.fix_en


def test_every_problem_in_one_round_with_its_line(tmp_path):
    records, problems = _load(ALERTS, tmp_path, """\
        alerts:
          - level: boom
            title: {th: น้ำท่วม}
            text: {th: ระวัง, en: Careful}
            start: 2026-11-01
            expires: 2026-13-45
            colour: red
          - level: info
            title: {th: ทดสอบ, en: Test}
            text: {th: ก, en: b}
            start: 2026-11-10
            expires: 2026-11-01
          - level: info
            text: {th: ก, en: b}
            expires: 2026-12-01
            link: missing/page.md
    """, docs=ROOT / "docs")
    assert records == ()
    found = {(p.line, p.field) for p in problems}
    assert found == {(2, "alerts[1].level"), (3, "alerts[1].title.en"), (6, "alerts[1].expires"),
                     (7, "alerts[1].colour"), (12, "alerts[2].expires"), (13, "alerts[3].title"),
                     (13, "alerts[3].start"), (16, "alerts[3].link")}
    for p in problems:
        assert p.what_th and p.what_en and p.fix_th and p.fix_en
        assert any("\u0e00" <= c <= "\u0e7f" for c in p.what_th + p.fix_th)


def test_broken_yaml_and_wrong_shapes(tmp_path):
    _, (problem,) = _load(SERVICES, tmp_path, 'tiles:\n  - title: {th: "ไม่ปิด, en: x}\n    link: a.md\n')
    assert problem.line == 2 and "YAML" in problem.what_en
    _, (problem,) = _load(SERVICES, tmp_path, "tile: []\n")
    assert problem.field == "tiles" and "tiles:" in problem.fix_en
    _, (problem,) = _load(SERVICES, tmp_path, "tiles: just text\n")
    assert problem.field == "tiles" and problem.line == 1
    _, (problem,) = _load(SERVICES, tmp_path, "tiles:\n  - title: บริการ\n    text: {th: ก, en: b}\n"
                                               "    link: https://example.org\n")
    assert (problem.line, problem.field) == (2, "tiles[1].title") and "th: ..." in problem.fix_en


def test_missing_files_are_empty_and_empty_lists_are_fine(tmp_path):
    assert load_home(tmp_path, LANGS) == (load_home(tmp_path, LANGS)[0], [])
    assert _load(ALERTS, tmp_path, "alerts: []\n") == ((), [])
    assert _load(ALERTS, tmp_path, "alerts:\n") == ((), [])


def test_editor_fields_follow_the_dataclasses():
    langs = Languages(codes=LANGS, names={"th": "ไทย", "en": "English"})
    files = {f["name"]: f for f in home_collection(langs, "data")["files"]}
    assert files["alerts"]["file"] == "data/alerts.yml"
    for kind, record in ((SERVICES, Tile), (ALERTS, Alert)):
        (listed,) = files[kind.name]["fields"]
        assert listed["name"] == kind.key
        fields = {f["name"]: f for f in listed["fields"]}
        assert list(fields) == [f.name for f in dataclasses.fields(record)]
        for f in dataclasses.fields(record):
            assert fields[f.name]["required"] == required(f), f.name
            if f.metadata["kind"] == "text":
                assert [sub["name"] for sub in fields[f.name]["fields"]] == list(LANGS)
    alert_fields = {f["name"]: f for f in files["alerts"]["fields"][0]["fields"]}
    assert [o["value"] for o in alert_fields["level"]["options"]] == ["info", "warning", "danger"]
    assert alert_fields["link"]["required"] is False and alert_fields["expires"]["widget"] == "datetime"


def test_a_wrong_alert_stops_the_build_with_its_line(tmp_path):
    config = write_minisite(tmp_path)
    (tmp_path / "data").mkdir(exist_ok=True)  # write_minisite gave it data/office.yml
    (tmp_path / "data" / "alerts.yml").write_text(dedent(ALERT % "2569-11-30"), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/alerts.yml:6 (alerts[1].expires)" in output and "Traceback" not in output
    assert not (tmp_path / "site").exists()


def test_templates_get_the_tiles_and_only_the_alerts_shown_now(tmp_path):
    from mkdocs.config import load_config

    from changwat.home.context import home_data

    config_file = write_minisite(tmp_path)
    (tmp_path / "data").mkdir(exist_ok=True)  # write_minisite gave it data/office.yml
    over = "  - {level: info, title: {th: หมดแล้ว, en: Over}, text: {th: ก, en: b}, start: 2026-01-01, " \
           "expires: 2026-01-31}\n"
    (tmp_path / "data" / "alerts.yml").write_text(dedent(ALERT % "2026-11-30") + over, encoding="utf-8")
    config = load_config(str(config_file))
    shown = home_data(config, now=dt.datetime(2026, 11, 25, tzinfo=BANGKOK))
    assert [a.title["en"] for a in shown.alerts] == ["High water"]
    assert config.extra["home"] is shown and home_data(config) is shown
    assert shown.tiles == ()
