"""Evidence from the site itself: recommendations the website fulfils, judged by the standards gate and the audit.

data/site-evidence.yml names, per recommendation id, the checks of reports/checks.json (``python -m checks``)
and the items of reports/audit.json (the Government Website Standard audit) that prove it. A recommendation is

- met      when every named check and audit item is in its report and passed;
- not met  when any of them failed (a failing check overrides what progress.yml says);
- pending  otherwise: a report or an item is missing, so the page never claims what nothing has proved.

reports/checks.json (checks/report.py): {"checks": {"vnu": {"errors": 0, "blocking": 0, "tool": 0, ...}, ...}}.
A check passes when it has no blocking finding and no tool failure.

reports/audit.json: {"items": {"<item>": {"passed": true}}} or {"items": [{"id": "<item>", "passed": true}]};
``status: pass|fail`` works in place of ``passed``. The item ``"*"`` stands for the whole audit: it passes when
the audit has items and none failed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from changwat.core.problems import Problem

MET, NOT_MET, PENDING = "met", "not-met", "pending"
PASS_WORDS = {"pass", "passed", "met", "ok", "yes"}
FAIL_WORDS = {"fail", "failed", "not-met", "no", "error"}


@dataclass(frozen=True)
class Source:
    kind: str               # "check" or "audit"
    name: str
    label: dict[str, str]
    state: str              # MET, NOT_MET or PENDING


@dataclass(frozen=True)
class Evidence:
    rec_id: str
    state: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class EvidenceMap:
    labels: dict[str, dict[str, dict[str, str]]]          # kind -> name -> {th, en}
    recommendations: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # id -> kind -> names


def parse_evidence_map(text: str, known_ids: list[str], file: str = "data/site-evidence.yml") -> tuple[EvidenceMap, list[Problem]]:
    data = yaml.safe_load(text) or {}
    problems: list[Problem] = []
    sources = data.get("sources") or {}
    labels = {"check": dict(sources.get("checks") or {}), "audit": dict(sources.get("audit") or {})}
    mapping: dict[str, dict[str, tuple[str, ...]]] = {}
    for rec_id, entry in (data.get("recommendations") or {}).items():
        if rec_id not in known_ids:
            problems.append(Problem(
                file=file, field=rec_id,
                what_th=f"ไม่มีข้อเสนอแนะรหัส {rec_id}", what_en=f"There is no recommendation with the id {rec_id}.",
                fix_th="ใช้รหัสจาก data/recommendations.yml", fix_en="Use an id from data/recommendations.yml.",
            ))
            continue
        entry = entry or {}
        names = {"check": tuple(entry.get("checks") or ()), "audit": tuple(entry.get("audit") or ())}
        for kind, items in names.items():
            for name in items:
                if name != "*" and name not in labels[kind]:
                    problems.append(Problem(
                        file=file, field=f"{rec_id}.{'checks' if kind == 'check' else 'audit'}",
                        what_th=f"ไม่รู้จัก {name}", what_en=f"{name} is not listed under sources.",
                        fix_th=f"เพิ่ม {name} พร้อมชื่อภาษาไทยและอังกฤษใต้ sources หรือแก้ชื่อให้ตรง",
                        fix_en=f"Add {name} with its Thai and English names under sources, or fix the name.",
                    ))
        if not names["check"] and not names["audit"]:
            continue
        mapping[rec_id] = names
    return EvidenceMap(labels, mapping), problems


def read_json(path: Path) -> dict | None:
    """None when the report does not exist yet (or is unreadable, e.g. half written): evidence stays pending."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def check_states(report: dict | None) -> dict[str, str]:
    if not report:
        return {}
    states = {}
    for name, result in (report.get("checks") or {}).items():
        if not isinstance(result, dict):
            continue
        findings = result.get("findings") or []
        blocking = result.get("blocking", sum(1 for f in findings if f.get("blocking")))
        states[name] = MET if not blocking and not result.get("tool") else NOT_MET
    return states


def _item_state(item) -> str:
    if isinstance(item, bool):
        return MET if item else NOT_MET
    if not isinstance(item, dict):
        return PENDING
    if isinstance(item.get("passed"), bool):
        return MET if item["passed"] else NOT_MET
    status = str(item.get("status", "")).lower()
    return MET if status in PASS_WORDS else NOT_MET if status in FAIL_WORDS else PENDING


def audit_states(report: dict | None) -> dict[str, str]:
    if not report:
        return {}
    items = report.get("items") or {}
    if isinstance(items, list):
        items = {str(i.get("id")): i for i in items if isinstance(i, dict) and i.get("id")}
    states = {str(name): _item_state(item) for name, item in items.items()}
    if states:
        states["*"] = NOT_MET if NOT_MET in states.values() else MET if set(states.values()) == {MET} else PENDING
    return states


def combine(states: list[str]) -> str:
    if NOT_MET in states:
        return NOT_MET
    if states and all(s == MET for s in states):
        return MET
    return PENDING


def judge(mapping: EvidenceMap, checks_report: dict | None, audit_report: dict | None) -> dict[str, Evidence]:
    known = {"check": check_states(checks_report), "audit": audit_states(audit_report)}
    whole_audit = {"th": "ผลการตรวจตามมาตรฐานเว็บไซต์ภาครัฐทั้งหมด", "en": "the whole Government Website Standard audit"}
    result = {}
    for rec_id, names in mapping.recommendations.items():
        sources = tuple(
            Source(kind, name, whole_audit if name == "*" else mapping.labels[kind].get(name, {"th": name, "en": name}),
                   known[kind].get(name, PENDING))
            for kind in ("check", "audit") for name in names[kind]
        )
        result[rec_id] = Evidence(rec_id, combine([s.state for s in sources]), sources)
    return result
