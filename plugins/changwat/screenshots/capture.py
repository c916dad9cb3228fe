"""Taking the shots in one headless Chromium (changwat.checks.browser): device emulation, the display control's
choices in localStorage, the first screen as PNG and a JPEG thumbnail, and the layout facts of each shot."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from pathlib import Path

from changwat.checks.browser import emulate, stop_emulating

from .plan import Shot

MODE_KEY = "changwat-colour-mode"
TEXT_KEY = "changwat-text-size"

# The facts a reviewer and the rules need: sideways scroll, where the heading starts, whether the office name in
# the header is cut, and what the browser really emulated and applied (a shot that is not what it says is no proof).
# Words cut in the middle ("Complai|nts" in a narrow tile): a word whose boxes lie on more than one line. Words are
# those of the browser's own word breaker (Intl.Segmenter, in the element's language: Thai has no spaces, and its
# line breaks use the same dictionary). A word wider than the page's whole column (a 51 px heading at 200 % text on
# a 320 px phone) has to break and is not counted; one wider only than its tile or card is the layout's fault.
# Shared with the browser tests (tests/home): one definition of the rule.
CUT_WORDS = """
function cutWords(selector) {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility()) continue;
    const lang = (el.closest('[lang]') || document.documentElement).lang || 'th';
    const seg = new Intl.Segmenter(lang, {granularity: 'word'});
    const page = el.closest('.md-content__inner, .md-header__inner, .md-tabs__list') || document.body;
    const cs = getComputedStyle(page);
    const column = page.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const w of seg.segment(node.data)) {
        if (!w.isWordLike) continue;
        const range = document.createRange();
        range.setStart(node, w.index);
        range.setEnd(node, w.index + w.segment.length);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0);
        const wide = boxes.reduce((sum, r) => sum + r.width, 0);
        if (new Set(boxes.map(r => Math.round(r.top))).size > 1 && wide <= column && !out.includes(w.segment))
          out.push(w.segment);
      }
    }
  }
  return out;
}
"""
# Where a word cut in two is a fault of the layout: headings, tiles, cards, menu tabs, the header.
BROKEN_IN = "h1, h2, h3, .changwat-tile, .changwat-card__title, .md-tabs__link, .md-header__topic"

# arguments[0] is the emulated screen's width: on a mobile screen a page wider than it widens the layout viewport
# (innerWidth) with it, so scrollWidth > innerWidth alone would miss it. `wide` names the innermost elements that
# reach past the screen's right edge, for the reviewer to find the cause.
FACTS = CUT_WORDS + """
const screenWidth = arguments[0];
const wide = [...document.body.querySelectorAll('*')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.right > screenWidth + 0.5 && getComputedStyle(e).visibility !== 'hidden';
});
const innermost = wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 3).map(e =>
  e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  [...e.classList].slice(0, 2).map(c => '.' + c).join('') + ' (' + Math.round(e.getBoundingClientRect().right) + ')');
const h1 = document.querySelector('.md-content h1');
const name = document.querySelector('.md-header__topic .md-ellipsis');
const box = name && name.getBoundingClientRect();
const results = [...document.querySelectorAll('.changwat-search .md-search-result__item')]
  .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
