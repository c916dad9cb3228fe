"""Accessibility with axe-core (the version pinned in package.json) in headless Chromium.

Every page in both languages is checked as loaded; the variants in axe_variants.yml are checked on a
few chosen pages. Violations fail; "incomplete" results (a person must review) are listed, never fail.
"""
from __future__ import annotations

import queue
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import tools
from .browser import BrowserUnavailable, INSTALL_CHROMIUM, chromium, serve
from .data import load_yaml
from .report import CheckResult, Finding
from .site import Site, language_of, twin_of

NAME = "axe"

_RUN = """
const done = arguments[arguments.length - 1];
const context = arguments[1] ? {include: [arguments[1]]} : document;
axe.run(context, arguments[0])
  .then(r => done({violations: r.violations, incomplete: r.incomplete}))
  .catch(e => done({error: String(e && e.stack || e)}));
"""

# The outermost elements that stick out past the right edge: what a web officer must make narrower.
_OVERFLOW = """
const vw = window.innerWidth;
if (document.documentElement.scrollWidth <= vw + 1) return null;
const path = el => {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    let s = e.localName;
    if (e.id) { parts.unshift(s + '#' + e.id); break; }
    if (e.classList.length) s += '.' + [...e.classList].slice(0, 2).join('.');
    parts.unshift(s);
  }
  return parts.join(' > ');
};
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= vw + 1) continue;
  const p = el.parentElement.getBoundingClientRect();
  if (el.parentElement !== document.body && p.right > vw + 1) continue;
  out.push({selector: path(el), html: el.outerHTML.slice(0, 200), right: Math.round(r.right)});
  if (out.length >= 3) break;
}
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, elements: out};
"""


@dataclass
class Variant:
    name: str
    viewport: list[int] | None = None
    local_storage: dict = field(default_factory=dict)
    script: str = ""
    search: dict = field(default_factory=dict)
    check_horizontal_scroll: bool = False
    context: str = ""  # CSS selector: check only this part of the page (e.g. an open dialog)


def load_config(path: Path | None = None) -> tuple[list[str], list, list[Variant]]:
    data = load_yaml(path or Path(__file__).with_name("axe_variants.yml")) or {}
    variants = [Variant(name, **(spec or {})) for name, spec in (data.get("variants") or {}).items()]
    return data.get("tags", []), data.get("pages", []), variants


def chosen_pages(site: Site, spec: list, notes: list[str]) -> list[str]:
    """The variant pages in both languages; a listed page the site lacks becomes a note, not a silent skip."""
    thai = [site.page_of(p) for p in site.pages if language_of(site.page_of(p)) == "th"]
    chosen, missing = [], []
    for entry in spec:
        if isinstance(entry, dict):
            hits = [p for p in thai if re.search(entry["first_match"], p)]
            if hits:
                chosen.append(hits[0])
            else:
                missing.append(f"first page matching {entry['first_match']!r}")
        elif entry in thai:
            chosen.append(entry)
        else:
            missing.append(repr(entry))
    if missing:
        notes.append("variant pages not in this site, so not checked in variants: " + ", ".join(missing))
    out = []
    for p in chosen:
        for q in (p, twin_of(p)):
            if q not in out and site.resolve("/" + q):
                out.append(q)
    return out


def run(site: Site, variants_file: Path | None = None) -> CheckResult:
    start = time.monotonic()
    result = CheckResult(NAME)
    try:
        _run(site, result, variants_file)
    finally:
        result.seconds = time.monotonic() - start
    return result


