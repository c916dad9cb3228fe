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


def spread(seconds: list[float]) -> str:
    """Median, min–max and every value, in seconds."""
    import statistics

    if not seconds:
        return "not run"
    return (f"{statistics.median(seconds):.1f} s ({min(seconds):.1f}–{max(seconds):.1f}; "
            + ", ".join(f"{s:.1f}" for s in seconds) + ")")


def figures_table(results: dict) -> str:
    """results: label -> {"cold", "warm" (lists of seconds), "loads", "peak", "html_pages", "stats"}."""
    labels = list(results)
    rows = []

    def row(name, fmt):
        rows.append([name, *(fmt(results[label]) for label in labels)])

    row("Cold build: median (min–max; all runs)", lambda r: spread(r["cold"]))
    row("Warm build: median (min–max; all runs)", lambda r: spread(r["warm"]))
    row("Load average before → after each run", lambda r: "; ".join(f"{a:.1f}→{b:.1f}" for a, b in r["loads"]))
    row("Peak memory (largest run)", lambda r: f"{r['peak'] / 1024 ** 2:,.0f} MB")
    row("HTML pages", lambda r: f"{r['html_pages']:,}")
    row("Pages per second (cold median)", lambda r: f"{r['html_pages'] / r['cold_median']:.0f}")
    row("Size of site/", lambda r: mb(r["stats"].site_bytes))
    row("HTML per page, median", lambda r: kb(r["stats"].html_median))
    row("HTML per page, max", lambda r: f"{kb(r['stats'].html_max)} ({r['stats'].html_max_page})")
    row("Search index, total (raw)", lambda r: mb(r["stats"].search_total))
    row("Search index, total (gzip)", lambda r: kb(r["stats"].search_total_gzip))
    return table(["", *labels], rows)


def ratios_table(rows_in: list[tuple[str, dict, dict]]) -> str:
    """(name, numerator, denominator) -> cold and warm median ratios, peak memory and HTML ratios."""
    rows = []
    for name, a, b in rows_in:
        rows.append([name, f"{a['cold_median'] / b['cold_median']:.2f}", f"{a['warm_median'] / b['warm_median']:.2f}",
                     f"{a['peak'] / b['peak']:.2f}", f"{a['stats'].html_median / b['stats'].html_median:.2f}"])
    return table(["Ratio of medians", "Cold build", "Warm build", "Peak memory", "HTML median"], rows)


def search_table(costs: dict) -> str:
    """costs: label -> search_cost.SearchCost."""
    rows = []
    for label, cost in costs.items():
        for q in cost.queries:
            heap = f"{q.heap_bytes / 1024 ** 2:.1f} MB" if q.heap_bytes is not None else "—"
            rows.append([label, q.query, q.origin, kb(q.gzip_bytes), heap, "yes" if q.rendered else "**no**"])
        heap = (f"{cost.median_heap / 1024 ** 2:.1f} / {cost.max_heap / 1024 ** 2:.1f} MB"
                if cost.max_heap is not None else "—")
        rows.append([f"**{label}**", "median / max", "", f"{kb(cost.median_bytes)} / {kb(cost.max_bytes)}", heap, ""])
    return table(["Build", "Query", "From", "Fetched (gzip)", "JS heap after", "Results shown"], rows)


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
        how = ("`changwat serve` (as `make serve`)" if edit.tool == "changwat"
               else "`mkdocs serve --dirty --no-strict`" if edit.dirty else "`mkdocs serve`")
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
                 [[v.name, v.limit, v.measured, "**FAIL**" if v.passed is False else v.result]
                  for v in verdicts])


def document(*, settings: str, figures: str, ratios: str, budgets: str, first_view: str, search: str, serve: str,
             plugins: str, notes: list[str], corrections: str, pagefind: str = "Not measured.") -> str:
    today = dt.date.today().isoformat()
    return f"""# Benchmarks

Generated by `make bench` (`benchmarks/`) on {today}. Do not edit by hand: run `make bench` again. The participation
service's load benchmark is in `service/BENCHMARKS.md`.

Machine: {machine()}.

{settings}

## Corrections to earlier versions of this file

{corrections}

## Builds

{figures}

{ratios}

## Budgets

{budgets}

## First view of a page (before search is opened)

{first_view}

## One Thai search (the box opened on a Thai news item, one query per fresh page)

{search}

## Pagefind (extended, 1.6.0) on the same pages and queries

{pagefind}

## Preview: one edited page on the large site

{serve}

## Where the build time goes

{plugins}

## How it is measured

{chr(10).join(f"- {note}" for note in notes)}
"""


