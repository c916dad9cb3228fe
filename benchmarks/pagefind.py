"""Pagefind's extended build (the one that segments Thai) next to the kit's search: the same built pages, the same
queries.

    .venv/bin/python -m benchmarks.pagefind --site <built Changwat site> [--page news/x/ --port 8765]
                                            [--hit-rate] [--tone-pairs] [--work folder]

Pagefind (pinned in package.json; `npm ci --ignore-scripts` installs only this platform's binary) indexes a site
after `mkdocs build`: `pagefind_extended --site out` writes a search bundle (wasm, pagefind.js, one metadata file
per language, index chunks, one fragment per page). Here it reads the element the kit's search reads
(#main-content, extract.ROOT_ID) and skips what it skips (extract.SKIPPED_CLASSES), so both index the same text.
The bundle is written beside the site, never into it, under pagefind/ of a folder that also holds two bare pages
(lang="th" at /, lang="en" at /en/: pagefind.js picks its language index from <html lang>).

A query is asked as Pagefind's own UI asks it, through its JavaScript API in headless Chromium: search, then the
data (the fragment) of each result shown, as many as the kit's search shows at once (SHOWN). Bytes are counted
as search_cost.py counts the kit's: an emptied cache per query, every request from the query on, recorded by the
same server, gzip level 6, except Pagefind's own data files, which are gzip files already and are sent as they
are. Pagefind's UI (pagefind-ui.js and .css), which a site would also load, is not counted per query; its size is
reported beside.

Since 1.5 Pagefind folds combining marks, so Thai vowel and tone marks fold (ไก่ = ไก); its search option
exactDiacritics turns that off. Both are measured. Seen with 1.6.0: exactDiacritics also leaves an English query
unstemmed, so `privacy` (indexed as its stem `privaci`) finds nothing with it; and a word that begins the query's
folded form still matches (ไก่ finds ไกล), as does a marked word for an unmarked query (ปา finds ป่า). The tone pairs are pages of tests/search/fixtures/tone_pairs/
(both spellings present) added to the test mini site.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .first_view import _file_for, recording_server
from .search_cost import QueryCost, SearchCost, gzip_bytes, heap_after_gc

ROOT = Path(__file__).resolve().parent.parent
PLATFORM_PACKAGES = ROOT / "node_modules" / "@pagefind"
SHOWN = 10                      # results shown at once: search.js's PAGE
GZIP_MAGIC = b"\x1f\x8b"
MODES = {"Pagefind": False, "Pagefind exactDiacritics": True}
TONE_FIXTURE = ROOT / "tests" / "search" / "fixtures" / "tone_pairs"
TONE_FOLDER = "tone-pairs"

# (query, the page that must come first or None, pages that must not be found): each pair differs only by a
# vowel or tone mark. ไก has no page of its own: it begins ไก่, ไกล and ไกด์, so any of them may answer it.
TONE_QUERIES = (
    ("ไก่", "chicken", ("far", "guide")),
    ("ไก", None, ()),
    ("ไกล", "far", ()),
    ("ป่า", "forest", ("throw",)),
    ("ปา", "throw", ("forest",)),
    ("ข้าว", "rice", ("white",)),
    ("ขาว", "white", ("rice",)),
    ("เสื่อ", "mat", ("tiger",)),
    ("เสือ", "tiger", ("mat",)),
)

HARNESS = ('<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Pagefind</title></head>'
           "<body></body></html>\n")

# Pagefind's API as its UI uses it: options before the first search, then the data of each result shown.
QUERY = """const [query, exact, shown, done] = arguments;
import('/pagefind/pagefind.js').then(async pf => {
  await pf.options({exactDiacritics: exact});
  const found = await pf.search(query);
  const data = await Promise.all(found.results.slice(0, shown).map(r => r.data()));
  return {count: found.results.length, top: data.map(d => d.url)};
}).then(done, e => done(String(e)));"""


class PagefindMissing(RuntimeError):
    pass


@dataclass
class IndexBuild:
    seconds: float
    peak_bytes: int
    pages: int
    words: int
    bundle_bytes: int           # the whole bundle on disk (every language, the UI files included)
    ui_gzip: int                # pagefind-ui.js + pagefind-ui.css, gzip: what its default UI adds


@dataclass
class Answer:
    count: int | None           # None: not known (the kit's search, read from its results list)
    top: list[str]


@dataclass
class Run:
    label: str
    cost: SearchCost
    answers: dict[str, Answer] = field(default_factory=dict)


@dataclass
class Comparison:
    index: IndexBuild | None = None
    runs: list[Run] = field(default_factory=list)                            # Pagefind, per mode, large site
    hit_rates: dict[str, dict] = field(default_factory=dict)                 # label -> search_hit_rate.measure()
    sample_index: IndexBuild | None = None
    tone: dict[str, dict[str, Answer]] = field(default_factory=dict)         # label -> query -> answer


def binary() -> Path:
    found = sorted(PLATFORM_PACKAGES.glob("*/bin/pagefind_extended*"))
    found = [p for p in found if not p.name.endswith(".sha256")]
    if not found:
        raise PagefindMissing("Pagefind is not installed: run `npm ci --ignore-scripts` in the repository "
                              f"(package.json pins it); looked in {PLATFORM_PACKAGES}")
    return found[0]


def exclude_selectors() -> str:
    from changwat.search.extract import SKIPPED_CLASSES

    return ", ".join(f".{name}" for name in sorted(SKIPPED_CLASSES))


def command(pagefind: Path, site: Path, bundle: Path) -> list[str]:
    from changwat.search.extract import ROOT_ID

    return [str(pagefind), "--site", str(site), "--output-path", str(bundle), "--root-selector", f"#{ROOT_ID}",
            "--exclude-selectors", exclude_selectors()]


def indexed(output: str, what: str) -> int:
    """A count from Pagefind's summary ("Indexed 284 pages"); 0 when it printed none."""
    found = re.search(rf"Indexed (\d+) {what}\b", output)
    return int(found.group(1)) if found else 0