def _run(site: Site, result: CheckResult, variants_file: Path | None) -> None:
    script = tools.axe_js()
    if not script.is_file():
        result.tool_failure(f"axe-core is missing ({script}).", tools.INSTALL_NPM)
        return
    want = tools.pinned("axe-core")
    tags, page_spec, variants = load_config(variants_file)
    pages = [site.page_of(p) for p in site.pages]
    tasks: list[tuple[str, Variant | None]] = [(p, None) for p in pages]
    variant_pages = chosen_pages(site, page_spec, result.notes)
    tasks += [(p, v) for v in variants for p in variant_pages]
    result.pages_checked = len(pages)
    result.notes.append(f"{len(pages)} pages as loaded, {len(tasks) - len(pages)} page views in variants "
                        f"({', '.join(v.name for v in variants) or 'none'}) on: "
                        + ", ".join(repr(p) for p in variant_pages))
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations", "incomplete"]}

    todo: queue.Queue = queue.Queue()
    for t in tasks:
        todo.put(t)
    lock = threading.Lock()
    findings: list[Finding] = []
    problems: list[tuple[str, str]] = []
    versions: set[str] = set()

    def worker(base: str) -> None:
        try:
            with chromium() as driver:
                runner = _PageRunner(driver, base, script, options)
                while True:
                    try:
                        page, variant = todo.get_nowait()
                    except queue.Empty:
                        return
                    try:
                        found = runner.check(page, variant)
                    except _ToolError as e:
                        with lock:
                            problems.append((page, str(e)))
                        return
                    except Exception as e:  # a crash on one page must not read as "no violations"
                        with lock:
                            problems.append((page, f"the browser failed on this page: {type(e).__name__}: "
                                                   f"{str(e).strip().splitlines()[0] if str(e).strip() else ''}"))
                        continue
                    with lock:
                        versions.add(runner.version)
                        findings.extend(found)
        except BrowserUnavailable as e:
            with lock:
                problems.append(("", str(e)))
        except Exception as e:  # a worker that dies before its pages must not leave them "without violations"
            with lock:
                problems.append(("", f"the axe worker stopped: {type(e).__name__}: {e}"))

    jobs = max(1, min(site.jobs, 2, len(tasks)))
    with serve(site.root, site.base_path) as base:
        threads = [threading.Thread(target=worker, args=(base,)) for _ in range(jobs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    if not todo.empty() and not problems:
        problems.append(("", f"{todo.qsize()} of {len(tasks)} page views were never checked"))
    for page, message in dict.fromkeys(problems):
        unavailable = "not found" in message or "would not start" in message
        result.findings.append(Finding(NAME, page, "tool-failure", message, severity="tool",
                                       fix=INSTALL_CHROMIUM if unavailable else
                                       "re-run; if it fails again, report it with the page named here"))
    bad = versions - {want}
    if bad:
        result.findings.append(Finding(NAME, "", "tool-failure", f"axe-core {', '.join(sorted(bad))} ran, but "
                                       f"package.json pins {want}: an old engine passing is not a pass.",
                                       severity="tool", fix=tools.INSTALL_NPM))
        return
    if versions:
        result.notes.insert(0, f"axe-core {want} ({script}), tags: {', '.join(tags)}")
    result.findings.extend(_dedupe(findings))


class _ToolError(RuntimeError):
    pass


class _PageRunner:
    def __init__(self, driver, base: str, script: Path, options: dict):
        from axe_selenium_python import Axe

        self.driver, self.base, self.options = driver, base, options
        self.axe = Axe(driver, script_url=str(script))
        self.version = ""

    def check(self, page: str, variant: Variant | None) -> list[Finding]:
        d = self.driver
        url = self.base + page
        if variant and variant.viewport:
            w, h = variant.viewport
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": False})
        try:
            d.get(url)
            if variant and variant.local_storage:
                for k, v in variant.local_storage.items():
                    d.execute_script("localStorage.setItem(arguments[0], arguments[1])", k, str(v))
                d.refresh()
            if variant and variant.script:
                d.execute_script(variant.script)
            out: list[Finding] = []
            if variant and variant.search:
                problem = self._open_search(variant.search.get(language_of(page), ""))
                if problem:
                    out.append(Finding(NAME, page, "variant-failed", f"Could not put the page in the "
                                       f"{variant.name!r} state: {problem}", variant=variant.name))
                    return out
            if variant:
                self._settle()
            if variant and variant.check_horizontal_scroll:
                out += self._horizontal_scroll(page, variant.name)
            out += self._axe(page, variant.name if variant else "", variant.context if variant else "")
            return out
        finally:
            if variant:
                d.execute_script("try { localStorage.clear(); } catch (e) {}")
                if variant.viewport:
                    d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def _settle(self) -> None:
        """Wait for running CSS transitions (menus, search fading in): mid-fade colours are not the real ones."""
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and self.driver.execute_script(
                "return document.getAnimations().some(a => a.playState === 'running' && "
                "a.effect && a.effect.getTiming().iterations !== Infinity)"):
            time.sleep(0.1)

    def _axe(self, page: str, variant: str, context: str = "") -> list[Finding]:
        self.axe.inject()
        self.version = self.driver.execute_script("return window.axe && axe.version") or "not loaded"
        if self.version != tools.pinned("axe-core"):
            return []  # reported once, as a tool failure, by the caller
        res = self.driver.execute_async_script(_RUN, self.options, context or None)
        if "error" in res:
            raise _ToolError(f"axe-core failed on this page: {res['error'][:300]}")
        out = []
        for kind in ("violations", "incomplete"):
            for v in res[kind]:
                for node in v["nodes"]:
                    summary = " ".join((node.get("failureSummary") or "").split())
                    target = " >> ".join(t if isinstance(t, str) else " >>> ".join(t) for t in node["target"])
                    review = kind == "incomplete"
                    out.append(Finding(
                        NAME, page, v["id"],
                        f"{v['help']}." + (f" {summary}" if summary else "")
                        + (" (needs review: axe could not decide)" if review else ""),
                        element=f"{target}  {node.get('html', '')}",
                        severity="warning" if review else "error", needs_review=review, variant=variant))
        return out

    def _horizontal_scroll(self, page: str, variant: str) -> list[Finding]:
        r = self.driver.execute_script(_OVERFLOW)
        if not r:
            return []
        worst = r["elements"] or [{"selector": "html", "html": ""}]
        return [Finding(NAME, page, "horizontal-scroll",
                        f"The page scrolls sideways: it is {r['scrollWidth']} CSS px wide in a {r['innerWidth']} px "
                        f"window (WCAG 1.4.10 Reflow). Sticking out: {', '.join(e['selector'] for e in worst)}.",
                        element=f"{worst[0]['selector']}  {worst[0]['html']}", variant=variant)]

    def _open_search(self, query: str) -> str:
        """Open the site search the way a visitor would, then type a query and wait for results.

        Wide screens show Material's search box in the header (focusing it opens the search);
        narrow screens show a search button (label for="__search"); the "/" key works on both.
        """
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By

        d = self.driver
        query_box = 'input[data-md-component="search-query"], input[type="search"]'

        def visible(selector):
            return [e for e in d.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]

        openers = [lambda: visible(query_box)[0].click(),
                   lambda: visible('label.md-header__button[for="__search"], label[for="__search"]')[0].click(),
                   lambda: d.find_element(By.TAG_NAME, "body").send_keys("/")]
        for opener in openers:
            try:
                opener()
            except (IndexError, WebDriverException):
                continue
            # Material animates the search open on small screens: give it a moment to appear.
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                boxes = visible(query_box)
                if boxes and d.execute_script("const s = document.getElementById('__search');"
                                              "return !s || s.checked"):
                    break
                time.sleep(0.1)
            else:
                continue
            break
        else:
            return "no search box opened with the header's search box, the search button or the “/” key"
        boxes[0].send_keys(query)
        # The search index loads in a web worker: wait until the result list shows results.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if d.execute_script("return document.querySelectorAll('.md-search-result__item').length"):
                return ""
            time.sleep(0.2)
        return f"the search for {query!r} showed no results within 10 seconds"


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """A problem seen as loaded is not repeated for each variant: variants report what is new in them."""
    seen = {(f.page, f.rule, f.element) for f in findings if not f.variant}
    out, shown = [], set()
    for f in findings:
        key = (f.page, f.rule, f.element)
        if f.variant and key in seen:
            continue
        if (key, f.variant) in shown:
            continue
        shown.add((key, f.variant))
        out.append(f)
    return sorted(out, key=lambda f: (f.page, f.variant, f.rule))
