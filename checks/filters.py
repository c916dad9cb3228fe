"""Applies checks/filters.yml: a finding is dropped only by an entry that states a reason."""
from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from .data import load_yaml
from .report import CheckResult, Finding, Report


FILTERS = Path(__file__).with_name("filters.yml")


class FilterError(ValueError):
    pass


def load_filters(path: Path | None = None) -> list[dict]:
    data = load_yaml(path or FILTERS) or {}
    entries = data.get("filters") or []
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or not str(e.get("reason", "")).strip():
            raise FilterError(f"filters.yml entry {i + 1} has no reason: every filter must say why it is acceptable")
        if not e.get("check"):
            raise FilterError(f"filters.yml entry {i + 1} names no check")
        for key in ("rule", "message", "element"):
            if key in e:
                re.compile(e[key])
    return entries


def _matches(e: dict, f: Finding) -> bool:
    if e["check"] != f.check or f.severity == "tool":  # a broken tool is never filtered away
        return False
    if "rule" in e and not re.search(e["rule"], f.rule):
        return False
    if "message" in e and not re.search(e["message"], f.message):
        return False
    if "element" in e and not re.search(e["element"], f.element):
        return False
    if "pages" in e and not fnmatch.fnmatchcase(f.page, e["pages"]):
        return False
    return True


def apply_filters(result: CheckResult, entries: list[dict], report: Report) -> None:
    kept = []
    hits = {i: 0 for i in range(len(entries))}
    for f in result.findings:
        for i, e in enumerate(entries):
            if _matches(e, f):
                hits[i] += 1
                break
        else:
            kept.append(f)
    result.findings = kept
    for i, n in hits.items():
        if n:
            report.applied_filters.append((entries[i], n))
