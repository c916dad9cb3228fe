"""How often site search puts the expected page among the first five results, typed into the real search box in
headless Chromium, for every query of tests/search/search_queries.yml.

    .venv/bin/python -m benchmarks.search_hit_rate [--site site] [--material]

--material builds the sample site with Material's stock search instead (into a temporary folder) and measures
that, for comparison. Prints one line per group, the misses, the payload of the search indexes and the time
the index adds to a build.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search" / "search_queries.yml"
TOP = 5


def load_queries() -> dict[str, list[dict]]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def start_page(group: str) -> str:
    return "en/" if group == "english" else ""


def ask(driver, query: str, material: bool = False, timeout: float = 15) -> list[str]:
    """Type a query into the page's search box as a citizen would; the paths of the first five results."""
    from selenium.webdriver.common.by import By

    box = 'input[data-md-component="search-query"]' if material else "[data-changwat-search-query]"
    field = driver.find_element(By.CSS_SELECTOR, box)
    field.click()
    field.clear()
    field.send_keys(query)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if material:
            # Material shows "Type to start searching" / "Initializing" until its worker has answered.
            ready = driver.execute_script(
                "const m = document.querySelector('.md-search-result__meta');"
                "return !!m && /\\d|No matching|ไม่พบ/.test(m.textContent);")
        else:
            ready = driver.execute_script(
                "return document.querySelector('[data-changwat-search]').getAttribute('data-rendered-query')"
                " === arguments[0]", query)
        if ready:
            break
        time.sleep(0.05)
    else:
        return []
    selector = "ol.md-search-result__list > li.md-search-result__item > a"
    hrefs = driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].slice(0, arguments[1]).map(a => a.href)", selector, TOP)
    return [urlsplit(h).path for h in hrefs]


def measure(site: Path, material: bool = False, asker=None) -> dict[str, tuple[int, int, list]]:
    """asker(driver, query) -> the paths of the first results; by default the site's own search box."""
    sys.path.insert(0, str(ROOT))
    from changwat.checks.browser import chromium, serve

    asker = asker or (lambda driver, query: ask(driver, query, material))
    out = {}
    with serve(site) as url, chromium() as driver:
        for group, items in load_queries().items():
            hits, misses = 0, []
            for item in items:
                driver.get(url + start_page(group))
                found = asker(driver, item["query"])
                if "/" + item["page"] in found:
                    hits += 1
                else:
                    misses.append((item["query"], item["page"], found))
            out[group] = (hits, len(items), misses)
    return out


def build(config_text: str | None, site: Path) -> float:
    """Build the sample site (optionally with another mkdocs.yml text); the seconds it took."""
    config = ROOT / "mkdocs.yml"
    if config_text is not None:
        # Beside mkdocs.yml: the plugins find data/ and docs/ relative to the configuration file.
        config = ROOT / f".mkdocs-search-benchmark-{os.getpid()}.yml"
        config.write_text(config_text, encoding="utf-8")
    try:
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "changwat.cli.build", "-f", str(config), "-d", str(site)], check=True,
                       capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        return time.monotonic() - started
    finally:
        if config_text is not None:
            config.unlink(missing_ok=True)


def index_sizes(site: Path) -> list[str]:
    """One line per language: the index's files (manifest, shards, page records), raw and gzipped."""
    lines = []
    for manifest in sorted((site / "search").glob("*/manifest.json")):
        folder = manifest.parent
        pages = json.loads(manifest.read_text(encoding="utf-8"))["pages"]
        sizes = {kind: [(len(p.read_bytes()), len(gzip.compress(p.read_bytes(), 9))) for p in folder.glob(f"{kind}/*.json")]
                 for kind in ("s", "d")}
        total = [manifest.stat().st_size + sum(r for kind in sizes.values() for r, _ in kind),
                 len(gzip.compress(manifest.read_bytes(), 9)) + sum(g for kind in sizes.values() for _, g in kind)]
        lines.append(f"search/{folder.name}/: {pages} pages, {total[0] / 1024:.0f} KB, {total[1] / 1024:.0f} KB gzip in "
                     f"{len(sizes['s'])} shards (largest {max(g for _, g in sizes['s']) / 1024:.1f} KB gzip) and "
                     f"{len(sizes['d'])} page records (largest {max(g for _, g in sizes['d']) / 1024:.1f} KB gzip)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build to measure (default: build one; with "
                        "--material, one built with Material's search)")
    parser.add_argument("--material", action="store_true", help="measure Material's stock search instead")
    args = parser.parse_args(argv)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if args.material and site is None:
            site = Path(tmp) / "material"
            stock = config.replace("  - changwat-search\n", "  - search:\n      lang: [th, en]\n")
            build(stock, site)
        elif site is None:
            site = Path(tmp) / "site"
            with_search = build(None, site)
            without = build(config.replace("  - changwat-search\n", ""), Path(tmp) / "plain")
            print(f"build: {with_search:.1f} s with the search index, {without:.1f} s without "
                  f"(+{with_search - without:.1f} s)")
        results = measure(site, args.material)
        for group, (hits, total, misses) in results.items():
            print(f"{group}: {hits}/{total} ({100 * hits / total:.0f} %) expected page in the first {TOP}")
            for query, page, found in misses:
                print(f"  miss: {query!r} expected /{page}, got {found}")
        if not args.material:
            for line in index_sizes(site):
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
