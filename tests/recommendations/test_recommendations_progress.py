"""data/progress.yml: what a web officer writes, and the file/line/field messages for their mistakes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from changwat.core.problems import ContentError
from changwat.recommendations.model import load_report
from changwat.recommendations.progress import parse_progress

ROOT = Path(__file__).resolve().parents[2]
IDS = [r.id for r in load_report(ROOT / "data" / "recommendations.yml").recommendations]


def parse(text: str):
    return parse_progress(text, IDS, "data/progress.yml")


def only_problem(text: str):
    _, problems = parse(text)
    assert len(problems) == 1, [p.explain() for p in problems]
    return problems[0]


def test_sample_progress_is_valid_and_realistic():
    data, problems = parse((ROOT / "data" / "progress.yml").read_text(encoding="utf-8"))
    assert problems == []
    assert data.updated == dt.date(2026, 11, 20)
    statuses = {e.status for e in data.entries.values()}
    assert {"done", "in-progress", "not-started"} <= statuses
    assert not any(rec_id.startswith("d6-") for rec_id in data.entries), "dimension 6 is the one without data"
    assert any(e.score is not None and e.status is None for e in data.entries.values())


def test_a_full_entry_is_read():
    data, problems = parse(
        "updated: 2026-11-20\n"
        "recommendations:\n"
        "  d1-s1-r1:\n"
        "    status: in-progress\n"
        "    score: 35.5\n"
        "    unit: {th: กลุ่มงาน ก, en: Group A}\n"
        "    target: 2027-01-31\n"
        "    evidence:\n"
        "      - url: https://example.go.th/plan.pdf\n"
        "        title: {th: แผน, en: Plan}\n"
        "      - https://example.go.th/other\n"
        "    note: หมายเหตุเดียวทั้งสองภาษา\n"
    )
    assert problems == []
    e = data.entries["d1-s1-r1"]
    assert (e.status, e.score, e.target, e.line) == ("in-progress", 35.5, dt.date(2027, 1, 31), 3)
    assert e.unit == {"th": "กลุ่มงาน ก", "en": "Group A"} and e.note == {"*": "หมายเหตุเดียวทั้งสองภาษา"}
    assert [link.url for link in e.evidence] == ["https://example.go.th/plan.pdf", "https://example.go.th/other"]
    assert e.evidence[0].title == {"th": "แผน", "en": "Plan"}


def test_thai_status_words_are_understood():
    data, problems = parse("recommendations:\n  d1-s1-r1: {status: ดำเนินการแล้ว}\n  d1-s1-r2: {status: กำลังดำเนินการ}\n"
                           "  d1-s1-r3: {status: ยังไม่เริ่ม}\n  d1-s1-r4: {status: In Progress}\n")
    assert problems == []
    assert [data.entries[i].status for i in ("d1-s1-r1", "d1-s1-r2", "d1-s1-r3", "d1-s1-r4")] == [
        "done", "in-progress", "not-started", "in-progress"]


def test_unknown_id_names_the_line_and_suggests_the_closest():
    p = only_problem("updated: 2026-11-20\nrecommendations:\n  d1-s1-r1: {status: done}\n  d2-s1-r11: {status: done}\n")
    assert (p.file, p.line, p.field) == ("data/progress.yml", 4, "d2-s1-r11")
    assert "d2-s1-r11" in p.what_th and "d2-s1-r11" in p.what_en and "Did you mean d2-s" in p.what_en


def test_bad_status_is_named_with_the_allowed_values():
    p = only_problem("recommendations:\n  d1-s1-r1:\n    unit: x\n    status: finished\n")
    assert (p.line, p.field) == (4, "d1-s1-r1.status")
    assert "finished" in p.what_th and "finished" in p.what_en
    assert "not-started" in p.fix_en and "ยังไม่เริ่ม" in p.fix_th


def test_score_out_of_range_and_not_a_number():
    p = only_problem("recommendations:\n  d1-s1-r1:\n    score: 120\n")
    assert (p.line, p.field) == (3, "d1-s1-r1.score") and "120" in p.what_en and "0–100" in p.what_th
    p = only_problem("recommendations:\n  d1-s1-r1:\n    score: 80%\n")
    assert "80%" in p.what_en and "not a number" in p.what_en
    assert only_problem("recommendations:\n  d1-s1-r1: {score: -1}\n").field == "d1-s1-r1.score"
    assert only_problem("recommendations:\n  d1-s1-r1: {score: true}\n").field == "d1-s1-r1.score"


def test_bad_dates():
    p = only_problem("recommendations:\n  d1-s1-r1:\n    status: done\n    target: 31/12/2026\n")
    assert (p.line, p.field) == (4, "d1-s1-r1.target") and "31/12/2026" in p.what_th
    p = only_problem("recommendations:\n  d1-s1-r1:\n    status: done\n    target: 2026-13-01\n")
    assert "2026-13-01" in p.what_en
    p = only_problem("updated: 2569-11-20\n")
    assert p.field == "updated" and "พ.ศ." in p.what_th and "2026-11-20" in p.fix_en


def test_entry_without_status_or_score_and_unknown_field():
    p = only_problem("recommendations:\n  d1-s1-r1:\n    unit: x\n")
    assert (p.line, p.field) == (2, "d1-s1-r1") and "neither" in p.what_en
    p = only_problem("recommendations:\n  d1-s1-r1:\n    status: done\n    staus: done\n")
    assert (p.line, p.field) == (4, "d1-s1-r1.staus") and "Did you mean status?" in p.what_en


def test_duplicate_id_names_both_lines():
    p = only_problem("recommendations:\n  d1-s1-r1: {status: done}\n  d1-s1-r1: {status: in-progress}\n")
    assert p.line == 3 and "2" in p.what_en and "3" in p.what_en


def test_bad_evidence_link():
    p = only_problem("recommendations:\n  d1-s1-r1:\n    status: done\n    evidence:\n      - url: www.example.go.th\n")
    assert (p.line, p.field) == (5, "d1-s1-r1.evidence") and "www.example.go.th" in p.what_en


def test_a_comma_in_a_flow_mapping_is_explained():
    # {th: ..., en: a, b} splits at the comma: the message says to quote the text.
    p = only_problem("recommendations:\n  d1-s1-r1:\n    status: done\n    note: {th: ก, en: one, two}\n")
    assert p.field == "d1-s1-r1.note" and "double quotes" in p.fix_en


def test_yaml_syntax_error_names_the_line():
    p = only_problem("recommendations:\n  d1-s1-r1:\n    status: done\n   score: 5\n")
    assert p.line in (3, 4) and "YAML" in p.what_en


def test_every_problem_is_reported_in_one_round_with_both_languages():
    _, problems = parse("recommendations:\n  d9-s1-r1: {status: done}\n  d1-s1-r1: {status: maybe, score: 101}\n")
    assert len(problems) == 3
    message = str(ContentError(problems))
    assert "data/progress.yml:2" in message and "data/progress.yml:3" in message
    assert "ปัญหา" in message and "Problem" in message


# ---- A status and a score that contradict each other ----------------------------------------------------------

@pytest.mark.parametrize("status,score,fits", [
    ("not-started", 95, "in-progress"), ("not-started", 100, "done"), ("done", 80, "in-progress"),
    ("done", 0, "not-started"), ("in-progress", 0, "not-started"), ("in-progress", 100, "done"),
    ("ยังไม่เริ่ม", 0.5, "in-progress"),
])
def test_a_status_and_score_that_contradict_are_refused_with_file_and_line(status, score, fits):
    problem = only_problem(f"updated: 2026-11-20\nrecommendations:\n  d1-s1-r4:\n    status: {status}\n"
                           f"    score: {score}\n")
    assert problem.where() == "data/progress.yml:5 (d1-s1-r4.score)"
    assert "contradicts" in problem.what_en and "(line 4)" in problem.what_en
    assert "ขัดกับคะแนน" in problem.what_th and "บรรทัด 4" in problem.what_th
    assert f"Change the status to {fits}" in problem.fix_en and f"แก้สถานะเป็น {fits}" in problem.fix_th


@pytest.mark.parametrize("status,score", [("not-started", 0), ("in-progress", 1), ("in-progress", 99.5),
                                          ("done", 100), ("กำลังดำเนินการ", 60)])
def test_a_status_and_score_that_agree_are_accepted(status, score):
    data, problems = parse(f"updated: 2026-11-20\nrecommendations:\n  d1-s1-r4: {{status: {status}, score: {score}}}\n")
    assert problems == [] and data.entries["d1-s1-r4"].score == score


def test_every_contradiction_in_a_file_is_reported_in_one_round():
    _, problems = parse("updated: 2026-11-20\nrecommendations:\n"
                        "  d1-s1-r1: {status: not-started, score: 95}\n  d1-s1-r2: {status: done, score: 50}\n")
    assert [p.where() for p in problems] == ["data/progress.yml:3 (d1-s1-r1.score)", "data/progress.yml:4 (d1-s1-r2.score)"]
