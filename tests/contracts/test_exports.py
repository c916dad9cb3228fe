"""data/service/qa.json, survey.json, stats.json: what the service writes is what the site's build reads (the
kit's reader is the service's own contract file), and a file that does not match names the file and field."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from changwat.contracts import exports as kit
from changwat.participation.service_forms import load_export, qa_view, survey_view, visits_view
from changwat.core.problems import ContentError
from changwat_service.contract import exports as service

GENERATED = "2026-11-24T03:00:00+00:00"


def service_exports():
    """The three exports as the service builds them."""
    return (
        service.QaExport(GENERATED, {"th": (service.Answer("Q-AAAA-0001", "ขอใบอนุญาตที่ไหน", "ชั้น 1",
                                                           "2026-11-02", "2026-11-05"),), "en": ()}),
        service.SurveyExport(GENERATED, (service.SurveyMonth("2026-11", "home", 3, {"1": 1, "2": 0, "3": 0, "4": 0,
                                                                                  "5": 2}, 3.67),)),
        service.StatsExport(GENERATED, (service.DayCount("2026-11-23", 56, {"/": 50, "/en/": 6}),)),
    )


@pytest.mark.parametrize("index, name", [(0, "qa.json"), (1, "survey.json"), (2, "stats.json")])
def test_service_writes_what_the_kit_reads(tmp_path, index, name):
    export = service_exports()[index]
    path = service.write_export(tmp_path, export)
    assert path == tmp_path / name and not list(tmp_path.glob(".*"))  # renamed into place, nothing left over
    assert service.read_export(path) == export
    back = kit.read_export(path)  # the site's side: a class of the same file, imported through the kit
    assert type(back).__name__ == type(export).__name__ and dataclasses.asdict(back) == dataclasses.asdict(export)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def test_views_of_what_the_service_wrote(tmp_path):
    for export in service_exports():
        service.write_export(tmp_path, export)
    qa = load_export(tmp_path / "qa.json")
    assert [r["anchor"] for r in qa_view(qa, "th")] == ["qa-q-aaaa-0001"] and qa_view(qa, "en") == []
    assert survey_view(load_export(tmp_path / "survey.json"), "en")[0]["average"] == "3.67"
    assert visits_view(load_export(tmp_path / "stats.json"), "th")["all_total"] == 56
    assert load_export(tmp_path / "absent" / "qa.json") is None


def refusal(path, name) -> service.ContractError:
    with pytest.raises(kit.ContractError) as caught:
        kit.read_export(path, name)
    error = caught.value
    assert name in str(error) and "ปัญหา:" in str(error) and "Problem:" in str(error)
    assert "make service-export" in error.fix_en and "make service-export" in error.fix_th
    return error


@pytest.mark.parametrize("index, change, field, expected", [
    (0, lambda d: d["questions"]["th"][0].pop("answer"), "questions.th[0].answer", "required field answer"),
    (0, lambda d: d["questions"]["th"][0].update(answered="5 Nov"), "questions.th[0].answered", "a date like"),
    (0, lambda d: d.update(questions=[]), "questions", "an object"),
    (1, lambda d: d["months"][0].update(responses="3"), "months[0].responses", "a whole number"),
    (1, lambda d: d["months"][0].update(month="2026-11-01"), "months[0].month", "a month like"),
    (1, lambda d: d["months"][0]["ratings"].update({"5": None}), "months[0].ratings.5", "a whole number"),
    (2, lambda d: d.pop("generated"), "generated", "required field generated"),
    (2, lambda d: d["days"][0].update(pages=None), "days[0].pages", "an object"),
    (2, lambda d: d.update(version=3), "version", "format version 3"),
])
def test_a_mismatch_names_the_file_and_the_field(tmp_path, index, change, field, expected):
    export = service_exports()[index]
    data = dataclasses.asdict(export)
    change(data)
    name = next(n for n, cls in service.FILES.items() if isinstance(export, cls))
    (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    error = refusal(tmp_path / name, f"data/service/{name}")
    assert error.field == field and expected in error.what_en


def test_a_truncated_export(tmp_path):
    path = service.write_export(tmp_path, service_exports()[2])
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    assert "not complete JSON" in refusal(path, "data/service/stats.json").what_en
    with pytest.raises(ContentError, match=r"data/service/stats\.json \(line \d+\)"):
        load_export(path, "data/service/stats.json")


def test_unknown_fields_from_a_newer_service_are_ignored(tmp_path):
    data = dataclasses.asdict(service_exports()[2])
    data["days"][0]["bots"] = 3
    (tmp_path / "stats.json").write_text(json.dumps(data), encoding="utf-8")
    assert kit.read_export(tmp_path / "stats.json").days[0].total == 56


def test_an_export_from_before_the_version_field_still_reads(tmp_path):
    data = dataclasses.asdict(service_exports()[0])
    del data["version"]
    (tmp_path / "qa.json").write_text(json.dumps(data), encoding="utf-8")
    assert kit.read_export(tmp_path / "qa.json").version == 1


def test_a_real_service_export_is_read_by_the_kit(tmp_path):
    """The service's own export over a real database, read back by the site's reader and views."""
    from sqlalchemy import select

    from changwat_service import cases, stats, survey
    from changwat_service.db import Database, migrate
    from changwat_service.exports import export_all
    from changwat_service.models import Case

    url = f"sqlite:///{tmp_path / 'service.sqlite3'}"
    migrate(url)
    db = Database(url)
    try:
        code = cases.submit(db, "question", "en", {"name": "A", "email": "a@example.com", "phone": "",
                                                   "subject": "Hours", "body": "When do you open?"})
        with db.read() as s:
            case_id = s.execute(select(Case.id).where(Case.code == code)).scalar_one()
        cases.update(db, case_id, status="answered", reply="8:30 to 16:30.", public=True,
                     public_question="When is the office open?")
        survey.record(db, 4, None, "/en/news/x/")
        stats.record_hit(db, "/en/")
        stats.record_hit(db, "/en/")
        paths = export_all(db, tmp_path / "data" / "service")
    finally:
        db.dispose()
    assert [p.name for p in paths] == ["qa.json", "survey.json", "stats.json"]
    [answer] = qa_view(load_export(paths[0], "data/service/qa.json"), "en")
    assert answer["question"] == "When is the office open?" and answer["answer"] == [["8:30 to 16:30."]]
    assert answer["anchor"] == "qa-" + code.lower()
    assert survey_view(load_export(paths[1]), "th")[0]["responses"] == 1
    assert visits_view(load_export(paths[2]), "en")["all_total"] == 2
