"""Findings and the report a web officer reads: a terminal table grouped by check, a JSON file, an exit code.

The JSON file (reports/checks.json) is changwat.contracts.reports.ChecksReport: built here, read back by the
recommendations evidence with read_checks_report."""
from __future__ import annotations

import re
import shutil
import sys
import textwrap
from dataclasses import asdict, dataclass, field
from pathlib import Path

from changwat.contracts.reports import (
    SEVERITIES, AppliedFilter, CheckSummary, ChecksReport, FindingRecord, write_report,
)

from .data import load_yaml


@dataclass
class Finding:
    check: str
    page: str  # site-relative URL path: "" is the home page, "en/about/", "assets/changwat/site/changwat.css"
    rule: str
    message: str
    element: str = ""  # an HTML snippet or a CSS selector
    line: int | None = None
    fix: str = ""  # filled from fix_hints.yml when left empty
    severity: str = "error"
    # Whether this finding makes the run fail. Errors and tool failures always do; a warning does
    # only where its check says so (the Nu checker's warnings do: the target is 0 errors, 0 warnings).
    blocking: bool | None = None
    needs_review: bool = False  # axe "incomplete": a person must look; listed and counted, never failing
    variant: str = ""  # the page state the finding was seen in (axe variants: "narrow", "text-200", …)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.blocking is None:
            self.blocking = self.severity != "warning"
        if self.needs_review:
            self.blocking = False


@dataclass
class CheckResult:
    name: str
    findings: list[Finding] = field(default_factory=list)
    pages_checked: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # e.g. the tool version, what was skipped and why
    # With the page cache (page_cache.py): page views checked in this run, and those whose earlier result was reused.
    fresh: int | None = None
    reused: int = 0

    def tool_failure(self, message: str, fix: str, element: str = "") -> None:
        self.findings.append(Finding(self.name, "", "tool-failure", message, element, fix=fix, severity="tool"))


class FixHints:
    """Plain-language fixes per rule, kept in fix_hints.yml so web officers can improve them without code."""

    def __init__(self, path: Path | None = None):
        data = load_yaml(path or Path(__file__).with_name("fix_hints.yml")) or {}
        self.generic = data.get("generic", {})
        self.rules = data.get("rules", {})

    def hint(self, f: Finding) -> str:
        by_check = self.rules.get(f.check, {}) or {}
        if f.rule in by_check:
            return by_check[f.rule]
        # The Nu checker has no rule ids: its hints are keyed by a regex on the message.
        for pattern, text in (self.rules.get(f.check + "-messages", {}) or {}).items():
            if re.search(pattern, f.message):
                return text
        return self.generic.get(f.check, self.generic.get("default", ""))


