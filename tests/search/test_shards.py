"""The search index in pieces (FORMAT 2, plugins/changwat/search/index.py): what a query downloads, that results
stay those of the whole-index search, words inside longer words, shard sizes, the section and Buddhist-era date
of results, cache busting, and tone marks."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from benchmarks.search_hit_rate import ask, load_queries
from changwat.checks.browser import chromium, serve
from changwat.search.extract import PageText
from changwat.search.index import TARGET, Entry, build_shards, shard_name

from conftest import ROOT, mkdocs_build
from format1 import from_records

HERE = Path(__file__).resolve().parent
RERANK, SECOND_ROUND = 20, 3   # search.js

# search.js's test hook: the first n result urls of each query, without typing.
TOP = """const [queries, n, done] = arguments;
const wait = setInterval(() => {
  const box = document.querySelector('[data-changwat-search]');
  if (!box || !box.changwatSearch || !box.changwatSearch.top) return;
  clearInterval(wait);
  const out = {};
  queries.reduce((p, q) => p.then(() => box.changwatSearch.top(q, n).then(r => { out[q] = r; })), Promise.resolve())
    .then(() => done(out), e => done(String(e)));
}, 50);"""


def top(driver, queries: list[str], n: int = 5) -> dict[str, list[str]]:
    driver.execute_script("document.querySelector('[data-changwat-search-query]').focus()")  # loads search.js
    driver.set_script_timeout(180)
    found = driver.execute_async_script(TOP, queries, n)
    assert isinstance(found, dict), found
    return found


def fetched(driver) -> list[str]:
    return (driver.execute_script(
        "return document.querySelector('[data-changwat-search]').getAttribute('data-fetched')") or "").split()


def key_of(keys: set[str], text: str) -> str | None:
    return next((text[:n] for n in range(len(text), 0, -1) if text[:n] in keys), None)


# ---- what a query downloads -----------------------------------------------------------------------------------

def test_query_fetches_only_its_shards(browser, site_url, built_site):
    browser.get(site_url)
    found = ask(browser, "ศูนย์ดำรงธรรม")
    assert found[0] == "/services/damrongdhama/"
    paths = fetched(browser)
    manifest = json.loads((built_site / "search" / "th" / "manifest.json").read_text(encoding="utf-8"))
    keys = set(manifest["shards"])
    words = browser.execute_async_script(
        "document.querySelector('[data-changwat-search]').changwatSearch.words(arguments[0]).then(arguments[1])",
        "ศูนย์ดำรงธรรม")
    group = words["groups"][0]
    assert group["cut"] == ["ศูนย์", "ดำรง", "ธรรม"]  # the query cut as the build cut the pages
    # The shards of its words: those its words, its site words and the phrase start with, and (cutting it) the
    # shorter keys on the way to them.
    own = {"s/" + shard_name(key) + ".json" for text in group["words"] + group["cut"] + [group["phrase"]]
           for n in range(1, len(text) + 1) if (key := text[:n]) in keys}
    shards = [p for p in paths if p.startswith("s/")]
    records = [p for p in paths if p.startswith("d/")]
    assert paths[0] == "manifest.json"
    assert len([p for p in shards if p not in own]) <= SECOND_ROUND, shards
    assert 0 < len(records) <= RERANK
    assert set(paths) == {"manifest.json", *shards, *records}
    assert len(shards) < len(keys) / 4  # not the whole index
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert not [r for r in loaded if r.split("?")[0].endswith(("/search/th.json", "/search/en.json"))]
    assert not (built_site / "search" / "th.json").exists()


def test_more_results_fetch_the_next_records(browser, site_url):
    browser.get(site_url)
    ask(browser, "จังหวัด")
    items = ".md-search-result__list > li.md-search-result__item"
    assert len(browser.find_elements(By.CSS_SELECTOR, items)) == 10
    before = set(fetched(browser))
    more = browser.find_element(By.CSS_SELECTOR, "[data-changwat-search-more]")
    assert more.is_displayed() and more.text == "แสดงผลการค้นหาเพิ่มเติม"
    more.click()  # results 11-20: already ranked on their records
    more.click()  # results 21-30: their records are fetched now
    deadline = time.monotonic() + 10
    while len(browser.find_elements(By.CSS_SELECTOR, items)) < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    shown = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, items + " > a")]
    assert len(shown) == 30 and len(set(shown)) == 30
    new = set(fetched(browser)) - before
    assert new and all(p.startswith("d/") for p in new) and len(new) <= 10


# ---- the same results as the whole-index search ----------------------------------------------------------------

def test_same_results_before_and_after(browser, site_url, built_site, tmp_path):
    """The old search (reference_search.js, over a FORMAT 1 index of the same pages) and the sharded one agree on
    the query set: every expected page the old search put in the first five, the new one does too; the first
    five are mostly the same (Jaccard), and the first result is the same for nearly every query."""
    queries = load_queries()
    groups = {"th": [q for g in ("thai", "thai_numbers") for q in queries[g]], "en": queries["english"]}
    problems, jaccards, same_first = [], [], 0
    for lang, items in groups.items():
        index, asked = tmp_path / f"{lang}.json", tmp_path / f"{lang}-queries.json"
        index.write_text(from_records(built_site / "search" / lang), encoding="utf-8")
        asked.write_text(json.dumps([i["query"] for i in items], ensure_ascii=False), encoding="utf-8")
        old = json.loads(subprocess.run(["node", str(HERE / "reference_search.js"), str(index), str(asked)],
                                        capture_output=True, text=True, check=True).stdout)
        browser.get(site_url + ("en/" if lang == "en" else ""))
        new = top(browser, [i["query"] for i in items])
        for item in items:
            a, b = old[item["query"]], new[item["query"]]
            expected = item["page"] if lang == "th" else "en/" + item["page"]
            if expected in a and expected not in b:
                problems.append(f"{item['query']}: {expected} lost (before {a}, after {b})")
            jaccards.append(len(set(a) & set(b)) / len(set(a) | set(b)) if a or b else 1)
            same_first += a[:1] == b[:1]
    total = len(jaccards)
    assert not problems, "\n".join(problems)
    assert sum(jaccards) / total >= 0.9, sum(jaccards) / total
    assert sum(j >= 0.8 for j in jaccards) / total >= 0.8
    assert same_first / total >= 0.9


# ---- words inside longer words --------------------------------------------------------------------------------

MID_WORD = [("หน้ากาก", "/news/2026-11-17-pm25-advisory/"), ("ไปรษณีย์", "/faq/"),
            ("ยังชีพ", "/services/elderly-allowance/")]


def test_words_inside_longer_words_are_found(browser, site_url):
    for query, page in MID_WORD:
        browser.get(site_url)
        assert page in ask(browser, query), query


def test_words_inside_longer_words_need_the_suffix_pointers(built_site, tmp_path):
    """The same site with the pointers taken out of every shard no longer finds them: the pointers do the work."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    for shard in (site / "search" / "th" / "s").glob("*.json"):
        data = json.loads(shard.read_text(encoding="utf-8"))
        data["i"] = []
        shard.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with serve(site) as url, chromium() as driver:
        lost = []
        for query, page in MID_WORD[:2]:
            driver.get(url)
            lost.append(page not in ask(driver, query))
    assert all(lost)