def pagefind_section(comparison, ours=None, search_seconds: float | None = None,
                     build_seconds: float | None = None) -> str:
    """comparison: pagefind.Comparison; ours: the kit's search_cost.SearchCost over the same queries;
    search_seconds / build_seconds: changwat-search's exclusive time in a full cold build, and that build's."""
    import statistics

    from .pagefind import TONE_FOLDER, TONE_QUERIES, by_kind, distinguishes, tone_url

    folder = f"/{TONE_FOLDER}/"

    parts = []
    built = comparison.index
    if built:
        share = ""
        if search_seconds is not None and build_seconds:
            share = (f" The kit's search index is built inside `mkdocs build`: changwat-search's own time was "
                     f"{search_seconds:.1f} s ({search_seconds / build_seconds:.0%}) of a {build_seconds:.1f} s "
                     f"full cold build (Where the build time goes).")
        parts.append(f"Pagefind is an extra step after `mkdocs build`: over the large built site it indexed "
                     f"{built.pages:,} pages ({built.words:,} words) in {built.seconds:.1f} s, peak memory "
                     f"{built.peak_bytes / 1024 ** 2:,.0f} MB, a bundle of {mb(built.bundle_bytes)} on disk. Its "
                     f"default UI (pagefind-ui.js and .css), not counted below, adds {kb(built.ui_gzip)} gzip."
                     + share)
    runs = comparison.runs
    if runs:
        labels = (["Changwat"] if ours else []) + [run.label for run in runs]
        ours_by_query = {q.query: q for q in ours.queries} if ours else {}
        rows = []
        for q in runs[0].cost.queries:
            row = [q.query, q.origin]
            if ours:
                mine = ours_by_query.get(q.query)
                row.append(kb(mine.gzip_bytes) if mine else "—")
            for run in runs:
                cost = next(c for c in run.cost.queries if c.query == q.query)
                answer = run.answers.get(q.query)
                row.append(f"{kb(cost.gzip_bytes)} ({answer.count if answer else 0} results)"
                           if cost.rendered else "**failed**")
            rows.append(row)
        summary = ["**median / max**", ""]
        if ours:
            summary.append(f"{kb(ours.median_bytes)} / {kb(ours.max_bytes)}")
        summary += [f"{kb(run.cost.median_bytes)} / {kb(run.cost.max_bytes)}" for run in runs]
        rows.append(summary)
        kinds = []
        for run in runs:
            split = [by_kind(q.files) for q in run.cost.queries]
            kinds.append(f"{run.label}: " + ", ".join(
                f"{kind} {kb(statistics.median(k.get(kind, 0) for k in split))} "
                f"(max {kb(max(k.get(kind, 0) for k in split))})"
                for kind in ("code and metadata", "index chunks", "fragments")))
        parts.append("Bytes one Thai search fetches on the large site (fresh cache per query; Pagefind: "
                     "pagefind.js, its worker and wasm, metadata, index chunks and the fragments of the results "
                     "shown):\n\n" + table(["Query", "From", *labels], rows)
                     + "\n\nWhere Pagefind's bytes go, median per query:\n\n" + "\n".join(f"- {k}" for k in kinds))
    if comparison.hit_rates:
        labels = list(comparison.hit_rates)
        groups = list(next(iter(comparison.hit_rates.values())))
        rows = [[group, *(f"{h}/{t} ({h / t:.0%})" for h, t, _ in (comparison.hit_rates[l][group] for l in labels))]
                for group in groups]
        misses = [f"- {label}, {group}: `{query}` expected `/{page}`, got "
                  + (", ".join(f"`{u}`" for u in found[:3]) or "nothing")
                  for label in labels for group, (_, _, missed) in comparison.hit_rates[label].items()
                  for query, page, found in missed]
        parts.append("The project's query set on the sample site (tests/search/search_queries.yml), expected page "
                     "among the first five:\n\n" + table(["Group", *labels], rows)
                     + ("\n\nMisses:\n\n" + "\n".join(misses) if misses else ""))
    if comparison.tone:
        labels = list(comparison.tone)
        rows = []
        for query, expected, avoid in TONE_QUERIES:
            row = [query, f"`{tone_url(expected)}`" if expected else "none (begins ไก่, ไกล, ไกด์)"]
            for label in labels:
                answer = comparison.tone[label].get(query)
                top = answer.top if answer else []
                told = distinguishes(top, expected, avoid)
                found = ", ".join(u[len(folder):].rstrip("/") if u.startswith(folder) else u
                                  for u in top[:3]) or "nothing"
                count = f" ({answer.count})" if answer and answer.count is not None else ""
                mark = "" if told is None else (" ✓" if told else " **✗**")
                row.append(f"{found}{count}{mark}")
            rows.append(row)
        parts.append("Words that differ only by a vowel or tone mark (tests/search/fixtures/tone_pairs/, both "
                     "spellings present): the first three results (Pagefind: of how many); ✓ the word's own page "
                     "first and the other spelling's page not found:\n\n" + table(["Query", "Its page", *labels], rows))
    return "\n\n".join(parts) or "Not measured."
