"""The report in data/recommendations.yml as read-only objects, in document order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Recommendation:
    id: str
    number: str          # as the report displays it; repeats in dimension 2, so never a key
    text: dict[str, str]
    links: tuple[str, ...]
    dimension_id: str
    sub_indicator_id: str


@dataclass(frozen=True)
class SubIndicator:
    id: str
    number: str
    title: dict[str, str]
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True)
class Dimension:
    id: str
    number: int
    weight: float
    title: dict[str, str]
    sub_indicators: tuple[SubIndicator, ...]
    note: dict[str, str] = field(default_factory=dict)

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return tuple(r for s in self.sub_indicators for r in s.recommendations)


@dataclass(frozen=True)
class Report:
    title: dict[str, str]
    dimensions: tuple[Dimension, ...]

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return tuple(r for d in self.dimensions for r in d.recommendations)

    def recommendation(self, rec_id: str) -> Recommendation | None:
        return next((r for r in self.recommendations if r.id == rec_id), None)

    def dimension(self, dim_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    def sub_indicator(self, sub_id: str) -> SubIndicator | None:
        return next((s for d in self.dimensions for s in d.sub_indicators if s.id == sub_id), None)


def report_from_data(data: dict) -> Report:
    dimensions = []
    for d in data["dimensions"]:
        subs = []
        for s in d["sub_indicators"]:
            recs = tuple(
                Recommendation(r["id"], str(r["number"]), dict(r["text"]), tuple(r.get("links") or ()), d["id"], s["id"])
                for r in s["recommendations"]
            )
            subs.append(SubIndicator(s["id"], str(s["number"]), dict(s["title"]), recs))
        dimensions.append(Dimension(d["id"], int(d["number"]), float(d["weight"]), dict(d["title"]), tuple(subs),
                                    dict(d.get("note") or {})))
    return Report(dict(data["title"]), tuple(dimensions))


def load_report(path: Path) -> Report:
    return report_from_data(yaml.safe_load(path.read_text(encoding="utf-8")))
