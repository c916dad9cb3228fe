"""The performance budgets from issue 17, each judged on measured figures into PASS or FAIL.

Build ratios compare cold builds (no cut cache, as on a fresh clone or in CI) with the fair plain baseline: stock
Material + mkdocs-static-i18n + its search, the same pages and the same menu, navigation.prune on.
"""

from __future__ import annotations

from dataclasses import dataclass

BUILD_RATIO_LARGE = 1.0      # cold build / fair plain Material's cold build, large site (2,000 pages per language)
BUILD_RATIO_SMALL = 1.3      # the same at the small site (500 pages per language)
LINEARITY = 4.5              # build time at 4 x the pages / at 1 x (5.0 would be quadratic-free plus startup)
PEAK_MEMORY = 2 * 1024 ** 3
HTML_DRIFT = 0.05            # median HTML bytes of the same pages, large site / small site, within 5 %
FIRST_VIEW = 70_000          # bytes, gzip-compressed, first view of a news item, before search is opened
SEARCH_BYTES = 150_000       # bytes, gzip-compressed, fetched by one Thai search on the large site (worst query)
SEARCH_HEAP = 20 * 1024 ** 2  # JS heap after one search (worst query)
PREVIEW_EDIT = 5.0           # seconds from saving one page to the preview showing it, large site


@dataclass(frozen=True)
class Verdict:
    name: str
    limit: str
    measured: str
    passed: bool | None      # None: not measured in this run (e.g. --no-serve), neither PASS nor FAIL

    @property
    def result(self) -> str:
        return "NOT MEASURED" if self.passed is None else "PASS" if self.passed else "FAIL"


def _ratio(name: str, limit: float, value: float, base: float) -> Verdict:
    ratio = value / base
    return Verdict(name, f"≤ {limit:.1f} ×", f"{ratio:.3f} × ({value:.1f} s vs {base:.1f} s)", ratio <= limit)


def _at_most(name: str, limit: float, value: float | None, show) -> Verdict:
    if value is None:
        return Verdict(name, f"≤ {show(limit)}", "not measured", None)
    return Verdict(name, f"≤ {show(limit)}", show(value), value <= limit)


def judge(*, changwat_cold: float, plain_cold: float, changwat_cold_small: float, plain_cold_small: float,
          peak_bytes: int, html_drift: float, first_view_bytes: int, render_blocking: list[str],
          search_bytes: int | None, search_heap: int | None, preview_seconds: float | None,
          pages: int, small_pages: int) -> list[Verdict]:
    """Cold-build medians in seconds; search_bytes/search_heap the worst Thai query on the large site."""
    growth = changwat_cold / changwat_cold_small
    kb = lambda n: f"{n / 1000:.1f} KB"              # noqa: E731
    mb = lambda n: f"{n / 1024 ** 2:.1f} MB"         # noqa: E731
    return [
        _ratio(f"Cold build vs fair plain Material, {pages} pages per language", BUILD_RATIO_LARGE,
               changwat_cold, plain_cold),
        _ratio(f"Cold build vs fair plain Material, {small_pages} pages per language", BUILD_RATIO_SMALL,
               changwat_cold_small, plain_cold_small),
        Verdict(f"Cold build, {pages} vs {small_pages} pages per language", f"≤ {LINEARITY} ×", f"{growth:.2f} ×",
                growth <= LINEARITY),
        Verdict("Peak memory of the build", "< 2 GB", f"{peak_bytes / 1024 ** 2:.0f} MB", peak_bytes < PEAK_MEMORY),
        Verdict(f"HTML per page, {pages} vs {small_pages} pages (same pages, median)", f"within ±{HTML_DRIFT:.0%}",
                f"{html_drift:+.1%}", abs(html_drift) <= HTML_DRIFT),
        _at_most("First view of a news item (gzip)", FIRST_VIEW, first_view_bytes, kb),
        Verdict("Render-blocking requests beyond CSS", "none", ", ".join(render_blocking) or "none",
                not render_blocking),
        _at_most(f"One Thai search, {pages} pages per language (gzip, worst query)", SEARCH_BYTES, search_bytes, kb),
        _at_most("JS heap after one search (worst query)", SEARCH_HEAP, search_heap, mb),
        _at_most(f"Preview: one edited page shown, {pages} pages per language (`changwat serve`)", PREVIEW_EDIT,
                 preview_seconds, lambda s: f"{s:.1f} s"),
    ]


def failed(verdicts: list[Verdict]) -> bool:
    return any(v.passed is False for v in verdicts)
