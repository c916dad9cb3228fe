"""Scores for each recommendation, sub-indicator, dimension and the whole report.

The method, as the site explains it (method page):

1. A recommendation scores its ``score`` from progress.yml when one is given; otherwise its status counts
   not started 0, in progress 50, done 100. A recommendation without progress data counts 0 (and is
   counted as "no data", so the page says how much of the score rests on missing data). Site evidence
   replaces both only where data/site-evidence.yml says its checks prove the whole recommendation (scope
   ``whole``): met 100, not met 0. Evidence of part of a recommendation is shown, never scored.

Every score here is the office's self-assessment against the report's recommendations, not an official index:
the pages and downloads say so.
2. A sub-indicator scores the mean of its recommendations.
3. A dimension scores the mean of its sub-indicators. The report measures a dimension by its sub-indicators;
   how many recommendations a sub-indicator has says how much advice the report gave, not how much the
   sub-indicator weighs (dimension 3's first sub-indicator has 10 recommendations, its second has 2).
4. The overall score is Σ weight × dimension score / Σ weights, with the report's weights 20/20/30/10/15/5
   (they add up to 100, so this is Σ weight × score / 100).

Scores are kept unrounded; only the pages and downloads round them (one decimal).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from changwat.recommendations.evidence import MET, NOT_MET, PART, Evidence
from changwat.recommendations.model import Dimension, Recommendation, Report, SubIndicator
from changwat.recommendations.progress import Progress, ProgressData

STATUS_SCORES = {"not-started": 0.0, "in-progress": 50.0, "done": 100.0}
# Display statuses: the three an officer records, plus the two the build decides.
NOT_MET_STATUS, NO_DATA = "not-met", "no-data"
DISPLAY_STATUSES = ("done", "in-progress", "not-started", NOT_MET_STATUS, NO_DATA)


@dataclass(frozen=True)
class RecommendationScore:
    recommendation: Recommendation
    status: str                    # one of DISPLAY_STATUSES
    score: float
    progress: Progress | None
    evidence: Evidence | None

    @property
    def has_data(self) -> bool:
        return self.status != NO_DATA

    @property
    def score_given(self) -> bool:
        """True when the officer's own 0–100 score was used rather than the status's fixed value."""
        return bool(self.progress and self.progress.score is not None and not self.decided_by_evidence)

    @property
    def decided_by_evidence(self) -> bool:
        return bool(self.evidence and self.evidence.decides)

    @property
    def source(self) -> str:
        """Where the score comes from: "verified" (site evidence that proves the whole recommendation, met),
        "evidence" (the same, not met), "score" (the officer's own number), "status" or "no_data"."""
        if self.decided_by_evidence:
            return "verified" if self.evidence.state == MET else "evidence"
        return "score" if self.score_given else "status" if self.has_data else "no_data"

    @property
    def partial_evidence(self) -> Evidence | None:
        """Site evidence shown beside the officer's status without changing it (scope part)."""
        return self.evidence if self.evidence and self.evidence.scope == PART else None


@dataclass(frozen=True)
class SubIndicatorScore:
    sub_indicator: SubIndicator
    score: float
    recommendations: tuple[RecommendationScore, ...]


@dataclass(frozen=True)
class DimensionScore:
    dimension: Dimension
    score: float
    sub_indicators: tuple[SubIndicatorScore, ...]

    @property
    def recommendations(self) -> tuple[RecommendationScore, ...]:
        return tuple(r for s in self.sub_indicators for r in s.recommendations)

    @property
    def with_data(self) -> int:
        return sum(r.has_data for r in self.recommendations)

    @property
    def weighted(self) -> float:
        """This dimension's share of the overall score, in points."""
        return self.dimension.weight * self.score / 100


@dataclass(frozen=True)
class Scores:
    score: float
    dimensions: tuple[DimensionScore, ...]
    total_weight: float

    @property
    def recommendations(self) -> tuple[RecommendationScore, ...]:
        return tuple(r for d in self.dimensions for r in d.recommendations)

    @property
    def with_data(self) -> int:
        return sum(r.has_data for r in self.recommendations)

    def by_status(self, status: str) -> tuple[RecommendationScore, ...]:
        return tuple(r for r in self.recommendations if r.status == status)

    def recommendation(self, rec_id: str) -> RecommendationScore | None:
        return next((r for r in self.recommendations if r.recommendation.id == rec_id), None)


def status_from_score(score: float) -> str:
    return "not-started" if score <= 0 else "done" if score >= 100 else "in-progress"


def score_recommendation(rec: Recommendation, progress: Progress | None, evidence: Evidence | None) -> RecommendationScore:
    if evidence and evidence.decides and evidence.state == MET:
        return RecommendationScore(rec, "done", 100.0, progress, evidence)
    if evidence and evidence.decides and evidence.state == NOT_MET:
        return RecommendationScore(rec, NOT_MET_STATUS, 0.0, progress, evidence)
    if progress is None or (progress.status is None and progress.score is None):
        return RecommendationScore(rec, NO_DATA, 0.0, progress, evidence)
    score = progress.score if progress.score is not None else STATUS_SCORES[progress.status]
    status = progress.status or status_from_score(score)
    return RecommendationScore(rec, status, score, progress, evidence)


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score_report(report: Report, progress: ProgressData, evidence: dict[str, Evidence] | None = None) -> Scores:
    evidence = evidence or {}
    dimensions = []
    for dim in report.dimensions:
        subs = []
        for sub in dim.sub_indicators:
            recs = tuple(score_recommendation(r, progress.entries.get(r.id), evidence.get(r.id))
                         for r in sub.recommendations)
            subs.append(SubIndicatorScore(sub, mean([r.score for r in recs]), recs))
        dimensions.append(DimensionScore(dim, mean([s.score for s in subs]), tuple(subs)))
    total_weight = sum(d.weight for d in report.dimensions)
    overall = sum(d.dimension.weight * d.score for d in dimensions) / total_weight if total_weight else 0.0
    return Scores(overall, tuple(dimensions), total_weight)


def rounded(score: float) -> str:
    """One decimal, halves rounded up as people round by hand (round() rounds 52.25 to 52.2)."""
    return str(Decimal(repr(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