# ---- shard sizes ------------------------------------------------------------------------------------------------

def oversized(site: Path) -> list[str]:
    """Shards above TARGET gzipped that hold more than one term."""
    out = []
    for shard in sorted(site.glob("search/*/s/*.json")):
        raw = shard.read_bytes()
        if len(gzip.compress(raw, 9)) > TARGET and len(json.loads(raw)["t"]) > 1:
            out.append(f"{shard.relative_to(site)}: {len(gzip.compress(raw, 9))} B gzip")
    return out


def test_every_shard_is_within_the_target_on_the_sample_site(built_site):
    assert list(built_site.glob("search/th/s/*.json"))
    assert oversized(built_site) == []


def test_every_shard_is_within_the_target_on_a_300_page_site(tmp_path):
    from benchmarks.synthetic import generate

    synthetic = generate(tmp_path / "synthetic", 300, "http://127.0.0.1:8000/")
    result = mkdocs_build(synthetic.folder / "changwat.yml", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "site" / "search" / "th" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pages"] >= 250
    assert any(len(key) > 1 for key in manifest["shards"])  # big first letters were split
    assert oversized(tmp_path / "site") == []


# ---- the index as files ---------------------------------------------------------------------------------------

def page(url: str, title: str, body: str, **facts) -> Entry:
    return Entry(url=url, text=PageText(title=title, headings=[], body=body), **facts)


def test_manifest_hash_changes_with_content_and_builds_are_identical():
    pages = [page("a/", "ข่าวจังหวัด", "ประชาชนร่วมปลูกต้นไม้"), page("b/", "ประกาศ", "รับสมัครงาน")]
    first, again = build_shards("th", pages), build_shards("th", pages)
    assert first == again  # byte-identical: no order of a set or a dict leaks into the files
    changed = build_shards("th", [pages[0], page("b/", "ประกาศ", "รับสมัครงานราชการ")])
    hashes = [json.loads(files["manifest.json"])["hash"] for files in (first, changed)]
    assert hashes[0] != hashes[1]


def test_built_records_carry_the_section_and_the_date(built_site):
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (built_site / "search" / "th" / "d").glob("*.json")]
    dengue = next(r for r in records if r["u"] == "news/2026-08-28-dengue-prevention/")
    assert dengue["s"] == "ข่าวประชาสัมพันธ์" and dengue["d"] == "28 สิงหาคม 2569"
    english = json.loads(next(p.read_text(encoding="utf-8") for p in (built_site / "search" / "en" / "d").glob("*.json")
                              if '"en/news/2026-08-28-dengue-prevention/"' in p.read_text(encoding="utf-8")))
    assert english["s"] == "News" and english["d"] == "28 August 2026"
    assert "s" not in next(r for r in records if r["u"] == "contact/")