def index(site: Path, root: Path) -> IndexBuild:
    """Pagefind over a built site into root/pagefind/, with the bare pages beside it; timed like a build."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for lang, folder in (("th", root), ("en", root / "en")):
        folder.mkdir(exist_ok=True)
        (folder / "index.html").write_text(HARNESS.format(lang=lang), encoding="utf-8")
    bundle = root / "pagefind"
    started = time.perf_counter()
    child = subprocess.Popen(command(binary(), site, bundle), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"pagefind failed on {site}:\n{output[-3000:]}")
    ui = sum(len(gzip.compress((bundle / name).read_bytes(), 6)) for name in ("pagefind-ui.js", "pagefind-ui.css"))
    return IndexBuild(seconds=seconds, peak_bytes=usage.ru_maxrss * 1024, pages=indexed(output, "pages"),
                      words=indexed(output, "words"), ui_gzip=ui,
                      bundle_bytes=sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()))


def sent_bytes(root: Path, requests: list[tuple[str, int]], cache: dict[str, int]) -> dict[str, int]:
    """search_cost.gzip_bytes, except that a file that is a gzip file already (Pagefind's wasm, metadata, chunks
    and fragments) counts as it is: a server sends it so, and pagefind.js unpacks it itself."""
    for path, _ in requests:
        if path not in cache:
            file = _file_for(root, path)
            if file.is_file():
                with file.open("rb") as f:
                    if f.read(2) == GZIP_MAGIC:
                        cache[path] = file.stat().st_size
    return gzip_bytes(root, requests, cache)


def kind_of(path: str) -> str:
    """What a request of Pagefind's is for: the same for every query, or the query's own."""
    if "/pagefind/index/" in path:
        return "index chunks"
    if "/pagefind/fragment/" in path:
        return "fragments"
    if path.startswith("/pagefind/"):
        return "code and metadata"     # pagefind.js, its worker and wasm, pagefind-entry.json, the language's pf_meta
    return "other"


def by_kind(files: dict[str, int]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for path, size in files.items():
        kinds[kind_of(path)] = kinds.get(kind_of(path), 0) + size
    return kinds


def ask(driver, query: str, exact: bool, shown: int = SHOWN) -> Answer | None:
    driver.set_script_timeout(60)
    found = driver.execute_async_script(QUERY, query, exact, shown)
    if not isinstance(found, dict):
        print(f"  pagefind: {query!r} failed: {found}", file=sys.stderr)
        return None
    return Answer(count=found["count"], top=found["top"])


def search(root: Path, queries: list[tuple[str, str]], exact: bool, label: str, page: str = "") -> Run:
    """Each (origin, query) on a fresh bare page with an emptied cache: what it fetched, what it found."""
    from changwat.checks.browser import chromium

    run = Run(label=label, cost=SearchCost(kind=label, page=page, queries=[]))
    cache: dict[str, int] = {}
    with recording_server(root, 0) as (base, requests), chromium() as driver:
        driver.execute_cdp_cmd("Network.enable", {})
        for origin, query in queries:
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            driver.get(base + page)
            mark = len(requests)
            answer = ask(driver, query, exact)
            heap = heap_after_gc(driver)
            files = sent_bytes(root, list(requests)[mark:], cache)
            run.cost.queries.append(QueryCost(query=query, origin=origin, gzip_bytes=sum(files.values()),
                                              heap_bytes=heap, rendered=answer is not None, files=files))
            run.answers[query] = answer or Answer(count=0, top=[])
    return run


def hit_rate(root: Path, exact: bool) -> dict[str, tuple[int, int, list]]:
    """search_hit_rate.measure's figures for Pagefind: the expected page among the first five."""
    from . import search_hit_rate

    def asker(driver, query):
        answer = ask(driver, query, exact, search_hit_rate.TOP)
        return answer.top if answer else []

    return search_hit_rate.measure(root, asker=asker)


