"""The second accessibility engine: IBM Equal Access (accessibility-checker-engine, pinned in package.json).

It runs inside the axe check's page loads (checks/axe.py): the page is loaded once, axe-core and then the IBM
engine's ace.js are injected into it. A second engine catches what axe does not (a label that points at a hidden
control, a form landmark without a name, an element with a role that forbids its ARIA attribute, …).

What its levels mean here (policy IBM_Accessibility):
- violation: fails the gate, like an axe violation.
- recommendation: the engine is sure, but the rule is IBM's advice beyond WCAG: listed as a warning that does
  not fail; shown on the accessibility statement as a known problem.
- potentialviolation, potentialrecommendation, manual: the engine cannot decide, a person must look ("needs
  review", like axe's incomplete): listed, one line per page and rule with the number of elements, never failing.

Rules whose every outcome is "needs review" (the engine's own rules.csv says so: no reason of theirs is a plain
Violation or Rec) cannot fail the gate. They are the slow ones (focus-indicator and heading guesses walk every
element's CSS), so they run on one page of each kind (axe_variants.yml `kinds`), not on all pages; the rules that can
fail run on every page.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from . import tools
from .report import Finding

NAME = "ibm"
PACKAGE = "accessibility-checker-engine"
POLICY = "IBM_Accessibility"

_INJECT = ";window.ace = ace;"  # ace.js declares `var ace`; injected as a function body it would stay local

_RUN = """
const done = arguments[arguments.length - 1];
const [policy, disabled] = [arguments[0], arguments[1]];
try {
  const checker = new ace.Checker();
  // Not checker.disableRule: in 4.0.34 it disables every rule of every guideline, whatever id it is given.
  const skip = new Set(disabled);
  checker.rulesetRules[policy] = checker.rulesetRules[policy].filter(id => !skip.has(id));
  checker.check(document, [policy]).then(r => done({
    archive: (r.summary && r.summary.ruleArchive) || '',
    results: r.results.filter(x => x.value[1] !== 'PASS').map(x => ({
      rule: x.ruleId, reason: String(x.reasonId), value: x.value, message: x.message,
      snippet: x.snippet || '', xpath: (x.path && x.path.dom) || ''}))
  })).catch(e => done({error: String(e && e.stack || e)}));
} catch (e) { done({error: String(e && e.stack || e)}); }
"""


def ace_js() -> Path:
    return tools.node_modules() / PACKAGE / "ace.js"


def level(value: list[str]) -> str:
    """The engine's [policy, outcome] pair as the level names its tools report."""
    policy, outcome = value
    if outcome == "MANUAL":
        return "manual"
    kind = "violation" if policy == "VIOLATION" else "recommendation"
    return ("potential" if outcome == "POTENTIAL" else "") + kind


@dataclass(frozen=True)
class Rules:
    """What the engine's rules.csv says of each rule: its requirement, WCAG criteria, and whether it can fail."""
    text: dict[str, str]
    wcag: dict[str, str]
    review_only: frozenset[str]

    @classmethod
    def load(cls, root: Path | None = None) -> "Rules":
        path = (root or tools.node_modules() / PACKAGE) / "help" / "rules.csv"
        text, wcag, can_fail, seen = {}, {}, set(), set()
        with path.open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            next(rows, None)
            for row in rows:
                if len(row) < 7:
                    continue
                rule, levels = row[0].strip(), row[4]
                seen.add(rule)
                text.setdefault(rule, row[2].strip())
                wcag.setdefault(rule, row[6].split("|")[0].strip())
                if any(part.strip() in ("Violation", "Rec") for part in levels.split("|")):
                    can_fail.add(rule)
        return cls(text, wcag, frozenset(seen - can_fail))


class Runner:
    """Runs the engine in a driver's current page."""

    def __init__(self, driver, script: str, rules: Rules | None):
        self.driver, self.script, self.rules = driver, script + _INJECT, rules
        self.archive = ""

    def check(self, page: str, full: bool) -> list[Finding]:
        """The engine on the loaded page. `full`: also the needs-review-only rules (one page of each kind)."""
        d = self.driver
        d.execute_script(self.script)
        disabled = [] if full or self.rules is None else sorted(self.rules.review_only)
        res = d.execute_async_script(_RUN, POLICY, disabled)
        if "error" in res:
            raise EngineError(f"the IBM engine failed on this page: {res['error'][:300]}")
        self.archive = res.get("archive") or self.archive
        return self.findings(page, res["results"])

    def findings(self, page: str, results: list[dict]) -> list[Finding]:
        out: list[Finding] = []
        review: dict[str, list[dict]] = {}
        for r in results:
            lv = level(r["value"])
            if lv in ("violation", "recommendation"):
                out.append(Finding(NAME, page, r["rule"], self._message(r, lv), element=_element(r),
                                   severity="error" if lv == "violation" else "warning",
                                   blocking=lv == "violation"))
            else:
                review.setdefault(r["rule"], []).append(r)
        # A person reads these: one line per page and rule, with how many elements and the first of them.
        for rule, rs in review.items():
            first = rs[0]
            levels = ", ".join(sorted({level(r["value"]) for r in rs}))
            more = f" ({len(rs)} elements on this page; the first is shown)" if len(rs) > 1 else ""
            out.append(Finding(NAME, page, rule, self._message(first, levels) + more
                               + " (needs review: the engine could not decide)",
                               element=_element(first), severity="warning", needs_review=True))
        return out

    def _message(self, r: dict, lv: str) -> str:
        text = " ".join((r.get("message") or "").split())
        if self.rules is not None and r["rule"] in self.rules.text:
            wcag = self.rules.wcag.get(r["rule"], "")
            text += f" [{lv}] Rule: {self.rules.text[r['rule']]}" + (f" (WCAG {wcag})" if wcag else "") + "."
        else:
            text += f" [{lv}]"
        return text


def _element(r: dict) -> str:
    return f"{r.get('xpath', '')}  {(r.get('snippet') or '')[:300]}".strip()


class EngineError(RuntimeError):
    pass
