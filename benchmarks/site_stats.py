"""What a built site weighs: its folder, its HTML pages, and what its search makes a citizen download."""

from __future__ import annotations

import gzip
import statistics
from dataclasses import dataclass
from pathlib import Path

# Pages that are not content: the 404 pages, and the redirect stubs some plugins write.
NOT_CONTENT = {"404.html"}


@dataclass(frozen=True)
class SiteStats:
    site_bytes: int
    html_pages: int
    html_median: int
    html_max: int
    html_max_page: str
    search_total: int          # every search index file, raw bytes
    search_total_gzip: int


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def content_pages(site: Path) -> dict[str, int]:
    """Relative path -> bytes, for every HTML page that shows content."""
    pages = {}
    for path in site.rglob("*.html"):
        if path.name in NOT_CONTENT:
            continue
        size = path.stat().st_size
        if size < 2048 and b'http-equiv="refresh"' in path.read_bytes():
            continue
        pages[path.relative_to(site).as_posix()] = size
    return pages


def search_files(site: Path, kind: str) -> list[Path]:
    """Every search index file (search_cost.py measures what one query really fetches). Changwat: the files under
    search/ (a manifest, shards and page records per language). Material: its one index for the site."""
    if kind != "plain":
        return sorted(p for p in (site / "search").rglob("*") if p.is_file())
    return sorted(site.rglob("search_index.json"))


def measure(site: Path, kind: str) -> SiteStats:
    pages = content_pages(site)
    sizes = sorted(pages.values())
    biggest = max(pages, key=pages.get)
    indexes = search_files(site, kind)
    return SiteStats(
        site_bytes=sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        html_pages=len(pages), html_median=int(statistics.median(sizes)), html_max=sizes[-1],
        html_max_page=biggest,
        search_total=sum(p.stat().st_size for p in indexes),
        search_total_gzip=sum(gzip_size(p) for p in indexes),
    )


def paired_median_ratio(small: Path, large: Path) -> tuple[float, float, str, int]:
    """Median and largest size ratio (large / small) over the content pages both sites have, the page with the
    largest, and their number: how much the same page grew because the site holds more items. (The small
    site's last listing page of a section is partly filled, so it is expected to be the largest.)"""
    a, b = content_pages(small), content_pages(large)
    ratios = {p: b[p] / a[p] for p in set(a) & set(b)}
    largest = max(ratios, key=ratios.get)
    return statistics.median(ratios.values()), ratios[largest], largest, len(ratios)