const broken = cutWords(BROKEN_IN).slice(0, 5);
const root = document.documentElement;
return {
  scrollWidth: document.scrollingElement.scrollWidth, innerWidth: innerWidth, innerHeight: innerHeight,
  screenWidth: screen.width, wide: innermost, brokenWords: broken,
  pageHeight: document.scrollingElement.scrollHeight, dpr: devicePixelRatio,
  touch: matchMedia('(pointer: coarse)').matches,
  h1Top: h1 ? Math.round(h1.getBoundingClientRect().top * 10) / 10 : null,
  nameScrollWidth: name ? name.scrollWidth : null, nameWidth: name ? name.clientWidth : null,
  nameVisible: !!box && box.width > 0 && box.height > 0,
  mode: root.getAttribute('data-changwat-mode'), text: parseInt(root.getAttribute('data-changwat-text') || '100'),
  scheme: document.body.getAttribute('data-md-color-scheme'), lang: root.lang,
  results: results.length,
  resultsLeft: results.length ? Math.min(...results.map(r => r.left)) : null,
  resultsRight: results.length ? Math.max(...results.map(r => r.right)) : null,
};
"""

# Fonts, the images on the first screen and CSS transitions (the search fading in, menus) finish before the shot.
SETTLE = """
const done = arguments[arguments.length - 1];
const deadline = Date.now() + 5000;
const images = [...document.images].filter(i => !i.complete && i.getBoundingClientRect().top < innerHeight);
Promise.race([
  Promise.all([document.fonts.ready, ...images.map(i => new Promise(r => { i.onload = i.onerror = r; }))]),
  new Promise(r => setTimeout(r, 4000)),
]).then(function wait() {
  const moving = document.getAnimations().some(a => a.playState === 'running' && a.effect &&
                                                     a.effect.getTiming().iterations !== Infinity);
  if (moving && Date.now() < deadline) setTimeout(wait, 100);
  else requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
});
"""

FACTS = FACTS.replace("BROKEN_IN", repr(BROKEN_IN))

MODES = """
return [...document.querySelectorAll('[data-changwat-toolbar] button[data-changwat-mode]')]
  .map(b => [b.getAttribute('data-changwat-mode'), b.textContent.trim()]);
"""


@dataclass
class Taken:
    """One shot as taken: its files (relative to the output folder), its facts and the rules it breaks."""
    shot: Shot
    png: str = ""
    thumb: str = ""
    thumb_size: tuple[int, int] = (0, 0)
    full: str = ""
    facts: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def colour_modes(driver, base: str, languages: tuple[str, ...] = ("th", "en")) -> dict[str, dict[str, str]]:
    """The colour modes the site's display control offers, with their button names per language:
    {"dark": {"th": "โหมดมืด", "en": "Dark"}, ...}, in the control's order."""
    modes: dict[str, dict[str, str]] = {}
    for language in languages:
        driver.get(base + ("" if language == "th" else f"{language}/"))
        for value, label in driver.execute_script(MODES):
            modes.setdefault(value, {})[language] = label
    return modes


def rules(shot: Shot, facts: dict) -> list[str]:
    """What a citizen must get on every screen, in words a reviewer reads on the sheet."""
    d = shot.device
    out = []
    if facts["screenWidth"] != d.width or abs(facts["dpr"] - d.dpr) > 0.01 or facts["touch"] != d.mobile:
        out.append(f"not emulated: the page saw a {facts['screenWidth']} px screen at dpr {facts['dpr']}, "
                   f"touch {facts['touch']}")
    if facts["mode"] != shot.mode or facts["text"] != shot.text:
        out.append(f"display choice not applied: mode {facts['mode']}, text {facts['text']} %")
    widest = max(facts["scrollWidth"], facts["innerWidth"])
    if widest > d.width:
        out.append(f"scrolls sideways: the page is {widest} px on a {d.width} px screen"
                   + (f" ({', '.join(facts['wide'])})" if facts["wide"] else ""))
    if shot.query:
        if not facts["results"]:
            out.append(f"search for {shot.query!r} showed no results")
        elif facts["resultsLeft"] < 0 or facts["resultsRight"] > d.width:
            out.append("search results go past the screen's edge")
    elif facts["h1Top"] is None:
        out.append("no h1 heading in the content")
    elif d.phone and shot.text == 100 and facts["h1Top"] >= d.height / 3:
        out.append(f"heading at {facts['h1Top']:g} px, below the top third ({d.height / 3:.0f} px)")
    if facts["brokenWords"] and not shot.query:  # under the search, the page is covered: its own shot says it
        out.append(f"words broken mid-word: {', '.join(facts['brokenWords'])}")
    if facts["nameWidth"] is None:
        out.append("no office name in the header (.md-header__topic .md-ellipsis)")
    elif not facts["nameVisible"] or facts["nameScrollWidth"] > facts["nameWidth"]:
        out.append(f"office name cut ({facts['nameScrollWidth']} > {facts['nameWidth']} px)")
    return out


