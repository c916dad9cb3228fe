"""`make bench`: build a synthetic provincial site with Changwat, with Changwat without its search, and with plain
Material (same pages, same menu), cold and warm, interleaved; measure a page's first view, a Thai search and a
preview edit; judge the budgets.

    .venv/bin/python -m benchmarks [--pages 2000] [--small 500] [--runs 3] [--no-serve] [--no-browser]

Prints every figure, writes BENCHMARKS.md, and exits non-zero when a budget fails. The sites are built in a
temporary folder, never in docs/. Run it on an otherwise idle machine: the load average is recorded with every
build, and a busy machine's figures say little.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from . import budgets, first_view, pagefind, plugin_times, prose, report, search_cost, serve_edit, site_stats
from .measure import make_cold, timed_build
from .serve_edit import free_port
from .synthetic import ROOT, generate

# The three builds: Changwat as shipped; Changwat without changwat-search (so the search's cost is seen); plain
# Material + mkdocs-static-i18n + Material's search, with the same menu.
KINDS = ("changwat", "nosearch", "plain")
LABELS = {"changwat": "Changwat", "nosearch": "Changwat without search", "plain": "Plain Material"}
ORDER_SEED = 2569

CORRECTIONS = (
    "Earlier versions of this file (up to issue 17) compared Changwat with a baseline that was not a fair one, and "
    "said all six budgets passed. What was wrong: (1) the 188.7 s plain Material baseline at 2,000 pages per "
    "language listed every news item in its menu (benchmarks/synthetic.py `plain_nav`), so every plain page "
    "carried about 1,555 menu links (626 KB of HTML per page, a build that grows with the square of the site); "
    "plain MkDocs needs no such menu, and now gets the sample site's own, as Changwat has. (2) Plain Material ran "
    "once (`--plain-runs 1`) while Changwat ran three times. (3) Changwat's second and third runs reused the Thai "
    "word-cut cache of the first (.cache/changwat-search/), which a fresh clone and CI never have; that warm time "
    "was reported as the build time. Cold and warm builds are now reported apart, and the budgets judge cold ones. "
    "(4) The synthetic site was not a git repository, so changwat-dates did none of its work. (5) The Thai text "
    "repeated a few hundred phrases (6,354 distinct Thai runs over 2,000 pages), so the word cache and the search "
    "index were far smaller than a real site's. (6) The search payload was reported as 782 KB (the index of that "
    "repetitive text); on varied Thai text one Thai search downloaded 5.3 MB compressed at 2,000 pages per "
    "language. The figures of those versions (Changwat 29.9 s, a ratio of 0.16 against plain Material) should not "
    "be quoted."
)

NOTES = [
    "The synthetic site is the sample site's real pages (both languages, with the recommendations section built "
    "from data/recommendations.yml) plus dated items with real front matter: 80 % news, 10 % announcements, 10 % "
    "procurement notices. Thai text is drawn word by word from PyThaiNLP's word list with a Zipf-like weighting "
    "(about 30 % of the words are government phrases), so it is not a few phrases repeated (benchmarks/prose.py).",
    "The site is a git repository: everything but the items in a first commit, the items in about 20 dated "
    "commits (oldest first), then one commit that edits about 5 % of the items, so changwat-dates reads real "
    "dates (one `git log` per build).",
    "Changwat: `changwat.yml` INHERITs the project's mkdocs.yml (all plugins, strict). Changwat without search: "
    "the same plugins but changwat-search. Plain: Material + mkdocs-static-i18n + Material's search as shipped, "
    "the same theme features (navigation.prune included) and the same menu (the sample site's: items are "
    "reached from their section's listing, `not_in_nav`), built without --strict. Plain lacks what the plugins "
    "generate (the recommendations pages, listings' pagination, feeds, the site map page).",
    "Every configuration is built the same number of times. Each round builds every size and, in an order "
    "shuffled per round (seeded), every configuration twice: cold (.cache/ removed and search-cuts/ reset to the "
    "repository's first commit, which has none: a site's first build, or one whose cut files were never "
    "committed), then warm (with the cut files the cold build wrote: what a fresh clone of a site that commits "
    "search-cuts/ starts from, as this repository and a new office's site do). Wall "
    "time and peak memory (ru_maxrss from os.wait4) are of the `mkdocs build` process alone. The 1-minute load "
    "average is recorded before and after each build.",
    "HTML per page leaves out 404 pages and redirect stubs. The HTML budget compares the same pages in the "
    "two Changwat sites (median of their size ratios).",
    "First view: headless Chromium loads a Thai news item from a local server that records every request "
    "(scripts' requests and 404s included; the sites are built with that server as site_url so absolute links "
    "are followed too); each file is counted gzip-compressed (level 6). Render-blocking: scripts in <head> "
    "without defer/async, and inline ones over 1 KB.",
    "One Thai search (benchmarks/search_cost.py): a fresh page with an empty cache per query; every request from "
    "opening the box until the results list answers the query, gzip-compressed, whatever the index's format; "
    "for Material also its index, worker and lunr fetched at page load. The JS heap is the page's (after a "
    "forced garbage collection); Material's index lives in its worker, not counted.",
    "Preview: `changwat serve` (what `make serve` runs), then MkDocs' `mkdocs serve` with and without --dirty, "
    "on the large site; after the first build one Thai news item gets a new sentence and the served page is "
    "polled every 0.2 s until it shows it. `changwat serve` builds the whole site first; after an edit it "
    "converts and writes again only the pages the edit touched, builds only the languages it touched, and "
    "rebuilds the search index from the pages it kept (plugins/changwat/cli/incremental.py; "
    "tests/preview/test_incremental.py checks the site folder then equals a full build's, byte for byte). "
    "--dirty needs --no-strict: with mkdocs.yml's `strict: true`, MkDocs' own dirty-build warning aborts the "
    "build.",
    "Pagefind (benchmarks/pagefind.py): Pagefind 1.6.0's extended build (pinned in package.json), run after the "
    "build over the large Changwat site with the kit's search root and skipped classes, output beside the site. "
    "The same queries are asked through its JavaScript API from a bare page (lang th) in Chromium, default and "
    "with exactDiacritics: search, then the data of the first 10 results (what the kit's search shows at once); "
    "bytes counted like the kit's, Pagefind's own gzip files as they are. Its UI files are reported apart. The "
    "query set runs on the sample site, the tone pairs on the test mini site with tests/search/fixtures/tone_pairs/.",
    "Where the time goes: one extra cold build with a timer around every plugin event and MkDocs' page stages "
    "(benchmarks/plugin_times.py), each counting only its own time (mkdocs-static-i18n builds the English site "
    "inside its on_post_build). Thai word segmentation is changwat-search's time.",
]


# A hand-written content page of the sample site, with a table and a downloadable form.
SERVICE_PAGE = "services/elderly-allowance/"


def summarise(measured: list) -> dict:
    cold = [r.seconds for r in measured if r.cold]
    warm = [r.seconds for r in measured if not r.cold]
    return {"cold": cold, "warm": warm, "cold_median": statistics.median(cold),
            "warm_median": statistics.median(warm) if warm else float("nan"),
            "loads": [(r.load_before, r.load_after) for r in measured],
            "peak": max(r.peak_bytes for r in measured), "html_pages": measured[-1].html_pages}


def thai_text_stats(docs: Path) -> str:
    """How varied the site's Thai is: its runs of Thai characters (what the segmenter cuts one by one)."""
    runs = [run for page in (docs / "th").rglob("*.md") for run in prose.thai_runs(page.read_text(encoding="utf-8"))]
    distinct = set(runs)
    return (f"{len(runs):,} Thai runs, {len(distinct):,} distinct ({len(distinct) / max(1, len(runs)):.0%}); "
            f"{sum(map(len, runs)):,} Thai characters, {sum(map(len, distinct)):,} in distinct runs")


