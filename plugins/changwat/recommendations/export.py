"""Open data: the recommendations and their scores as CSV, JSON and XML, one set per language.

The three formats carry the same records with the same field names (English, no spaces), so a re-user can
switch format without a lookup table. CSV starts with a byte order mark: without it Excel reads UTF-8 as the
local code page and the Thai turns into mojibake. Scores are rounded to two decimals everywhere.

Every score is the office's self-assessment, not an official index: the field is named self_assessment_score
and the metadata says so (score_kind). What every field means is in dictionary.yml, published beside the
files as data-dictionary.csv and data-dictionary.json (dictionary.py).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from changwat.core.languages import localise
from changwat.recommendations.dictionary import dictionary_csv, dictionary_json
from changwat.recommendations.scoring import Scores

RECOMMENDATION_FIELDS = (
    "id", "dimension_id", "dimension_number", "dimension_title", "dimension_weight",
    "sub_indicator_id", "sub_indicator_number", "sub_indicator_title",
    "number", "text", "status", "status_label", "self_assessment_score", "score_source", "has_progress_data",
    "site_evidence", "site_evidence_scope", "site_evidence_sources", "responsible_unit", "target_date", "evidence_links", "note",
    "source_links",
)
SCORE_FIELDS = ("level", "id", "parent_id", "number", "title", "weight", "self_assessment_score", "recommendations",
                "with_data")
LIST_SEPARATOR = " "  # URLs never contain a space, so one space separates lists in a CSV cell


def _score(value: float) -> float:
    return round(value, 2)


def recommendation_records(scores: Scores, lang: str, status_labels: dict[str, str]) -> list[dict]:
    """One record per recommendation; lists stay lists here (JSON, XML) and are joined only in CSV."""
    records = []
    for dim in scores.dimensions:
        d = dim.dimension
        for sub in dim.sub_indicators:
            s = sub.sub_indicator
            for rs in sub.recommendations:
                r, p, e = rs.recommendation, rs.progress, rs.evidence
                source = rs.source
                records.append({
                    "id": r.id, "dimension_id": d.id, "dimension_number": d.number,
                    "dimension_title": d.title[lang], "dimension_weight": d.weight,
                    "sub_indicator_id": s.id, "sub_indicator_number": s.number, "sub_indicator_title": s.title[lang],
                    "number": r.number, "text": r.text[lang], "status": rs.status,
                    "status_label": status_labels[rs.status], "self_assessment_score": _score(rs.score),
                    "score_source": source,
                    "has_progress_data": rs.has_data,
                    "site_evidence": e.state if e else "",
                    "site_evidence_scope": e.scope if e else "",
                    "site_evidence_sources": [f"{src.kind}:{src.name}" for src in e.sources] if e else [],
                    "responsible_unit": (localise(p.unit, lang) or "") if p else "",
                    "target_date": p.target.isoformat() if p and p.target else "",
                    "evidence_links": [link.url for link in p.evidence] if p else [],
                    "note": (localise(p.note, lang) or "") if p else "",
                    "source_links": list(r.links),
                })
    return records


def score_records(scores: Scores, lang: str) -> list[dict]:
    rows = [{"level": "overall", "id": "overall", "parent_id": "", "number": "", "title": "",
             "weight": scores.total_weight, "self_assessment_score": _score(scores.score),
             "recommendations": len(scores.recommendations), "with_data": scores.with_data}]
    for dim in scores.dimensions:
        d = dim.dimension
        rows.append({"level": "dimension", "id": d.id, "parent_id": "overall", "number": str(d.number),
                     "title": d.title[lang], "weight": d.weight, "self_assessment_score": _score(dim.score),
                     "recommendations": len(dim.recommendations), "with_data": dim.with_data})
        for sub in dim.sub_indicators:
            rows.append({"level": "sub_indicator", "id": sub.sub_indicator.id, "parent_id": d.id,
                         "number": sub.sub_indicator.number, "title": sub.sub_indicator.title[lang], "weight": "",
                         "self_assessment_score": _score(sub.score), "recommendations": len(sub.recommendations),
                         "with_data": sum(r.has_data for r in sub.recommendations)})
    return rows


def _csv_cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def to_csv(records: list[dict], fields: tuple[str, ...]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(fields)
    for record in records:
        writer.writerow([_csv_cell(record[f]) for f in fields])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_json(scores: Scores, lang: str, status_labels: dict[str, str], metadata: dict) -> bytes:
    by_sub: dict[str, list[dict]] = {}
    for record in recommendation_records(scores, lang, status_labels):
        by_sub.setdefault(record["sub_indicator_id"], []).append(record)
    overall, *levels = score_records(scores, lang)
    data = {
        "metadata": metadata,
        "overall": overall,
        "dimensions": [
            {**next(r for r in levels if r["id"] == dim.dimension.id),
             "sub_indicators": [
                 {**next(r for r in levels if r["id"] == sub.sub_indicator.id),
                  "recommendations": by_sub[sub.sub_indicator.id]}
                 for sub in dim.sub_indicators]}
            for dim in scores.dimensions
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _xml_value(parent: ET.Element, name: str, value) -> None:
    element = ET.SubElement(parent, name)
    if isinstance(value, list):
        for item in value:
            ET.SubElement(element, "item").text = str(item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        element.text = str(value)


def to_xml(scores: Scores, lang: str, status_labels: dict[str, str], metadata: dict) -> bytes:
    by_sub: dict[str, list[dict]] = {}
    for record in recommendation_records(scores, lang, status_labels):
        by_sub.setdefault(record["sub_indicator_id"], []).append(record)
    overall, *levels = score_records(scores, lang)
    root = ET.Element("recommendations", {"lang": lang})
    meta = ET.SubElement(root, "metadata")
    for key, value in metadata.items():
        _xml_value(meta, key, value)
    total = ET.SubElement(root, "overall")
    for key in SCORE_FIELDS:
        _xml_value(total, key, overall[key])
    for dim in scores.dimensions:
        dim_el = ET.SubElement(root, "dimension")
        for key in SCORE_FIELDS:
            _xml_value(dim_el, key, next(r for r in levels if r["id"] == dim.dimension.id)[key])
        for sub in dim.sub_indicators:
            sub_el = ET.SubElement(dim_el, "sub_indicator")
            for key in SCORE_FIELDS:
                _xml_value(sub_el, key, next(r for r in levels if r["id"] == sub.sub_indicator.id)[key])
            for record in by_sub[sub.sub_indicator.id]:
                rec_el = ET.SubElement(sub_el, "recommendation")
                for key in RECOMMENDATION_FIELDS:
                    _xml_value(rec_el, key, record[key])
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def downloads(scores: Scores, lang: str, status_labels: dict[str, str], metadata: dict) -> dict[str, bytes]:
    """File name -> content, for one language."""
    return {
        "recommendations.csv": to_csv(recommendation_records(scores, lang, status_labels), RECOMMENDATION_FIELDS),
        "scores.csv": to_csv(score_records(scores, lang), SCORE_FIELDS),
        "recommendations.json": to_json(scores, lang, status_labels, metadata),
        "recommendations.xml": to_xml(scores, lang, status_labels, metadata),
        "data-dictionary.csv": dictionary_csv(),
        "data-dictionary.json": dictionary_json(),
    }