def _open_search(driver, query: str) -> str:
    """As a citizen does: the header's search button, then the word, then wait for the results (index in JSON).
    Returns what went wrong, or ""."""
    if not driver.execute_script("const b = document.querySelector('[data-changwat-search-open]');"
                                 "if (b) b.click(); return !!b"):
        return "no search button ([data-changwat-search-open]) on the page"
    shown = "const q = document.querySelector('[data-changwat-search-query]'); return !!q && q.offsetWidth > 0"
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and not driver.execute_script(shown):
        time.sleep(0.05)
    if not driver.execute_script(shown):
        return "the search button opened no search box ([data-changwat-search-query])"
    from selenium.webdriver.common.by import By
    driver.find_element(By.CSS_SELECTOR, "[data-changwat-search-query]").send_keys(query)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not driver.execute_script(
            "return document.querySelectorAll('.changwat-search .md-search-result__item').length"):
        time.sleep(0.1)
    return ""


def _screenshot(driver, **params) -> bytes:
    return base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"])


def take(driver, base: str, site: Path, shots: list[Shot], out: Path, full_page: bool = False,
         progress=None) -> list[Taken]:
    """Every shot, in order; a page missing from the site is a problem of its shot, not the end of the run."""
    taken: list[Taken] = []
    emulated = stored = None
    driver.get(base)  # an origin for localStorage
    try:
        for shot in shots:
            start = time.monotonic()
            result = Taken(shot)
            taken.append(result)
            if not (site / shot.path / "index.html").is_file():
                result.problems.append(f"page missing: {shot.path or '/'}index.html is not in the built site")
                continue
            d = shot.device
            if emulated != d:
                emulate(driver, d.width, d.height, d.dpr, mobile=d.mobile, touch=d.mobile)
                emulated = d
            if stored != (shot.mode, shot.text):
                driver.execute_script("localStorage.setItem(arguments[0], arguments[1]);"
                                      "localStorage.setItem(arguments[2], arguments[3]);",
                                      MODE_KEY, shot.mode, TEXT_KEY, str(shot.text))
                stored = (shot.mode, shot.text)
            driver.get(base + shot.path)
            problem = _open_search(driver, shot.query) if shot.query else ""
            driver.execute_async_script(SETTLE)
            result.facts = driver.execute_script(FACTS, d.width)
            result.problems = ([problem] if problem else []) + rules(shot, result.facts)
            result.png = f"{shot.name}.png"
            (out / result.png).write_bytes(_screenshot(driver, format="png"))
            scale = d.thumb / (d.width * d.dpr)
            result.thumb = f"thumbs/{shot.name}.jpg"
            result.thumb_size = (d.thumb, round(d.height * d.dpr * scale))
            (out / result.thumb).write_bytes(_screenshot(
                driver, format="jpeg", quality=75,
                clip={"x": 0, "y": 0, "width": d.width, "height": d.height, "scale": scale}))
            if full_page:
                height = max(d.height, result.facts["pageHeight"])
                result.full = f"{shot.name}-full.png"
                (out / result.full).write_bytes(_screenshot(
                    driver, format="png", captureBeyondViewport=True,
                    clip={"x": 0, "y": 0, "width": d.width, "height": height, "scale": 1}))
            result.seconds = round(time.monotonic() - start, 2)
            if progress:
                progress(result)
    finally:
        driver.execute_script("try { localStorage.clear(); } catch (e) {}")
        stop_emulating(driver)
    return taken