def content_item(docs: Path) -> str:
    """The URL path of the newest Thai news item with a picture: a content page every site size has, and one
    whose first view includes an image."""
    for source in sorted((docs / "th" / "news").glob("2*.md"), reverse=True):
        if "\nimage:" in source.read_text(encoding="utf-8").split("\n---", 1)[0]:
            return f"news/{source.stem}/"
    raise RuntimeError("no news item with an image")


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="Markdown pages per language, large site")
    parser.add_argument("--small", type=int, default=500, help="pages per language of the small site")
    parser.add_argument("--runs", type=int, default=3,
                        help="rounds: each builds every configuration at both sizes once cold and once warm")
    parser.add_argument("--work", type=Path, help="folder for the sites, kept afterwards (default: a temporary "
                        "folder, removed: the plain builds of the large site take a gigabyte or more)")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview edit measurement")
    parser.add_argument("--no-browser", action="store_true", help="first view from the page's references only")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse(argv)
    # A plain `kill` unwinds like Ctrl-C, so the running build and preview are stopped and the sites removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = args.work or Path(tempfile.mkdtemp(prefix="changwat-bench-"))
    try:
        return run(args, work)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


def build_runs(args, sites, build=None) -> dict[tuple[str, int], list]:
    """`args.runs` rounds; in each, per size, every kind in a seeded shuffled order, each built cold then warm.
    Interleaved and rotated, so a burst of load on the shared machine, or the disk cache a build leaves, does not
    always fall on the same configuration. `build`: timed_build (a test passes a fake)."""
    build = build or timed_build
    runs: dict[tuple[str, int], list] = {}
    for round_ in range(args.runs):
        for n in (args.pages, args.small):
            order = list(KINDS)
            random.Random(f"{ORDER_SEED}:{round_}:{n}").shuffle(order)
            site = sites[n]
            for kind in order:
                for cold in (True, False):
                    if cold:
                        make_cold(site.folder)
                    result = build(site.config(kind), site.folder / f"out-{kind}", kind != "plain", cold)
                    runs.setdefault((kind, n), []).append(result)
                    print(f"  round {round_ + 1}/{args.runs}: {kind:8} {n:5} pages/lang {'cold' if cold else 'warm'}"
                          f"  {result.seconds:6.1f} s  {result.peak_bytes / 1024 ** 2:5.0f} MB  load "
                          f"{result.load_before:.1f}→{result.load_after:.1f}", flush=True)
    return runs


