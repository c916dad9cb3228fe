"""The Pagefind comparison's own logic (benchmarks/pagefind.py), without running Pagefind or a build: it indexes
the text the kit's search indexes, asks for as many results as the kit shows, counts Pagefind's gzip files as they
are sent, and the report says which search told the tone pairs apart."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from benchmarks import __main__ as bench
from benchmarks import pagefind
from benchmarks.report import pagefind_section
from benchmarks.search_cost import QueryCost, SearchCost
from changwat.search.extract import ROOT_ID, SKIPPED_CLASSES

ROOT = Path(__file__).resolve().parents[2]


def test_pagefind_reads_what_our_extractor_reads():
    cmd = pagefind.command(Path("pagefind_extended"), Path("out"), Path("bundle"))
    assert cmd[cmd.index("--root-selector") + 1] == f"#{ROOT_ID}"
    selectors = cmd[cmd.index("--exclude-selectors") + 1].split(", ")
    assert sorted(selectors) == sorted(f".{name}" for name in SKIPPED_CLASSES)
    assert cmd[cmd.index("--site") + 1] == "out" and cmd[cmd.index("--output-path") + 1] == "bundle"


def test_results_shown_are_as_many_as_our_search_shows():
    script = (ROOT / "overrides" / "search" / "search.js").read_text(encoding="utf-8")
    assert int(re.search(r"var PAGE = (\d+);", script).group(1)) == pagefind.SHOWN


def test_pagefind_is_pinned_in_package_json():
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["pagefind"] == "1.6.0"
    assert lock["packages"]["node_modules/@pagefind/linux-x64"]["version"] == "1.6.0"


def test_gzip_files_count_as_sent_and_others_compressed(tmp_path):
    text = ("ข้อความ " * 500).encode()
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind.js").write_bytes(text)
    packed = gzip.compress(text)
    (tmp_path / "pagefind" / "x.pf_fragment").write_bytes(packed)
    requests = [("/pagefind/pagefind.js", 200), ("/pagefind/x.pf_fragment", 200), ("/pagefind/x.pf_fragment", 304),
                ("/pagefind/none.pf_meta", 404)]
    sent = pagefind.sent_bytes(tmp_path, requests, {})
    assert sent["/pagefind/x.pf_fragment"] == len(packed)            # not gzip of a gzip file, and a 304 is free
    assert sent["/pagefind/pagefind.js"] == len(gzip.compress(text, compresslevel=6)) < len(text)
    assert sent["/pagefind/none.pf_meta"] == 0


def test_counts_from_pagefinds_summary():
    output = "Total: \n  Indexed 2 languages\n  Indexed 4,0 junk\n  Indexed 4123 pages\n  Indexed 60210 words\n"
    assert pagefind.indexed(output, "pages") == 4123
    assert pagefind.indexed(output, "words") == 60210
    assert pagefind.indexed("", "pages") == 0


def test_a_pair_is_told_apart_only_with_its_page_first_and_the_other_absent():
    assert pagefind.distinguishes(["/tone-pairs/forest/"], "forest", ("throw",)) is True
    assert pagefind.distinguishes(["/tone-pairs/throw/", "/tone-pairs/forest/"], "forest", ("throw",)) is False
    assert pagefind.distinguishes(["/tone-pairs/forest/", "/tone-pairs/throw/"], "forest", ("throw",)) is False
    assert pagefind.distinguishes([], "forest", ("throw",)) is False
    assert pagefind.distinguishes(["/tone-pairs/far/"], None, ()) is None


def cost(label: str, values: dict[str, int]) -> SearchCost:
    return SearchCost(kind=label, page="", queries=[
        QueryCost(query=q, origin="query set", gzip_bytes=b, heap_bytes=None, rendered=True)
        for q, b in values.items()])


def test_the_section_sets_our_bytes_beside_pagefinds_and_marks_the_pairs():
    answers = {q: pagefind.Answer(count=None, top=["/tone-pairs/forest/"]) for q, _, _ in pagefind.TONE_QUERIES}
    folded = {q: pagefind.Answer(count=2, top=["/tone-pairs/throw/", "/tone-pairs/forest/"])
              for q, _, _ in pagefind.TONE_QUERIES}
    comparison = pagefind.Comparison(
        index=pagefind.IndexBuild(seconds=12.5, peak_bytes=300 * 1024 ** 2, pages=4100, words=50000,
                                  bundle_bytes=30_000_000, ui_gzip=25_000),
        runs=[pagefind.Run(label="Pagefind", cost=cost("Pagefind", {"ป่า": 90_000, "ยุงลาย": 150_000}),
                           answers={"ป่า": pagefind.Answer(count=7, top=[]), "ยุงลาย": pagefind.Answer(3, [])})],
        hit_rates={"Changwat": {"thai": (60, 61, [])},
                   "Pagefind": {"thai": (56, 61, [("แผน", "news/x/", ["/"])])}},
        tone={"Changwat": answers, "Pagefind": folded})
    text = pagefind_section(comparison, cost("Changwat", {"ป่า": 20_000, "ยุงลาย": 40_000}), 30.0, 120.0)
    assert "4,100 pages" in text and "12.5 s" in text and "30.0 s (25%)" in text
    assert "Where Pagefind's bytes go" in text
    assert "| ป่า | query set | 20.0 KB | 90.0 KB (7 results) |" in text
    assert "| **median / max** |  | 30.0 KB / 40.0 KB | 120.0 KB / 150.0 KB |" in text
    assert "| thai | 60/61 (98%) | 56/61 (92%) |" in text
    assert "`แผน` expected `/news/x/`, got `/`" in text
    forest_row = next(line for line in text.splitlines() if line.startswith("| ป่า | `/tone-pairs/forest/`"))
    assert forest_row.endswith("| forest ✓ | throw, forest (2) **✗** |")


def test_search_share_is_changwat_search_events_summed():
    full = {"total": 100.0, "parts": {"changwat-search on_page_content": 20.0, "changwat-search on_post_build": 5.0,
                                      "i18n on_post_build": 30.0}}
    assert bench.search_share(full) == (25.0, 100.0)


def test_pagefinds_requests_by_kind():
    files = {"/pagefind/pagefind.js": 13, "/pagefind/wasm.unknown.pagefind": 55, "/pagefind/pagefind.th_1.pf_meta": 22,
             "/pagefind/index/th_a.pf_index": 100, "/pagefind/index/th_b.pf_index": 50,
             "/pagefind/fragment/th_c.pf_fragment": 3, "/favicon.ico": 0}
    assert pagefind.by_kind(files) == {"code and metadata": 90, "index chunks": 150, "fragments": 3, "other": 0}
