"""`make bench`: build a synthetic provincial site with Changwat and with plain Material, and judge the budgets.

    .venv/bin/python -m benchmarks [--pages 2000] [--small 500] [--runs 3] [--no-serve] [--no-browser]

Prints every figure, writes BENCHMARKS.md, and exits non-zero when a budget fails. The sites are built in a
temporary folder, never in docs/.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from . import budgets, first_view, plugin_times, report, serve_edit, site_stats
from .measure import timed_build
from .serve_edit import free_port
from .synthetic import ROOT, generate

NOTES = [
    "The synthetic site is the sample site's real pages (both languages, with the recommendations section built "
    "from data/recommendations.yml) plus dated items with real front matter: 80 % news, 10 % announcements, 10 % "
    "procurement notices, about 400 words each, Thai composed from government phrases (benchmarks/prose.py).",
    "Changwat: `changwat.yml` INHERITs the project's mkdocs.yml (all plugins, strict). Plain: Material + "
    "mkdocs-static-i18n + Material's search, the same theme features (navigation.prune included) and every "
    "page in the navigation, built without --strict.",
    "Wall time and peak memory (ru_maxrss from os.wait4) are of the `mkdocs build` process alone; each build is "
    "repeated and the median is reported. Pages per second counts every HTML file written.",
    "HTML per page leaves out 404 pages and redirect stubs. The HTML budget compares the same pages in the "
    "two Changwat sites (median of their size ratios).",
    "First view: headless Chromium loads a Thai news item from a local server that records every request "
    "(scripts' requests and 404s included; the sites are built with that server as site_url so absolute links "
    "are followed too); each file is counted gzip-compressed (level 6). Render-blocking: scripts in <head> "
    "without defer/async, and inline ones over 1 KB.",
    "One Thai search: Changwat fetches its Thai index and its search script when the box is first used; "
    "Material's worker fetches the site's index, lunr's Thai support and wordcut.js on every page load.",
    "Preview: `mkdocs serve` on the large site; after its first build one Thai news item gets a new sentence and "
    "the served page is polled every 0.2 s until it shows it. --dirty needs --no-strict: with mkdocs.yml's "
    "`strict: true`, MkDocs' own dirty-build warning aborts the build.",
    "Where the time goes: one extra build with a timer around every plugin event and MkDocs' page stages "
    "(benchmarks/plugin_times.py), each counting only its own time (mkdocs-static-i18n builds the English site "
    "inside its on_post_build). Thai word segmentation is changwat-search's time.",
]


# A hand-written content page of the sample site, with a table and a downloadable form.
SERVICE_PAGE = "services/elderly-allowance/"


def median_run(runs: list) -> dict:
    return {"seconds": statistics.median(r.seconds for r in runs), "all_seconds": [r.seconds for r in runs],
            "peak": max(r.peak_bytes for r in runs), "html_pages": runs[-1].html_pages}


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
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="folder for the sites, kept afterwards (default: a temporary "
                        "folder, removed: the plain builds of the large site take a gigabyte or more)")
    parser.add_argument("--plain-runs", type=int, default=1,
                        help="runs of plain Material on the large site: minutes each, and several times slower "
                             "than the budget allows Changwat, so its noise cannot change a verdict")
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


def build_runs(args, sites) -> dict[tuple[str, int], list]:
    runs: dict[tuple[str, int], list] = {}
    for round_ in range(args.runs):
        # Interleaved, so a burst of load on the shared machine spreads over both builds.
        for n in (args.pages, args.small):
            for kind in ("changwat", "plain"):
                if kind == "plain" and n == args.pages and round_ >= args.plain_runs:
                    continue
                site = sites[n]
                result = timed_build(site.folder / f"{kind}.yml", site.folder / f"out-{kind}", kind == "changwat")
                runs.setdefault((kind, n), []).append(result)
                print(f"  run {round_ + 1}/{args.runs}: {kind:8} {n:5} pages/lang  {result.seconds:6.1f} s  "
                      f"{result.peak_bytes / 1024 ** 2:5.0f} MB", flush=True)
    return runs


def indexed_pages(site_dir: Path) -> int:
    index = site_dir / "search" / "th.json"
    return len(json.loads(index.read_text(encoding="utf-8")).get("pages", [])) if index.is_file() else 0


def plugin_breakdown(site, out: Path, source: Path) -> tuple[dict, str]:
    """A full build and a --dirty rebuild after editing `source`, each timed per plugin; and how much of the
    search index the rebuild kept (a preview's search must still find every page)."""
    times = {"Full build": plugin_times.measure(site.changwat_config, out, "--strict", "--clean")}
    full = indexed_pages(out)
    original = source.read_text(encoding="utf-8")
    try:
        source.write_text(original + "\nแก้ไขเพื่อทดสอบ\n", encoding="utf-8")
        times["Rebuild of one edited page (--dirty)"] = plugin_times.measure(
            site.changwat_config, out, "--dirty", "--no-strict")
    finally:
        source.write_text(original, encoding="utf-8")
    return times, f"After the --dirty rebuild the Thai search index lists {indexed_pages(out):,} of {full:,} pages."


def run(args, work: Path) -> int:
    started = time.monotonic()
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    print(f"Sites in {work}; load average {os.getloadavg()[0]:.2f}", flush=True)
    sites = {n: generate(work / f"site-{n}", n, site_url) for n in (args.small, args.pages)}
    runs = build_runs(args, sites)

    results = {}
    for (kind, n), measured in runs.items():
        summary = median_run(measured)
        summary["stats"] = site_stats.measure(sites[n].folder / f"out-{kind}", kind)
        results[f"{'Changwat' if kind == 'changwat' else 'Plain'}, {n}/lang"] = summary
    big, small = f"Changwat, {args.pages}/lang", f"Changwat, {args.small}/lang"
    plain_big, plain_small = f"Plain, {args.pages}/lang", f"Plain, {args.small}/lang"
    ordered = {k: results[k] for k in (big, plain_big, small, plain_small)}

    large_out = sites[args.pages].folder / "out-changwat"
    page = content_item(sites[args.pages].folder / "docs")
    views = {f"{label}, {what}": first_view.measure(sites[args.pages].folder / f"out-{kind}", path, port,
                                                    use_browser=not args.no_browser)
             for what, path in (("news item", page), ("service page", SERVICE_PAGE))
             for label, kind in ((big, "changwat"), (plain_big, "plain"))}
    changwat_views = [v for label, v in views.items() if label.startswith(big)]
    heaviest = max(changwat_views, key=lambda v: v.total_gzip)
    drift, drift_max, drift_page, paired = site_stats.paired_median_ratio(
        sites[args.small].folder / "out-changwat", large_out)

    # After every figure above is taken: a --dirty rebuild leaves a site fit only for a preview.
    source = sites[args.pages].folder / "docs" / "th" / (page.rstrip("/") + ".md")
    times, dirty_index = plugin_breakdown(sites[args.pages], large_out, source)
    print(f"  timed each plugin. {dirty_index}", flush=True)
    edits = []
    if not args.no_serve:
        for dirty in (False, True):
            edits.append(serve_edit.measure(sites[args.pages].changwat_config, source, page, dirty))
            print(f"  preview{' --dirty' if dirty else ''}: edit shown after {edits[-1].edit_seconds} s", flush=True)

    verdicts = budgets.judge(
        changwat_seconds=results[big]["seconds"], plain_seconds=results[plain_big]["seconds"],
        small_seconds=results[small]["seconds"], peak_bytes=results[big]["peak"], html_drift=drift - 1,
        first_view_bytes=heaviest.total_gzip,
        render_blocking=sorted({b for v in changwat_views for b in v.render_blocking}),
        pages=args.pages, small_pages=args.small)

    settings = (f"Synthetic site: {args.pages} and {args.small} Markdown pages per language (Thai and English), "
                f"{sites[args.pages].items_per_language} and {sites[args.small].items_per_language} of them dated "
                f"items; {args.runs} run(s) of each build ({args.plain_runs} of plain Material on the large site). "
                f"Same-page HTML, {args.pages} vs {args.small}: median ratio {drift:.3f} over {paired} pages, "
                f"largest {drift_max:.3f} (`{drift_page}`). "
                f"Whole benchmark: {(time.monotonic() - started) / 60:.1f} min.")
    text = report.document(
        settings=settings, figures=report.figures_table(ordered),
        ratios=report.ratios_table([(f"{args.pages}/lang", results[big], results[plain_big]),
                                    (f"{args.small}/lang", results[small], results[plain_small])]),
        budgets=report.budgets_table(verdicts), first_view=report.first_view_table(views),
        serve=report.serve_table(edits) if edits else "Not measured (--no-serve).",
        plugins=report.plugins_table(times, f"Changwat, {args.pages}/lang") + f"\n\n{dirty_index}", notes=NOTES)
    args.output.write_text(text, encoding="utf-8")
    print("\n" + text)
    for v in verdicts:
        print(f"{'PASS' if v.passed else 'FAIL'}  {v.name}: {v.measured} (limit {v.limit})")
    print(f"\nWrote {args.output}" + (f"; sites kept in {work}" if args.work else ""))
    return 0 if all(v.passed for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
