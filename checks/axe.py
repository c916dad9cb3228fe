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

from . import filters, ibm, tools
from .browser import BrowserUnavailable, INSTALL_CHROMIUM, chromium, emulate, serve, stop_emulating
from .data import load_yaml
from .page_cache import Entry, RequestLog, open_cache
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
// arguments[0]: the emulated screen's width. A phone's layout viewport (innerWidth) widens to fit a page wider than
// the screen, so the page is measured against the screen, not against innerWidth alone.
const vw = arguments[0] || window.innerWidth;
if (Math.max(document.documentElement.scrollWidth, window.innerWidth) <= vw + 1) return null;
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
return {scrollWidth: Math.max(document.documentElement.scrollWidth, window.innerWidth), innerWidth: vw, elements: out};
"""


@dataclass
class Variant:
    name: str
    viewport: list[int] | None = None
    # A phone, not only a narrow window: mobile viewport rules, a device pixel ratio and a touch screen.
    mobile: bool = False
    device_scale_factor: float = 1
    touch: bool = False
    pages: str = ""  # "kinds": one page of every kind (axe_variants.yml `kinds`) instead of the variant pages
    local_storage: dict = field(default_factory=dict)
    script: str = ""
    search: dict = field(default_factory=dict)
    check_horizontal_scroll: bool = False
    context: str = ""  # CSS selector: check only this part of the page (e.g. an open dialog)


VARIANTS = Path(__file__).with_name("axe_variants.yml")


def load_config(path: Path | None = None) -> tuple[list[str], list, list[Variant]]:
    data = load_yaml(path or VARIANTS) or {}
    variants = [Variant(name, **(spec or {})) for name, spec in (data.get("variants") or {}).items()]
    return data.get("tags", []), data.get("pages", []), variants


def load_kinds(path: Path | None = None) -> list:
    data = load_yaml(path or VARIANTS) or {}
    return data.get("kinds") or []


def chosen_pages(site: Site, spec: list, notes: list[str], what: str = "variant pages") -> list[str]:
    """The chosen pages in both languages; a listed page the site lacks becomes a note, not a silent skip."""
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
        notes.append(f"{what} not in this site, so not checked there: " + ", ".join(missing))
    out = []
    for p in chosen:
        for q in (p, twin_of(p)):
            if q not in out and site.resolve("/" + q):
                out.append(q)
    return out


def run(site: Site, variants_file: Path | None = None) -> CheckResult:
    """axe alone (the tests of axe use it); the gate runs run_engines, which loads each page once for both."""
    return run_engines(site, variants_file, ("axe",))["axe"]


def run_engines(site: Site, variants_file: Path | None = None,
                engines: tuple[str, ...] = ("axe", ibm.NAME), cache: Path | None = None) -> dict[str, CheckResult]:
    """`cache`: a folder where page views' results are kept and reused when their inputs are unchanged
    (page_cache.py); None checks every page afresh."""
    start = time.monotonic()
    results = {name: CheckResult(name) for name in engines}
    try:
        _run(site, results, variants_file, cache)
    finally:
        for r in results.values():
            r.seconds = time.monotonic() - start
    return results


def _run(site: Site, results: dict[str, CheckResult], variants_file: Path | None, cache_dir: Path | None) -> None:
    axe_result, ibm_result = results.get("axe"), results.get(ibm.NAME)
    script = tools.axe_js()
    if axe_result and not script.is_file():
        axe_result.tool_failure(f"axe-core is missing ({script}).", tools.INSTALL_NPM)
        axe_result = None
    ace = ibm.ace_js()
    ace_source, rules = "", None
    if ibm_result:
        ace_version = tools.installed_version(ibm.PACKAGE)
        if not ace.is_file():
            ibm_result.tool_failure(f"the IBM accessibility engine is missing ({ace}).", tools.INSTALL_NPM)
            ibm_result = None
        elif ace_version != tools.pinned(ibm.PACKAGE):
            ibm_result.tool_failure(f"{ibm.PACKAGE} {ace_version} is installed, but package.json pins "
                                    f"{tools.pinned(ibm.PACKAGE)}: an old engine passing is not a pass.",
                                    tools.INSTALL_NPM)
            ibm_result = None
        else:
            ace_source = ace.read_text(encoding="utf-8")
            try:
                rules = ibm.Rules.load()
            except OSError as e:  # without the rule list every rule runs everywhere: slower, never weaker
                ibm_result.notes.append(f"the engine's help/rules.csv could not be read ({e}): all rules ran "
                                        f"on every page")
    if axe_result is None and ibm_result is None:
        return
    want = tools.pinned("axe-core")
    tags, page_spec, variants = load_config(variants_file)
    pages = [site.page_of(p) for p in site.pages]
    notes = (axe_result or ibm_result).notes
    kinds = chosen_pages(site, load_kinds(variants_file), notes, "page kinds")
    tasks: list[tuple[str, Variant | None]] = [(p, None) for p in pages]
    variant_pages = chosen_pages(site, page_spec, notes) if axe_result else []
    if axe_result:
        for v in variants:
            tasks += [(p, v) for p in (kinds if v.pages == "kinds" else variant_pages)]
        axe_result.pages_checked = len(pages)
        axe_result.notes.append(f"{len(pages)} pages as loaded, {len(tasks) - len(pages)} page views in variants "
                                f"({', '.join(v.name for v in variants) or 'none'}) on: "
                                + ", ".join(repr(p) for p in variant_pages)
                                + "; variants on every page kind: " + ", ".join(repr(p) for p in kinds))
    if ibm_result:
        ibm_result.pages_checked = len(pages)
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations", "incomplete"]}
    full = set(kinds)
    engines = [name for name, r in (("axe", axe_result), (ibm.NAME, ibm_result)) if r]
    cache = None
    if cache_dir:
        files = [script, ace, ace.parent / "help" / "rules.csv", variants_file or VARIANTS, filters.FILTERS]
        settings = {"axe": options, "review_only": sorted(rules.review_only) if rules else None}
        cache = open_cache(cache_dir, site, tuple(engines), files, settings)

    todo: queue.Queue = queue.Queue()
    reused: list[tuple[Variant | None, Entry]] = []
    for page, variant in tasks:
        entry = cache.get(page, variant.name if variant else "", page in full) if cache else None
        if entry:
            reused.append((variant, entry))
        else:
            todo.put((page, variant))
    fresh = todo.qsize()
    lock = threading.Lock()
    findings: dict[str, list[Finding]] = {name: [] for name in results}
    problems: dict[str, list[tuple[str, str]]] = {name: [] for name in results}
    versions: set[str] = set()
    archives: set[str] = set()
    states: dict[str, set[str]] = {}

    def absorb(variant: Variant | None, entry: Entry) -> None:
        if entry.version:
            versions.add(entry.version)
        if entry.archive:
            archives.add(entry.archive)
        if variant is not None and entry.state:
            states.setdefault(variant.name, set()).add(entry.state)
        for f in entry.findings:
            findings[f.check].append(f)

    for variant, entry in reused:
        absorb(variant, entry)

    def worker() -> None:
        log = RequestLog()
        try:
            with serve(site.root, site.base_path, log) as base, chromium() as driver:
                runner = _PageRunner(driver, base, script, options, axe_result is not None)
                ace_runner = ibm.Runner(driver, ace_source, rules) if ibm_result else None
                while True:
                    try:
                        page, variant = todo.get_nowait()
                    except queue.Empty:
                        return
                    log.take()  # what the page before asked for after its results were read
                    try:
                        found = runner.check(page, variant, ace_runner if variant is None else None,
                                             page in full)
                        requested = log.take()
                    except (_ToolError, ibm.EngineError) as e:
                        with lock:
                            problems[ibm.NAME if isinstance(e, ibm.EngineError) else "axe"].append((page, str(e)))
                        return
                    except Exception as e:  # a crash on one page must not read as "no violations"
                        with lock:
                            for name in engines:
                                problems[name].append((page, f"the browser failed on this page: {type(e).__name__}: "
                                                       f"{str(e).strip().splitlines()[0] if str(e).strip() else ''}"))
                        continue
                    entry = Entry(found, runner.version, ace_runner.archive if ace_runner and variant is None else "",
                                  runner.state if variant else "")
                    with lock:
                        absorb(variant, entry)
                    if cache:
                        cache.put(page, variant.name if variant else "", page in full, requested, entry)
        except BrowserUnavailable as e:
            with lock:
                for name in engines:
                    problems[name].append(("", str(e)))
        except Exception as e:  # a worker that dies before its pages must not leave them "without violations"
            with lock:
                for name in engines:
                    problems[name].append(("", f"the browser worker stopped: {type(e).__name__}: {e}"))

    # Each browser has its own server, so the requests it records are its page's alone.
    threads = [threading.Thread(target=worker) for _ in range(min(max(1, min(site.jobs, 2)), fresh))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if cache:
        cache.prune()
        loaded = sum(v is None for v, _ in reused)
        for r in (axe_result, ibm_result):
            if r:
                r.reused = loaded + (len(reused) - loaded if r is axe_result else 0)
                r.fresh = (len(tasks) if r is axe_result else len(pages)) - r.reused
                r.notes.append(f"{r.fresh} page views checked afresh, {r.reused} reused from an identical earlier "
                               f"check ({loaded} of {len(pages)} pages as loaded"
                               + (f", {len(reused) - loaded} of {len(tasks) - len(pages)} variant page views"
                                  if r is axe_result else "")
                               + f"): same page, same bytes of every file it fetched, same engines and settings "
                               f"({_shown(cache_dir)}; --no-cache checks every page afresh)")

    for name in engines:
        if not todo.empty() and not problems[name]:
            problems[name].append(("", f"{todo.qsize()} of {len(tasks)} page views were never checked"))
        for page, message in dict.fromkeys(problems[name]):
            unavailable = "not found" in message or "would not start" in message
            results[name].findings.append(Finding(name, page, "tool-failure", message, severity="tool",
                                                  fix=INSTALL_CHROMIUM if unavailable else
                                                  "re-run; if it fails again, report it with the page named here"))
    if ibm_result:
        ibm_result.notes.insert(0, f"{ibm.PACKAGE} {tools.pinned(ibm.PACKAGE)} ({ace}), policy {ibm.POLICY}"
                                + (f", rule archive {', '.join(sorted(archives))}" if archives else "")
                                + f"; {len(pages)} pages as loaded (in the same page loads as axe)"
                                + ("" if rules is None else
                                   f"; the {len(rules.review_only)} rules that can only ask for review ran on the "
                                   f"{len(kinds)} pages of each kind: " + ", ".join(repr(p) for p in kinds)))
        ibm_result.findings.extend(sorted(findings[ibm.NAME], key=lambda f: (f.page, f.rule)))
    if not axe_result:
        return
    for name, seen in sorted(states.items()):
        axe_result.notes.append(f"variant {name}: " + "; ".join(sorted(seen)))
    bad = versions - {want}
    if bad:
        axe_result.findings.append(Finding(NAME, "", "tool-failure", f"axe-core {', '.join(sorted(bad))} ran, but "
                                           f"package.json pins {want}: an old engine passing is not a pass.",
                                           severity="tool", fix=tools.INSTALL_NPM))
        return
    if versions:
        axe_result.notes.insert(0, f"axe-core {want} ({script}), tags: {', '.join(tags)}")
    axe_result.findings.extend(_dedupe(findings["axe"]))


def _shown(folder: Path) -> str:
    """The cache folder as the report shows it: relative to the site's folder, not this machine's path."""
    try:
        return Path(folder).resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(folder)


class _ToolError(RuntimeError):
    pass


class _PageRunner:
    def __init__(self, driver, base: str, script: Path, options: dict, axe: bool = True):
        from axe_selenium_python import Axe

        self.driver, self.base, self.options = driver, base, options
        self.axe = Axe(driver, script_url=str(script)) if axe else None
        self.version = ""
        self.state = ""  # what the browser reported of the last variant's screen: width, pointer, pixel ratio

    def check(self, page: str, variant: Variant | None, ace=None, full: bool = False) -> list[Finding]:
        d = self.driver
        url = self.base + page
        if variant and variant.viewport:
            emulate(d, *variant.viewport, variant.device_scale_factor, mobile=variant.mobile, touch=variant.touch)
        elif variant and variant.touch:
            d.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
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
            if variant:
                self.state, problem = self._state(variant)
                if problem:
                    out.append(Finding(NAME, page, "variant-failed", f"The browser did not emulate the "
                                       f"{variant.name!r} screen: {problem}", variant=variant.name))
                    return out
            if variant and variant.check_horizontal_scroll:
                out += self._horizontal_scroll(page, variant.name, variant.viewport[0] if variant.viewport else None)
            if self.axe is not None:
                out += self._axe(page, variant.name if variant else "", variant.context if variant else "")
            if ace is not None:
                out += ace.check(page, full)
            return out
        finally:
            if variant:
                d.execute_script("try { localStorage.clear(); } catch (e) {}")
                if variant.viewport or variant.touch:
                    stop_emulating(d)

    def _state(self, variant: Variant) -> tuple[str, str]:
        """The screen the page saw, for the report, and what differs from the variant's: a phone variant that was
        not a phone would be a false pass."""
        # The emulated screen is judged by screen.width (checks.browser.emulate sets it): innerWidth also grows when
        # the page itself is too wide for a phone, which is the horizontal-scroll finding, not a failed emulation.
        w, screen, coarse, ratio, touch = self.driver.execute_script(
            "return [window.innerWidth, screen.width, matchMedia('(pointer: coarse)').matches, "
            "window.devicePixelRatio, navigator.maxTouchPoints]")
        state = (f"window.innerWidth {w}, pointer {'coarse' if coarse else 'fine'}, devicePixelRatio {ratio:g}, "
                 f"maxTouchPoints {touch}")
        wrong = []
        if variant.viewport and screen != variant.viewport[0]:
            wrong.append(f"the screen is {screen} px wide, not {variant.viewport[0]}")
        if variant.touch and not (coarse and touch):
            wrong.append("no touch screen (pointer: coarse) was seen")
        if ratio != variant.device_scale_factor:
            wrong.append(f"the device pixel ratio is {ratio:g}, not {variant.device_scale_factor:g}")
        return state, "; ".join(wrong)

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

    def _horizontal_scroll(self, page: str, variant: str, width: int | None = None) -> list[Finding]:
        r = self.driver.execute_script(_OVERFLOW, width)
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
        narrow screens show a search button (the kit's, or Material's label for="__search"); the "/" key works on both.
        """
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By

        d = self.driver
        query_box = 'input[data-md-component="search-query"], input[type="search"]'

        def visible(selector):
            return [e for e in d.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]

        openers = [lambda: visible(query_box)[0].click(),
                   lambda: visible('[data-changwat-search-open], label.md-header__button[for="__search"], '
                                   'label[for="__search"]')[0].click(),
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
