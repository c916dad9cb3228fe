"""python -m checks: the standards gate over a built site folder.

    python -m checks [--site site] [--only vnu,axe,ibm,links,i18n,privacy,audit] [--json reports/checks.json]
                     [--reports DIR] [--site-url URL] [--jobs N] [--no-cache]

Exit 0 when everything passes, 1 when a check finds a problem, 2 when a checking tool is broken.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import threading
import time
from pathlib import Path

from . import page_cache
from .filters import FilterError, apply_filters, load_filters
from .report import CheckResult, Report
from .site import Site, read_site_url, site_config

CHECKS = ["vnu", "axe", "ibm", "links", "i18n", "privacy", "audit"]
# The two accessibility engines share each page load (checks/axe.py runs both): one browser pass for both.
BROWSER = ("axe", "ibm")
# The standard audit reads the other checks' results (W3C validity, accessibility, …), so it runs last.
LAST = "audit"


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m checks", description="Changwat standards gate over a built site.")
    p.add_argument("--site", default="site", help="the built site folder (default: site)")
    p.add_argument("--only", default=",".join(CHECKS), help="comma-separated checks to run (default: all)")
    p.add_argument("--json", default=None, help="where to write the JSON report (default: reports/checks.json)")
    # The site's compliance and recommendations pages publish what lands in reports/; a gate run over another
    # build (make survival) writes elsewhere so that it cannot change them.
    p.add_argument("--reports", default=None, help="write checks.json and audit.json into this folder instead")
    p.add_argument("--site-url", default=None, help="the site's address (default: site_url in the current directory's mkdocs.yml)")
    p.add_argument("--jobs", type=int, default=1, help="browsers run in parallel for the axe and IBM checks (1 or 2)")
    p.add_argument("--no-cache", action="store_true",
                   help="check every page in the browser afresh, not reusing the results of unchanged pages from "
                        ".cache/gate/ (also: CHANGWAT_GATE_CACHE=off)")
    args = p.parse_args(argv)
    if args.json is None:
        args.json = str(Path(args.reports or "reports") / "checks.json")
    return args


def run_check(name: str, site: Site, results: dict | None = None, reports: Path | None = None) -> CheckResult:
    start = time.monotonic()
    try:
        module = importlib.import_module(f".{name}", __package__)
        if name == LAST:
            return module.run(site, results, **({"out": reports / "audit.json"} if reports else {}))
        return module.run(site)
    except Exception as e:  # a bug or broken tool must show as a TOOL failure, not as a pass
        r = CheckResult(name, seconds=time.monotonic() - start)
        r.tool_failure(f"The {name} check crashed: {type(e).__name__}: {e}",
                       "report this with the output above; the check itself needs fixing")
        return r


def run_browser(site: Site, names: list[str], cache: Path | None = None) -> dict[str, CheckResult]:
    """axe and the IBM engine in one pass over the pages (each page loaded once for both)."""
    start = time.monotonic()
    try:
        from . import axe
        return axe.run_engines(site, engines=tuple(names), cache=cache)
    except Exception as e:  # as run_check: a crash is a TOOL failure for each engine, never a pass
        out = {}
        for name in names:
            r = out[name] = CheckResult(name, seconds=time.monotonic() - start)
            r.tool_failure(f"The {name} check crashed: {type(e).__name__}: {e}",
                           "report this with the output above; the check itself needs fixing")
        return out


def main(argv=None) -> int:
    args = parse_args(argv)
    only = [c.strip() for c in args.only.split(",") if c.strip()]
    unknown = sorted(set(only) - set(CHECKS))
    if unknown:
        print(f"unknown check(s): {', '.join(unknown)}; choose from {', '.join(CHECKS)}", file=sys.stderr)
        return 2
    root = Path(args.site)
    if not root.is_dir():
        print(f"The site folder {root} does not exist: build the site first (mkdocs build).", file=sys.stderr)
        return 2
    try:
        filters = load_filters()
    except (FilterError, ValueError) as e:
        print(f"checks/filters.yml is not valid: {e}", file=sys.stderr)
        return 2
    site_url = args.site_url if args.site_url is not None else read_site_url(site_config())
    site = Site(root, site_url, jobs=args.jobs)
    print(f"Checking {site.root} ({len(site.pages)} pages) as {site_url or '(no site URL)'}: {', '.join(only)}",
          flush=True)

    results: dict[str, CheckResult] = {}

    def record(name: str) -> None:
        if name in BROWSER:
            if name in results:
                return
            cache = None if args.no_cache else page_cache.default_folder()
            for r in run_browser(site, [n for n in BROWSER if n in only], cache).values():
                results[r.name] = r
                reuse = f" ({r.fresh} page views checked afresh, {r.reused} reused)" if r.fresh is not None else ""
                print(f"  {r.name}: {len(r.findings)} finding(s) in {r.seconds:.1f} s{reuse}", flush=True)
            return
        results[name] = run_check(name, site, results, Path(args.reports) if args.reports else None)
        r = results[name]
        print(f"  {name}: {len(r.findings)} finding(s) in {r.seconds:.1f} s", flush=True)

    # The Nu checker is a separate JVM: let it run while the browser and the file checks work.
    background = [threading.Thread(target=record, args=("vnu",))] if "vnu" in only else []
    for t in background:
        t.start()
    for name in only:
        if name not in ("vnu", LAST):
            record(name)
    for t in background:
        t.join()
    report = Report()
    # Filtered before the audit reads them: an item proven by another check sees what the gate reports.
    for name in only:
        if name != LAST:
            apply_filters(results[name], filters, report)
    if LAST in only:
        record(LAST)
        apply_filters(results[LAST], filters, report)

    for name in only:
        report.add(results[name])
    report.print()
    if args.json:
        report.write_json(Path(args.json))
        print(f"   JSON report: {args.json}")
    return report.exit_code()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
