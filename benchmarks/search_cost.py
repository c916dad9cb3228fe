"""What one Thai search costs a citizen's phone: the bytes it downloads and the JavaScript heap it leaves.

Headless Chromium (checks/browser.py) opens a Thai news item from a local server that records every request
(first_view.recording_server), with the browser's cache emptied first, so each query is a citizen's first search.
Once the page has loaded and settled, the search box is opened and a query typed (search_hit_rate.ask: the real
box, as a citizen types); every request from then until the results are shown is counted, each file
gzip-compressed (level 6) as a web server would send it, a 304 as nothing. Whatever the search fetches is counted,
whatever its index format: one file per language, shards, result records, the search code itself.

Material's stock search fetches its index in a web worker when the page loads, not when the box is used, so for
it the search files (under search/, its worker and lunr) fetched during the page load are counted as well.

The heap is the page's own JavaScript heap (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage), read
once the results list answers the query. Material's index lives in its worker's heap, which this does not see.

Queries: five from the project's query set (tests/search/search_queries.yml) and five words drawn from the
synthetic site's varied Thai, one fresh page each.
"""

from __future__ import annotations

import gzip
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import prose
from .first_view import _file_for, recording_server

SETTLE_SECONDS = 2.0      # after load: scripts' own requests (Material's worker fetching its index)
AFTER_RESULTS = 0.5       # requests the results list makes once shown (excerpts, records)
MATERIAL_SEARCH = ("/search/", "/workers/", "/lunr/")


@dataclass
class QueryCost:
    query: str
    origin: str                   # "query set" or "varied text"
    gzip_bytes: int
    heap_bytes: int | None
    rendered: bool                # the results list answered this query before the timeout
    files: dict[str, int] = field(default_factory=dict)   # URL path -> gzip bytes (summed over its requests)


@dataclass
class SearchCost:
    kind: str
    page: str
    queries: list[QueryCost]

    def _values(self, name: str) -> list[int]:
        return [getattr(q, name) for q in self.queries if getattr(q, name) is not None]

    @property
    def median_bytes(self) -> float:
        return statistics.median(self._values("gzip_bytes"))

    @property
    def max_bytes(self) -> int:
        return max(self._values("gzip_bytes"))

    @property
    def median_heap(self) -> float | None:
        heaps = self._values("heap_bytes")
        return statistics.median(heaps) if heaps else None

    @property
    def max_heap(self) -> int | None:
        heaps = self._values("heap_bytes")
        return max(heaps) if heaps else None


def fixed_queries(count: int = 5) -> list[str]:
    """`count` Thai queries spread evenly over the project's query set."""
    from .search_hit_rate import load_queries

    thai = [item["query"] for item in load_queries()["thai"]]
    step = max(1, len(thai) // count)
    return thai[::step][:count]


def varied_queries(docs: Path, count: int = 5, seed: int = 2569) -> list[str]:
    """`count` Thai words of 3 characters or more (newmm's cut) from the site's Thai news items, seeded."""
    from pythainlp.tokenize import word_tokenize

    rng = random.Random(seed)
    items = sorted((docs / "th" / "news").glob("2*.md"))
    found: list[str] = []
    for _ in range(200 * count):
        if len(found) == count or not items:
            break
        body = rng.choice(items).read_text(encoding="utf-8").split("\n---", 1)[-1]
        runs = [run for run in prose.thai_runs(body) if len(run) > 12]
        if not runs:
            continue
        words = [w for w in word_tokenize(rng.choice(runs), engine="newmm", keep_whitespace=False)
                 if len(w) >= 3 and prose.THAI_RUN.fullmatch(w)]
        if words and (word := rng.choice(words)) not in found:
            found.append(word)
    return found


def counted(requests: list[tuple[str, int]], start: int, mark: int, material: bool) -> list[tuple[str, int]]:
    """The requests a search made: from `mark` (the box about to be used) on; for Material, also its search
    files fetched while the page loaded (from `start`)."""
    early = [r for r in requests[start:mark] if material and any(part in r[0] for part in MATERIAL_SEARCH)]
    return early + requests[mark:]


def gzip_bytes(site: Path, requests: list[tuple[str, int]], cache: dict[str, int] | None = None) -> dict[str, int]:
    """URL path -> gzip bytes sent for it over these requests (a 304 or a 404 sends no file)."""
    cache = {} if cache is None else cache
    files: dict[str, int] = {}
    for path, status in requests:
        if path not in cache:
            file = _file_for(site, path)
            cache[path] = len(gzip.compress(file.read_bytes(), compresslevel=6)) if file.is_file() else 0
        files[path] = files.get(path, 0) + (cache[path] if status == 200 else 0)
    return files


def heap_after_gc(driver) -> int:
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    return int(driver.execute_cdp_cmd("Runtime.getHeapUsage", {})["usedSize"])


def _rendered(driver, query: str, material: bool) -> bool:
    if material:
        return bool(driver.execute_script(
            "const m = document.querySelector('.md-search-result__meta');"
            "return !!m && /\\d|No matching|ไม่พบ/.test(m.textContent);"))
    return driver.execute_script(
        "const b = document.querySelector('[data-changwat-search]');"
        "return !!b && b.getAttribute('data-rendered-query') === arguments[0]", query)


def measure(site: Path, page: str, port: int, queries: list[tuple[str, str]], material: bool = False,
            settle: float = SETTLE_SECONDS) -> SearchCost:
    """`queries`: (origin, query) pairs; `page` a URL path under the site's root; `port` the one of its
    site_url (0: any free port, for a site with relative links only)."""
    from changwat.checks.browser import chromium

    from .search_hit_rate import ask

    cache: dict[str, int] = {}
    results = []
    with recording_server(site, port) as (base, requests), chromium() as driver:
        driver.execute_cdp_cmd("Network.enable", {})
        for origin, query in queries:
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            start = len(requests)
            driver.get(base + page)
            time.sleep(settle)
            mark = len(requests)
            ask(driver, query, material)
            rendered = _rendered(driver, query, material)
            time.sleep(AFTER_RESULTS)
            heap = heap_after_gc(driver)
            files = gzip_bytes(site, counted(list(requests), start, mark, material), cache)
            results.append(QueryCost(query=query, origin=origin, gzip_bytes=sum(files.values()), heap_bytes=heap,
                                     rendered=rendered, files=files))
    return SearchCost(kind="plain" if material else "changwat", page=page, queries=results)
