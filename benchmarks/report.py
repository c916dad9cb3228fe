"""The figures as a Markdown report (BENCHMARKS.md) and as the same tables on the terminal."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path


def machine() -> str:
    cpu = "unknown CPU"
    memory = "unknown memory"
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    if cpuinfo.is_file():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), cpu)
    if meminfo.is_file():
        kb = int(next(line.split()[1] for line in meminfo.read_text().splitlines() if line.startswith("MemTotal")))
        memory = f"{kb / 1024 ** 2:.1f} GB"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory} memory, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; load average before the run: {load}")


def kb(n: float) -> str:
    return f"{n / 1000:,.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1000 ** 2:,.1f} MB"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def figures_table(results: dict) -> str:
    """results: label -> {"seconds", "peak", "pps", "stats"} for each build measured."""
    labels = list(results)
    rows = []

    def row(name, fmt, key):
        rows.append([name, *(fmt(results[label]) for label in labels)])

    row("Wall time (median)", lambda r: f"{r['seconds']:.1f} s", None)
    row("Wall time (all runs)", lambda r: ", ".join(f"{s:.1f}" for s in r["all_seconds"]) + " s", None)
    row("Peak memory (largest run)", lambda r: f"{r['peak'] / 1024 ** 2:,.0f} MB", None)
    row("HTML pages", lambda r: f"{r['html_pages']:,}", None)
    row("Pages per second", lambda r: f"{r['html_pages'] / r['seconds']:.0f}", None)
    row("Size of site/", lambda r: mb(r["stats"].site_bytes), None)
    row("HTML per page, median", lambda r: kb(r["stats"].html_median), None)
    row("HTML per page, max", lambda r: f"{kb(r['stats'].html_max)} ({r['stats'].html_max_page})", None)
    row("Search index, total (raw)", lambda r: mb(r["stats"].search_total), None)
    row("Search index, total (gzip)", lambda r: kb(r["stats"].search_total_gzip), None)
    row("One Thai search fetches (gzip)", lambda r: kb(r["stats"].search_query_gzip), None)
    return table(["", *labels], rows)


def ratios_table(pairs: list[tuple[str, dict, dict]]) -> str:
    rows = []
    for name, cw, plain in pairs:
        rows.append([name, f"{cw['seconds'] / plain['seconds']:.2f}", f"{cw['peak'] / plain['peak']:.2f}",
                     f"{cw['stats'].html_median / plain['stats'].html_median:.2f}",
                     f"{cw['stats'].html_max / plain['stats'].html_max:.2f}",
                     f"{cw['stats'].search_query_gzip / plain['stats'].search_query_gzip:.2f}"])
    return table(["Changwat / plain", "Wall time", "Peak memory", "HTML median", "HTML max", "One search"], rows)


def first_view_table(views: dict) -> str:
    rows = []
    for label, view in views.items():
        kinds = ", ".join(f"{k} {kb(v)}" for k, v in sorted(view.by_kind.items(), key=lambda kv: -kv[1]))
        rows.append([label, f"`/{view.page}`", kb(view.total_gzip), kinds,
                     ", ".join(f"`{m}`" for m in view.missing) or "none",
                     ", ".join(view.render_blocking) or "none",
                     "Chromium" if view.browser else "page's references only"])
    return table(["Build", "Page", "First view (gzip)", "By kind", "404 requests", "Render-blocking",
                  "Measured with"], rows)


def serve_table(edits: list) -> str:
    rows = []
    for edit in edits:
        how = "`mkdocs serve --dirty --no-strict`" if edit.dirty else "`mkdocs serve` (as `make serve`)"
        shown = f"{edit.edit_seconds:.1f} s" if edit.edit_seconds is not None else "never (timed out)"
        rows.append([how, f"{edit.first_build_seconds:.1f} s", shown])
    return table(["Preview", "First build", "Edit of one page shown after"], rows)


def plugins_table(times: dict[str, dict], site: str, top: int = 12) -> str:
    """times: label -> plugin_times.measure() result. Exclusive seconds per plugin, largest first."""
    from .plugin_times import by_plugin

    columns = {label: by_plugin(t["parts"]) for label, t in times.items()}
    first = next(iter(columns.values()))
    names = list(first)[:top]
    rows = [[name, *(f"{col.get(name, 0):.1f} s ({col.get(name, 0) / times[label]['total']:.0%})"
                     for label, col in columns.items())] for name in names]
    rows.append(["Total (one run, timers on)", *(f"{t['total']:.1f} s" for t in times.values())])
    return f"{site}, exclusive time of each plugin's events and of MkDocs' own stages:\n\n" + \
        table(["", *columns], rows)


def budgets_table(verdicts) -> str:
    return table(["Budget", "Limit", "Measured", "Result"],
                 [[v.name, v.limit, v.measured, "PASS" if v.passed else "**FAIL**"] for v in verdicts])


def document(*, settings: str, figures: str, ratios: str, budgets: str, first_view: str, serve: str,
             plugins: str, notes: list[str]) -> str:
    today = dt.date.today().isoformat()
    return f"""# Benchmarks

Generated by `make bench` (`benchmarks/`) on {today}. Do not edit by hand: run `make bench` again. The participation
service's load benchmark is in `service/BENCHMARKS.md`.

Machine: {machine()}.

{settings}

## Builds

{figures}

{ratios}

## Budgets

{budgets}

## First view of a page (before search is opened)

{first_view}

## Preview: one edited page on the large site

{serve}

## Where the build time goes

{plugins}

## How it is measured

{chr(10).join(f"- {note}" for note in notes)}
"""