def test_result_shows_section_and_be_date(browser, site_url):
    browser.get(site_url)
    ask(browser, "ไข้เลือดออก")
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__item .changwat-search__where")
    assert "ข่าวประชาสัมพันธ์" in first.text and "2569" in first.text
    browser.get(site_url + "en/")
    ask(browser, "dengue")
    first = browser.find_element(By.CSS_SELECTOR, ".md-search-result__item .changwat-search__where")
    assert "News" in first.text and "2026" in first.text


# ---- the count: seen at once, heard after a pause ----------------------------------------------------------------

def test_visible_count_shows_at_once_and_the_status_follows(browser, site_url):
    browser.get(site_url)
    browser.execute_script("""
      const box = document.querySelector('[data-changwat-search]');
      window.__changes = {};
      const watch = (selector, name) => new MutationObserver(() => {
        if (/\\d/.test(box.querySelector(selector).textContent) && !window.__changes[name]) window.__changes[name] = performance.now();
      }).observe(box.querySelector(selector), {childList: true, characterData: true, subtree: true});
      watch('[data-changwat-search-count]', 'count');
      watch('[data-changwat-search-status]', 'status');
      new MutationObserver(() => { window.__changes.rendered = window.__changes.rendered || performance.now(); })
        .observe(box, {attributes: true, attributeFilter: ['data-rendered-query']});""")
    ask(browser, "ศูนย์ดำรงธรรม")
    time.sleep(0.6)
    changes = browser.execute_script("return window.__changes")
    count = browser.find_element(By.CSS_SELECTOR, "[data-changwat-search-count]")
    status = browser.find_element(By.CSS_SELECTOR, "[data-changwat-search-status]")
    assert count.is_displayed() and count.text.startswith("พบ") and count.get_attribute("aria-hidden") == "true"
    assert status.get_attribute("role") == "status" and status.get_attribute("textContent") == count.text
    assert abs(changes["count"] - changes["rendered"]) < 50       # with the results
    assert changes["status"] - changes["count"] >= 300            # once the citizen pauses


# ---- tone marks are not folded ----------------------------------------------------------------------------------

TONE_PAGE = """<!doctype html><html lang="th"><head><meta charset="utf-8"><title>t</title></head><body>
<input type="checkbox" id="__search">
<div data-changwat-search data-index="search/th/manifest.json" data-root="/" data-lang="th" data-found="พบ {n} หน้า">
<form data-changwat-search-form><input type="search" data-changwat-search-query></form>
<p data-changwat-search-count></p><p role="status" data-changwat-search-status></p>
<ol class="md-search-result__list" data-changwat-search-results></ol><button data-changwat-search-more hidden></button>
</div><script src="search.js"></script></body></html>"""


def test_tone_marks_are_not_folded(tmp_path):
    pages = [page("chicken/", "ไก่", "ฟาร์มเลี้ยงไก่พื้นเมือง"), page("far/", "ไกล", "หมู่บ้านห่างไกลในหุบเขา"),
             page("forest/", "ป่า", "ปลูกป่าชุมชน"), page("throw/", "ปา", "การแข่งขันปาเป้า")]
    for path, text in build_shards("th", pages).items():
        (tmp_path / "search" / "th" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "search" / "th" / path).write_text(text, encoding="utf-8")
    shutil.copyfile(ROOT / "overrides" / "search" / "search.js", tmp_path / "search.js")
    (tmp_path / "index.html").write_text(TONE_PAGE, encoding="utf-8")
    with serve(tmp_path) as url, chromium() as driver:
        driver.get(url)
        found = top(driver, ["ไก่", "ปา", "ป่า"])
    assert found["ไก่"][:1] == ["chicken/"]
    assert "far/" not in found["ไก่"][:1]
    assert found["ปา"][:1] == ["throw/"] and "forest/" not in found["ปา"]  # ป่า is not ปา, even as a whole word
    assert found["ป่า"][:1] == ["forest/"]