def indexed_pages(site_dir: Path) -> int | None:
    """Pages in the Thai search index (its manifest's count); None when there is none."""
    manifest = site_dir / "search" / "th" / "manifest.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8"))["pages"]


def plugin_breakdown(site, out: Path, source: Path) -> tuple[dict, str]:
    """A full build and a --dirty rebuild after editing `source`, each timed per plugin; and how much of the
    search index the rebuild kept (a preview's search must still find every page)."""
    make_cold(site.folder)
    times = {"Full cold build": plugin_times.measure(site.changwat_config, out, "--strict", "--clean")}
    full = indexed_pages(out)
    original = source.read_text(encoding="utf-8")
    try:
        source.write_text(original + "\nแก้ไขเพื่อทดสอบ\n", encoding="utf-8")
        times["Rebuild of one edited page (--dirty)"] = plugin_times.measure(
            site.changwat_config, out, "--dirty", "--no-strict")
    finally:
        source.write_text(original, encoding="utf-8")
    after = indexed_pages(out)
    if after is None or full is None:
        return times, "The Thai search index's page count is not known (no search/th/manifest.json)."
    return times, f"After the --dirty rebuild the Thai search index lists {after:,} of {full:,} pages."


def search_share(full: dict) -> tuple[float | None, float]:
    """changwat-search's exclusive seconds in a timed full build (plugin_times.measure), and the build's."""
    return plugin_times.by_plugin(full["parts"]).get("changwat-search"), full["total"]


