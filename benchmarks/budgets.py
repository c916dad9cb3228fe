"""The performance budgets from the issue, each judged on measured figures into PASS or FAIL."""

from __future__ import annotations

from dataclasses import dataclass

BUILD_RATIO = 1.3            # Changwat's build / plain Material's (navigation.prune), same Markdown
LINEARITY = 4.5              # build time at 4 x the pages / at 1 x (5.0 would be quadratic-free plus startup)
PEAK_MEMORY = 2 * 1024 ** 3
HTML_DRIFT = 0.05            # median HTML bytes of the same pages, large site / small site, within 5 %
FIRST_VIEW = 100_000         # bytes, gzip-compressed, before search is opened


@dataclass(frozen=True)
class Verdict:
    name: str
    limit: str
    measured: str
    passed: bool


def judge(*, changwat_seconds: float, plain_seconds: float, small_seconds: float, peak_bytes: int,
          html_drift: float, first_view_bytes: int, render_blocking: list[str], pages: int, small_pages: int
          ) -> list[Verdict]:
    ratio = changwat_seconds / plain_seconds
    growth = changwat_seconds / small_seconds
    return [
        Verdict("Build time vs plain Material (prune)", f"≤ {BUILD_RATIO} ×", f"{ratio:.2f} ×", ratio <= BUILD_RATIO),
        Verdict(f"Build time, {pages} vs {small_pages} pages per language", f"≤ {LINEARITY} ×", f"{growth:.2f} ×",
                growth <= LINEARITY),
        Verdict("Peak memory of the build", "< 2 GB", f"{peak_bytes / 1024 ** 2:.0f} MB", peak_bytes < PEAK_MEMORY),
        Verdict(f"HTML per page, {pages} vs {small_pages} pages (same pages, median)", f"within ±{HTML_DRIFT:.0%}",
                f"{html_drift:+.1%}", abs(html_drift) <= HTML_DRIFT),
        Verdict("First view of a content page (gzip)", f"≤ {FIRST_VIEW / 1000:.0f} KB",
                f"{first_view_bytes / 1000:.1f} KB", first_view_bytes <= FIRST_VIEW),
        Verdict("Render-blocking requests beyond CSS", "none", ", ".join(render_blocking) or "none",
                not render_blocking),
    ]
