"""Evidence from the site itself: recommendations the website fulfils, judged by the standards gate and the audit.

data/site-evidence.yml names, per recommendation id, the checks of reports/checks.json (``python -m checks``)
and the items of reports/audit.json (the Government Website Standard audit) that bear on it, and their scope:

- ``whole``: the checks prove everything the recommendation asks. Their result decides the recommendation
  (scoring.py): met is done and 100 ("verified on the site"), not met is 0, whatever progress.yml says.
- ``part`` (the default): the checks prove only some of what it asks. Their result is shown beside the
  officer's status ("the site shows: ...") and never changes the status or the score: a site that passes a
  complaint-form check says nothing about whether complaints are tracked behind it.

Either way the evidence is

- met      when every named check and audit item is in its report and passed;
- not met  when any of them failed;
- pending  otherwise: a report or an item is missing, so the page never claims what nothing has proved.

Both reports are read with their formats in changwat.contracts.reports. A check passes when it has no blocking
finding and no tool failure. An audit item passes with status pass, fails with fail; manual (a person must
judge) stays pending. The item ``"*"`` stands for the whole audit: it passes when the audit has items and none
failed. A report that is there but not whole (cut short, edited by hand) stops the build, naming file and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from changwat.contracts.problems import content_error
from changwat.contracts.reports import (
    AuditReport, ChecksReport, ContractError, read_audit_report, read_checks_report,
)
from changwat.core.problems import Problem

MET, NOT_MET, PENDING = "met", "not-met", "pending"
WHOLE, PART = "whole", "part"
SCOPES = (WHOLE, PART)
ENTRY_KEYS = ("checks", "audit", "scope")
AUDIT_STATES = {"pass": MET, "fail": NOT_MET, "manual": PENDING}


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
    scope: str = PART

    @property
    def decides(self) -> bool:
        """True when this evidence replaces the officer's status and score: whole scope and a result."""
        return self.scope == WHOLE and self.state in (MET, NOT_MET)


@dataclass(frozen=True)
class EvidenceMap:
    labels: dict[str, dict[str, dict[str, str]]]          # kind -> name -> {th, en}
    recommendations: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # id -> kind -> names
    scopes: dict[str, str] = field(default_factory=dict)  # id -> WHOLE or PART


def parse_evidence_map(text: str, known_ids: list[str], file: str = "data/site-evidence.yml") -> tuple[EvidenceMap, list[Problem]]:
    data = yaml.safe_load(text) or {}
    problems: list[Problem] = []
    sources = data.get("sources") or {}
    labels = {"check": dict(sources.get("checks") or {}), "audit": dict(sources.get("audit") or {})}
    mapping: dict[str, dict[str, tuple[str, ...]]] = {}
    scopes: dict[str, str] = {}
    for rec_id, entry in (data.get("recommendations") or {}).items():
        if rec_id not in known_ids:
            problems.append(Problem(
                file=file, field=rec_id,
                what_th=f"ไม่มีข้อเสนอแนะรหัส {rec_id}", what_en=f"There is no recommendation with the id {rec_id}.",
                fix_th="ใช้รหัสจาก data/recommendations.yml", fix_en="Use an id from data/recommendations.yml.",
            ))
            continue
        entry = entry or {}
        for key in entry:
            if key not in ENTRY_KEYS:
                problems.append(Problem(
                    file=file, field=f"{rec_id}.{key}",
                    what_th=f"ไม่รู้จักช่อง {key}", what_en=f"Unknown field {key}.",
                    fix_th="ใช้ได้เฉพาะ checks, audit และ scope", fix_en="Use only checks, audit and scope.",
                ))
        scope = entry.get("scope", PART)
        if scope not in SCOPES:
            problems.append(Problem(
                file=file, field=f"{rec_id}.scope",
                what_th=f"ไม่รู้จักขอบเขต \"{scope}\"", what_en=f"Unknown scope \"{scope}\".",
                fix_th="ใช้ whole (การตรวจพิสูจน์ข้อเสนอแนะได้ทั้งข้อ) หรือ part (พิสูจน์ได้บางส่วน ค่าเริ่มต้น)",
                fix_en="Use whole (the checks prove the whole recommendation) or part (they prove some of it; the default).",
            ))
            scope = PART
        scopes[rec_id] = scope
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
    return EvidenceMap(labels, mapping, scopes), problems


def read_reports(checks: Path, audit: Path, checks_name: str | None = None, audit_name: str | None = None,
                 ) -> tuple[ChecksReport | None, AuditReport | None]:
    """Both reports; None for one that does not exist yet (its evidence stays pending). ContentError naming the
    file and field when one exists but does not match its format."""
    try:
        return read_checks_report(checks, checks_name), read_audit_report(audit, audit_name)
    except ContractError as e:
        raise content_error(e) from None


def check_states(report: ChecksReport | None) -> dict[str, str]:
    if report is None:
        return {}
    return {name: MET if result.passed else NOT_MET for name, result in report.checks.items()}


def audit_states(report: AuditReport | None) -> dict[str, str]:
    if report is None:
        return {}
    states = {item.id: AUDIT_STATES[item.status] for item in report.items}
    if states:
        states["*"] = NOT_MET if NOT_MET in states.values() else MET if set(states.values()) == {MET} else PENDING
    return states


def combine(states: list[str]) -> str:
    if NOT_MET in states:
        return NOT_MET
    if states and all(s == MET for s in states):
        return MET
    return PENDING


def judge(mapping: EvidenceMap, checks_report: ChecksReport | None, audit_report: AuditReport | None,
          ) -> dict[str, Evidence]:
    known = {"check": check_states(checks_report), "audit": audit_states(audit_report)}
    whole_audit = {"th": "ผลการตรวจตามมาตรฐานเว็บไซต์ภาครัฐทั้งหมด", "en": "the whole Government Website Standard audit"}
    result = {}
    for rec_id, names in mapping.recommendations.items():
        sources = tuple(
            Source(kind, name, whole_audit if name == "*" else mapping.labels[kind].get(name, {"th": name, "en": name}),
                   known[kind].get(name, PENDING))
            for kind in ("check", "audit") for name in names[kind]
        )
        result[rec_id] = Evidence(rec_id, combine([s.state for s in sources]), sources,
                                  mapping.scopes.get(rec_id, PART))
    return result