# ---- the tone pairs ----------------------------------------------------------------------------------------------

def tone_site(where: Path) -> Path:
    """The test mini site with the tone-pair pages in both languages; returns its mkdocs.yml."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import write_minisite

    config = write_minisite(where)
    for lang in ("th", "en"):
        shutil.copytree(TONE_FIXTURE / lang, where / "docs" / lang / TONE_FOLDER)
    return config


def tone_url(name: str) -> str:
    return f"/{TONE_FOLDER}/{name}/"


def distinguishes(top: list[str], expected: str | None, avoid: tuple[str, ...]) -> bool | None:
    """The query's own page first and none of the other spellings' pages found; None: no page of its own."""
    if expected is None:
        return None
    return top[:1] == [tone_url(expected)] and not {tone_url(a) for a in avoid} & set(top)


def ours_top(site: Path, queries: list[str]) -> dict[str, Answer]:
    """The kit's search, typed into its real box (search_hit_rate.ask): the first five results."""
    from changwat.checks.browser import chromium, serve

    from .search_hit_rate import ask as ask_ours

    out = {}
    with serve(site) as url, chromium() as driver:
        for query in queries:
            driver.get(url)
            out[query] = Answer(count=None, top=ask_ours(driver, query))
    return out


def tone_pairs(work: Path) -> dict[str, dict[str, Answer]]:
    """The tone-pair site built with the kit, then searched with the kit, Pagefind and Pagefind exact."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import mkdocs_build

    shutil.rmtree(work, ignore_errors=True)
    (work / "src").mkdir(parents=True)
    built = mkdocs_build(tone_site(work / "src"), work / "site")
    if built.returncode != 0:
        raise RuntimeError("the tone-pair site did not build:\n" + built.stdout[-2000:] + built.stderr[-2000:])
    queries = [q for q, _, _ in TONE_QUERIES]
    out = {"Changwat": ours_top(work / "site", queries)}
    index(work / "site", work / "pagefind")
    for label, exact in MODES.items():
        run = search(work / "pagefind", [("tone pairs", q) for q in queries], exact, label)
        out[label] = run.answers
    return out


# ---- everything, for make bench ------------------------------------------------------------------------------------

def compare(large_site: Path, queries: list[tuple[str, str]], work: Path, hit_rate_site: bool = True,
            tone: bool = True) -> Comparison:
    """Pagefind over the large built site (index time, both modes' bytes); the query set on the sample site
    (the kit and Pagefind); the tone pairs."""
    from . import search_hit_rate

    result = Comparison()
    result.index = index(large_site, work / "large")
    print(f"  pagefind: indexed {result.index.pages:,} pages in {result.index.seconds:.1f} s", flush=True)
    for label, exact in MODES.items():
        run = search(work / "large", queries, exact, label)
        result.runs.append(run)
        print(f"  one Thai search, {label}: median {run.cost.median_bytes / 1000:.1f} KB, max "
              f"{run.cost.max_bytes / 1000:.1f} KB", flush=True)
    if hit_rate_site:
        sample = work / "sample"
        search_hit_rate.build(None, sample)
        result.hit_rates["Changwat"] = search_hit_rate.measure(sample)
        result.sample_index = index(sample, work / "sample-pagefind")
        for label, exact in MODES.items():
            result.hit_rates[label] = hit_rate(work / "sample-pagefind", exact)
        for label, groups in result.hit_rates.items():
            print(f"  hit rate, {label}: " + ", ".join(f"{g} {h}/{t}" for g, (h, t, _) in groups.items()), flush=True)
    if tone:
        result.tone = tone_pairs(work / "tone")
    return result


def main(argv: list[str] | None = None) -> int:
    from . import search_cost

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a site built with Changwat (not written to)")
    parser.add_argument("--docs", type=Path, help="its docs/ (default: beside the site), for the varied queries")
    parser.add_argument("--page", help="measure the kit's search too, from this page (as make bench does)")
    parser.add_argument("--port", type=int, default=0, help="the port of the site's site_url (with --page)")
    parser.add_argument("--hit-rate", action="store_true", help="also the query set on the sample site")
    parser.add_argument("--tone-pairs", action="store_true", help="also the tone-pair fixture")
    parser.add_argument("--work", type=Path, default=Path("/tmp/changwat-pagefind"))
    args = parser.parse_args(argv)
    docs = args.docs or args.site.parent / "docs"
    queries = ([("query set", q) for q in search_cost.fixed_queries()]
               + [("varied text", q) for q in search_cost.varied_queries(docs)])
    result = compare(args.site, queries, args.work, args.hit_rate, args.tone_pairs)
    ours = search_cost.measure(args.site, args.page, args.port, queries) if args.page else None
    from .report import pagefind_section

    print("\n" + pagefind_section(result, ours))
    return 0


if __name__ == "__main__":
    sys.exit(main())