class Report:
    def __init__(self, hints: FixHints | None = None):
        self.results: list[CheckResult] = []
        self.applied_filters: list[tuple[dict, int]] = []
        self.hints = hints or FixHints()

    def add(self, result: CheckResult) -> None:
        for f in result.findings:
            if not f.fix:
                f.fix = self.hints.hint(f)
        self.results.append(result)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def exit_code(self) -> int:
        if any(f.severity == "tool" for f in self.findings):
            return 2
        if any(f.blocking for f in self.findings):
            return 1
        return 0

    @staticmethod
    def counts(result: CheckResult) -> dict:
        fs = result.findings
        return {
            "pages": result.pages_checked,
            "errors": sum(f.severity == "error" for f in fs),
            "warnings": sum(f.severity == "warning" and not f.needs_review for f in fs),
            "incomplete": sum(f.needs_review for f in fs),
            "tool": sum(f.severity == "tool" for f in fs),
            "blocking": sum(bool(f.blocking) for f in fs),
            "seconds": round(result.seconds, 2),
        }

    def to_report(self) -> ChecksReport:
        """The report in its published format; a field added to Finding but not to the format fails here."""
        return ChecksReport(
            exit_code=self.exit_code(),
            checks={r.name: CheckSummary(**self.counts(r), notes=tuple(r.notes),
                                         findings=tuple(FindingRecord(**asdict(f)) for f in r.findings))
                    for r in self.results},
            applied_filters=tuple(_applied(flt, n) for flt, n in self.applied_filters),
        )

    def to_json(self) -> dict:
        return asdict(self.to_report())

    def write_json(self, path: Path) -> None:
        write_report(path, self.to_report())

    def print(self, out=None) -> None:
        out = out or sys.stdout
        width = max(80, min(shutil.get_terminal_size((120, 20)).columns, 160))
        for r in self.results:
            print(f"\n== {r.name} " + "=" * max(0, width - len(r.name) - 4), file=out)
            for note in r.notes:
                print(f"   note: {note}", file=out)
            if not r.findings:
                print("   no findings", file=out)
                continue
            print(f"   {'SEV':<8} {'PAGE:LINE [VARIANT]':<40} RULE", file=out)
            pad = " " * 12
            wrap = max(40, width - len(pad))
            for f in sorted(r.findings, key=_order):
                sev = "review" if f.needs_review else f.severity
                where = (f.page or "/") + (f":{f.line}" if f.line else "") + (f" [{f.variant}]" if f.variant else "")
                print(f"   {sev:<8} {where:<40} {f.rule}", file=out)
                for label, text, limit in (("", f.message, 600), ("element: ", f.element, 240), ("fix: ", f.fix, 600)):
                    text = _one_line(text)
                    if not text:
                        continue
                    text = text if len(text) <= limit else text[: limit - 1] + "…"
                    lines = textwrap.wrap(label + text, wrap, subsequent_indent=" " * len(label))
                    for ln in lines:
                        print(pad + ln, file=out)
        if self.applied_filters:
            print("\n== filters applied (checks/filters.yml) ==", file=out)
            for flt, n in self.applied_filters:
                print(f"   {n} finding(s) hidden: check={flt.get('check')} rule={flt.get('rule', '*')} "
                      f"message={flt.get('message', '*')} pages={flt.get('pages', '*')}", file=out)
                print(f"      reason: {flt['reason']}", file=out)
        self.print_summary(out)

    def print_summary(self, out=None) -> None:
        out = out or sys.stdout
        print("\n== summary ==", file=out)
        print(f"   {'check':<10} {'pages':>6} {'errors':>7} {'warnings':>9} {'incomplete':>11} {'tool':>5} {'seconds':>8}  result",
              file=out)
        for r in self.results:
            c = self.counts(r)
            verdict = "TOOL FAILURE" if c["tool"] else ("FAIL" if c["blocking"] else "pass")
            print(f"   {r.name:<10} {c['pages']:>6} {c['errors']:>7} {c['warnings']:>9} {c['incomplete']:>11} "
                  f"{c['tool']:>5} {c['seconds']:>8.2f}  {verdict}", file=out)
        for r in self.results:
            if r.fresh is not None:
                print(f"   {r.name}: {r.fresh} page views checked afresh, {r.reused} reused from an identical "
                      f"earlier check (page cache)", file=out)
        code = self.exit_code()
        meaning = {0: "all checks pass", 1: "some checks fail", 2: "a checking tool is broken (see TOOL FAILURE)"}
        print(f"   exit code {code}: {meaning[code]}", file=out)


def _applied(flt: dict, matched: int) -> AppliedFilter:
    def text(key):
        return None if flt.get(key) is None else str(flt[key])
    return AppliedFilter(check=str(flt["check"]), reason=str(flt["reason"]), matched=matched,
                         rule=text("rule"), message=text("message"), pages=text("pages"))


def _one_line(s: str) -> str:
    return " ".join((s or "").split())


def _order(f: Finding):
    return ({"tool": 0, "error": 1, "warning": 2}[f.severity] + (1 if f.needs_review else 0), f.page, f.line or 0, f.rule)
