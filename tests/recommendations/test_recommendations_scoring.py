"""Scores: per recommendation, sub-indicator, dimension and overall, checked against hand-computed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from changwat.recommendations.evidence import MET, NOT_MET, PART, PENDING, WHOLE, Evidence
from changwat.recommendations.model import load_report, report_from_data
from changwat.recommendations.progress import Progress, ProgressData, parse_progress
from changwat.recommendations.scoring import rounded, score_recommendation, score_report

ROOT = Path(__file__).resolve().parents[2]
REPORT = load_report(ROOT / "data" / "recommendations.yml")
IDS = [r.id for r in REPORT.recommendations]


def sample_scores(evidence=None):
    progress, problems = parse_progress((ROOT / "data" / "progress.yml").read_text(encoding="utf-8"), IDS)
    assert problems == []
    return score_report(REPORT, progress, evidence)


# Hand computation on data/progress.yml (not started 0, in progress 50, done 100, a given score wins, no data 0;
# sub-indicator = mean of its recommendations, dimension = mean of its sub-indicators):
#   d1: s1 (100+50+60+0)/4 = 52.5   s2 50   s3 100   s4 (100+50+0+100)/4 = 62.5     -> 265/4     = 66.25
#   d2: s1 (0+0+50+25)/4 = 18.75    s2 (100+50+0)/3 = 50   s3 (40+0)/2 = 20   s4 0  -> 88.75/4   = 22.1875
#   d3: s1 (50+0+100+0+0+100+50+30+50+0)/10 = 38   s2 100   s3 400/6   s4 50/3       -> 166/3     = 55.333…
#   d4: s1 (70+0+50+0+100)/5 = 44   s2 (50+100+100+0)/4 = 62.5                     -> 106.5/2   = 53.25
#   d5: s1 420/9   s2 130/6                                                          -> 205/6     = 34.1666…
#   d6: no data                                                                      -> 0
#   overall = (20×66.25 + 20×22.1875 + 30×166/3 + 10×53.25 + 15×205/6 + 5×0) / 100
#           = (1325 + 443.75 + 1660 + 532.5 + 512.5 + 0) / 100 = 44.7375
EXPECTED_DIMENSIONS = {"d1": 66.25, "d2": 22.1875, "d3": 166 / 3, "d4": 53.25, "d5": 205 / 6, "d6": 0.0}
EXPECTED_SUBS = {
    "d1-s1": 52.5, "d1-s2": 50, "d1-s3": 100, "d1-s4": 62.5,
    "d2-s1": 18.75, "d2-s2": 50, "d2-s3": 20, "d2-s4": 0,
    "d3-s1": 38, "d3-s2": 100, "d3-s3": 400 / 6, "d3-s4": 50 / 3,
    "d4-s1": 44, "d4-s2": 62.5, "d5-s1": 420 / 9, "d5-s2": 130 / 6,
    "d6-s1": 0, "d6-s2": 0, "d6-s3": 0, "d6-s4": 0,
}


def test_sample_overall_score_equals_the_hand_computation():
    scores = sample_scores()
    assert scores.score == pytest.approx(44.7375)
    assert rounded(scores.score) == "44.7"
    assert scores.total_weight == 100


def test_sample_dimension_and_sub_indicator_scores():
    scores = sample_scores()
    assert {d.dimension.id: d.score for d in scores.dimensions} == pytest.approx(EXPECTED_DIMENSIONS)
    subs = {s.sub_indicator.id: s.score for d in scores.dimensions for s in d.sub_indicators}
    assert subs == pytest.approx(EXPECTED_SUBS)


def test_sample_counts_recommendations_without_data():
    scores = sample_scores()
    assert {d.dimension.id: (d.with_data, len(d.recommendations)) for d in scores.dimensions} == {
        "d1": (9, 10), "d2": (7, 10), "d3": (16, 21), "d4": (7, 9), "d5": (10, 15), "d6": (0, 4)}
    assert scores.with_data == 49 and len(scores.recommendations) == 69
    assert len(scores.by_status("no-data")) == 20
    assert {s: len(scores.by_status(s)) for s in ("done", "in-progress", "not-started", "not-met")} == {
        "done": 18, "in-progress": 23, "not-started": 8, "not-met": 0}


def test_dimension_without_progress_data_scores_zero_and_still_weighs():
    scores = sample_scores()
    d6 = next(d for d in scores.dimensions if d.dimension.id == "d6")
    assert d6.score == 0 and d6.with_data == 0 and d6.weighted == 0
    assert all(r.status == "no-data" for r in d6.recommendations)
    # Its 5 % still counts in the denominator: the overall score is not inflated by missing data.
    assert scores.score == pytest.approx(sum(d.weighted for d in scores.dimensions))


def test_empty_progress_scores_zero_everywhere():
    scores = score_report(REPORT, ProgressData({}))
    assert scores.score == 0 and scores.with_data == 0


TINY = report_from_data({
    "title": {"th": "t", "en": "t"},
    "dimensions": [
        {"id": "d1", "number": 1, "weight": 60, "title": {"th": "a", "en": "a"}, "sub_indicators": [
            {"id": "d1-s1", "number": "1)", "title": {"th": "x", "en": "x"}, "recommendations": [
                {"id": "d1-s1-r1", "number": "1.", "text": {"th": "a", "en": "a"}},
                {"id": "d1-s1-r2", "number": "2.", "text": {"th": "b", "en": "b"}},
                {"id": "d1-s1-r3", "number": "3.", "text": {"th": "c", "en": "c"}}]},
            {"id": "d1-s2", "number": "2)", "title": {"th": "y", "en": "y"}, "recommendations": [
                {"id": "d1-s2-r4", "number": "4.", "text": {"th": "d", "en": "d"}}]}]},
        {"id": "d2", "number": 2, "weight": 40, "title": {"th": "b", "en": "b"}, "sub_indicators": [
            {"id": "d2-s1", "number": "1)", "title": {"th": "z", "en": "z"}, "recommendations": [
                {"id": "d2-s1-r1", "number": "1.", "text": {"th": "e", "en": "e"}}]}]},
    ],
})


def test_partial_scores_and_dimension_as_mean_of_sub_indicators():
    progress = ProgressData({
        "d1-s1-r1": Progress("d1-s1-r1", status="done"),
        "d1-s1-r2": Progress("d1-s1-r2", status="in-progress", score=20),   # the given score wins over 50
        "d1-s2-r4": Progress("d1-s2-r4", score=90),                         # a score alone is enough
    })
    scores = score_report(TINY, progress)
    d1, d2 = scores.dimensions
    assert [s.score for s in d1.sub_indicators] == pytest.approx([40, 90])   # (100+20+0)/3, 90
    # Mean of sub-indicators (65), not of recommendations ((100+20+0+90)/4 = 52.5).
    assert d1.score == pytest.approx(65)
    assert d2.score == 0 and d2.with_data == 0
    assert scores.score == pytest.approx((60 * 65 + 40 * 0) / 100)
    assert scores.recommendation("d1-s2-r4").status == "in-progress"
    assert scores.recommendation("d1-s1-r2").score_given


def test_status_alone_maps_to_0_50_100():
    rec = TINY.recommendations[0]
    assert [score_recommendation(rec, Progress(rec.id, status=s), None).score
            for s in ("not-started", "in-progress", "done")] == [0, 50, 100]
    assert score_recommendation(rec, Progress(rec.id, score=100), None).status == "done"
    assert score_recommendation(rec, Progress(rec.id, score=0), None).status == "not-started"
    assert score_recommendation(rec, None, None).status == "no-data"


def test_whole_site_evidence_overrides_progress_only_once_decided():
    rec = TINY.recommendations[0]
    said_done = Progress(rec.id, status="done")
    failed = score_recommendation(rec, said_done, Evidence(rec.id, NOT_MET, scope=WHOLE))
    assert (failed.status, failed.score, failed.source) == ("not-met", 0, "evidence")
    met = score_recommendation(rec, None, Evidence(rec.id, MET, scope=WHOLE))
    assert (met.status, met.score, met.decided_by_evidence, met.source) == ("done", 100, True, "verified")
    pending = score_recommendation(rec, Progress(rec.id, status="in-progress"), Evidence(rec.id, PENDING, scope=WHOLE))
    assert (pending.status, pending.score, pending.decided_by_evidence) == ("in-progress", 50, False)


@pytest.mark.parametrize("state", [MET, NOT_MET, PENDING])
def test_partial_site_evidence_never_changes_status_or_score(state):
    # d1-s1-r4 in the sample: the officer says not started (0); a passing complaint-channel check proves part only.
    rec = TINY.recommendations[0]
    officer = Progress(rec.id, status="not-started")
    scored = score_recommendation(rec, officer, Evidence(rec.id, state))     # scope defaults to part
    assert (scored.status, scored.score, scored.decided_by_evidence, scored.source) == ("not-started", 0, False, "status")
    assert scored.partial_evidence is not None and scored.partial_evidence.state == state
    unknown = score_recommendation(rec, None, Evidence(rec.id, state, scope=PART))
    assert (unknown.status, unknown.score) == ("no-data", 0)


def test_whole_evidence_changes_the_sample_score_as_computed():
    # d1-s1-r2 (in progress, 50) failing its checks drops d1-s1 to (100+0+60+0)/4 = 40, d1 to 252.5/4 = 63.125.
    scores = sample_scores({"d1-s1-r2": Evidence("d1-s1-r2", NOT_MET, scope=WHOLE)})
    assert scores.dimensions[0].score == pytest.approx(63.125)
    assert scores.score == pytest.approx(44.7375 - 20 * (66.25 - 63.125) / 100)


def test_partial_evidence_leaves_the_sample_score_alone():
    # The old d1-s1-r4 flip: P6 passing made "not started, 0" into "done, 100" (+20 × 25 / 4 / 100 = +1.25).
    met = {rec_id: Evidence(rec_id, MET) for rec_id in ("d1-s1-r4", "d5-s2-r13", "d3-s2-r11", "d3-s2-r12")}
    scores = sample_scores(met)
    assert scores.score == pytest.approx(44.7375)
    assert scores.recommendation("d1-s1-r4").status == "not-started" and scores.recommendation("d1-s1-r4").score == 0


def test_rounding_is_half_up_to_one_decimal():
    assert [rounded(v) for v in (52.25, 44.7375, 0, 100, 166 / 3)] == ["52.3", "44.7", "0.0", "100.0", "55.3"]