def run(args, work: Path) -> int:
    started = time.monotonic()
    if not args.no_browser:
        pagefind.binary()   # not installed: say so now, not after the builds
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    print(f"Sites in {work}; load average {os.getloadavg()[0]:.2f}", flush=True)
    sites = {n: generate(work / f"site-{n}", n, site_url) for n in (args.small, args.pages)}
    runs = build_runs(args, sites)

    results = {}
    for (kind, n), measured in runs.items():
        summary = summarise(measured)
        summary["stats"] = site_stats.measure(sites[n].folder / f"out-{kind}", kind)
        results[(kind, n)] = summary
    ordered = {f"{LABELS[kind]}, {n}/lang": results[(kind, n)] for n in (args.pages, args.small) for kind in KINDS}

    large = sites[args.pages]
    large_out = large.folder / "out-changwat"
    page = content_item(large.folder / "docs")
    views = {f"{LABELS[kind]}, {what}": first_view.measure(large.folder / f"out-{kind}", path, port,
                                                           use_browser=not args.no_browser)
             for what, path in (("news item", page), ("service page", SERVICE_PAGE))
             for kind in ("changwat", "plain")}
    news_view = views[f"{LABELS['changwat']}, news item"]
    changwat_views = [v for label, v in views.items() if label.startswith(LABELS["changwat"] + ",")]
    drift, drift_max, drift_page, paired = site_stats.paired_median_ratio(
        sites[args.small].folder / "out-changwat", large_out)

    searches = {}
    if not args.no_browser:
        queries = ([("query set", q) for q in search_cost.fixed_queries()]
                   + [("varied text", q) for q in search_cost.varied_queries(large.folder / "docs")])
        for kind in ("changwat", "plain"):
            searches[f"{LABELS[kind]}, {args.pages}/lang"] = cost = search_cost.measure(
                large.folder / f"out-{kind}", page, port, queries, material=kind == "plain")
            print(f"  one Thai search, {kind}: median {cost.median_bytes / 1000:.1f} KB, max "
                  f"{cost.max_bytes / 1000:.1f} KB gzip", flush=True)
    changwat_search = searches.get(f"{LABELS['changwat']}, {args.pages}/lang")
    # Before the --dirty rebuild below changes the large site: Pagefind indexes the same built pages.
    comparison = pagefind.compare(large_out, queries, work / "pagefind") if not args.no_browser else None

    # After every figure above is taken: a --dirty rebuild leaves a site fit only for a preview.
    source = large.folder / "docs" / "th" / (page.rstrip("/") + ".md")
    times, dirty_index = plugin_breakdown(large, large_out, source)
    print(f"  timed each plugin. {dirty_index}", flush=True)
    edits = []
    if not args.no_serve:
        for tool, dirty in (("changwat", False), ("mkdocs", False), ("mkdocs", True)):
            edits.append(serve_edit.measure(large.changwat_config, source, page, dirty, tool=tool))
            print(f"  preview ({tool} serve{' --dirty' if dirty else ''}): edit shown after "
                  f"{edits[-1].edit_seconds} s", flush=True)
    preview = None
    if edits:
        shown = edits[0].edit_seconds
        preview = float("inf") if shown is None else shown   # never shown within the timeout: a FAIL

    verdicts = budgets.judge(
        changwat_cold=results[("changwat", args.pages)]["cold_median"],
        plain_cold=results[("plain", args.pages)]["cold_median"],
        changwat_cold_small=results[("changwat", args.small)]["cold_median"],
        plain_cold_small=results[("plain", args.small)]["cold_median"],
        peak_bytes=max(results[("changwat", n)]["peak"] for n in (args.pages, args.small)), html_drift=drift - 1,
        first_view_bytes=news_view.total_gzip,
        render_blocking=sorted({b for v in changwat_views for b in v.render_blocking}),
        search_bytes=changwat_search.max_bytes if changwat_search else None,
        search_heap=changwat_search.max_heap if changwat_search else None,
        preview_seconds=preview, pages=args.pages, small_pages=args.small)

    ratio_rows = []
    for n in (args.pages, args.small):
        cw, ns, pl = (results[(k, n)] for k in KINDS)
        ratio_rows += [(f"{n}/lang: Changwat / plain", cw, pl), (f"{n}/lang: Changwat without search / plain", ns, pl),
                       (f"{n}/lang: Changwat / Changwat without search (the search's cost)", cw, ns)]
    settings = (f"Synthetic site: {args.pages} and {args.small} Markdown pages per language (Thai and English), "
                f"{large.items_per_language} and {sites[args.small].items_per_language} of them dated items, in a "
                f"git repository with history. Thai text of the large site: {thai_text_stats(large.folder / 'docs')}. "
                f"{args.runs} round(s): each configuration built {args.runs} time(s) cold and {args.runs} time(s) "
                f"warm at each size, interleaved. "
                f"Same-page HTML, {args.pages} vs {args.small}: median ratio {drift:.3f} over {paired} pages, "
                f"largest {drift_max:.3f} (`{drift_page}`). "
                f"Whole benchmark: {(time.monotonic() - started) / 60:.1f} min; load average at the end: "
                f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    text = report.document(
        settings=settings, corrections=CORRECTIONS, figures=report.figures_table(ordered),
        ratios=report.ratios_table(ratio_rows),
        budgets=report.budgets_table(verdicts), first_view=report.first_view_table(views),
        search=report.search_table(searches) if searches else "Not measured (--no-browser).",
        serve=report.serve_table(edits) if edits else "Not measured (--no-serve).",
        plugins=report.plugins_table(times, f"Changwat, {args.pages}/lang") + f"\n\n{dirty_index}", notes=NOTES,
        pagefind=report.pagefind_section(comparison, changwat_search, *search_share(times["Full cold build"]))
        if comparison else "Not measured (--no-browser).")
    args.output.write_text(text, encoding="utf-8")
    print("\n" + text)
    for v in verdicts:
        print(f"{v.result:4}  {v.name}: {v.measured} (limit {v.limit})")
    print(f"\nWrote {args.output}" + (f"; sites kept in {work}" if args.work else ""))
    return 1 if budgets.failed(verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
