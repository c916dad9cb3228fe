"""The benchmark is a fair one (issue 17): the same menu for plain Material, a git history, varied Thai, every
configuration run equally often with cold runs really cold, budgets that FAIL past their limit, and search bytes
counted from what the browser fetched. No full builds here: a ~60-page site is generated into tmp_path."""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import subprocess
from pathlib import Path

import pytest
import yaml

from benchmarks import __main__ as bench
from benchmarks import budgets, prose, search_cost, synthetic
from benchmarks.measure import Run
from changwat.core.front_matter import split_front_matter

PAGES = 60


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    pages = max(PAGES, len(synthetic.real_pages("th")) + 10)
    return synthetic.generate(tmp_path_factory.mktemp("bench") / "s", pages, "http://127.0.0.1:9/")


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def test_plain_menu_is_the_sample_sites_own(site):
    plain = yaml.safe_load(site.plain_config.read_text(encoding="utf-8"))
    # The same menu as Changwat's: a menu listing every item (the old plain_nav) made plain pages quadratic.
    assert plain["nav"] == synthetic.load_real_config()["nav"]
    assert "navigation.prune" in plain["theme"]["features"]
    assert plain["plugins"][0] == "search"                 # Material's search as shipped
    assert not hasattr(synthetic, "plain_nav")
    # MkDocs is told the items are left out of the menu on purpose.
    assert "/th/news/**" in plain["not_in_nav"].split("\n")


def test_nosearch_is_changwat_without_its_search_plugin(site):
    nosearch = yaml.safe_load(site.nosearch_config.read_text(encoding="utf-8"))
    inherited = Path(nosearch["INHERIT"]).read_text(encoding="utf-8")
    real = (synthetic.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "changwat-search" in real and "- changwat-search" not in inherited
    assert inherited.count("\n  - changwat-") == real.count("\n  - changwat-") - 1


def test_site_is_a_git_repository_whose_commits_date_the_items(site):
    commits = git(site.folder, "log", "--format=%H").split()
    assert len(commits) >= 2
    items = sorted((site.folder / "docs" / "th" / "news").glob("*news-*.md"))
    assert items
    for item in items:
        rel = item.relative_to(site.folder).as_posix()
        added = git(site.folder, "log", "--diff-filter=A", "--format=%cI", "--", rel).strip()
        assert added, rel
        meta, _ = split_front_matter(item.read_text(encoding="utf-8"))
        written = dt.datetime.strptime(str(meta["date"]), "%Y-%m-%d %H:%M")
        committed = dt.datetime.fromisoformat(added).replace(tzinfo=None)
        # Committed with its batch: not before the item's date, and within the history's span of batches.
        assert written <= committed <= written + dt.timedelta(days=60), (rel, written, committed)
    assert git(site.folder, "status", "--porcelain", "--", "docs") == ""


def test_varied_thai_text_is_mostly_distinct_runs(site):
    runs = [run for page in (site.folder / "docs" / "th").rglob("*-news-*.md")
            for run in prose.thai_runs(page.read_text(encoding="utf-8").split("\n---", 1)[1])]
    assert len(runs) > 100
    assert len(set(runs)) / len(runs) >= 0.9


class FakeBuild:
    def __init__(self):
        self.calls = []

    def __call__(self, config, site_dir, strict, cold):
        folder = config.parent
        self.calls.append((config.stem, cold, (folder / ".cache").exists()))
        (folder / ".cache" / "changwat-search").mkdir(parents=True, exist_ok=True)   # what a build leaves
        return Run(seconds=1.0, peak_bytes=1, html_pages=1, cold=cold)


def test_build_runs_runs_every_kind_equally_and_cold_runs_start_without_cache(site):
    args = argparse.Namespace(runs=3, pages=PAGES, small=PAGES)
    fake = FakeBuild()
    runs = bench.build_runs(args, {PAGES: site}, build=fake)
    kinds = [kind for kind, _, _ in fake.calls]
    assert {kind: kinds.count(kind) for kind in bench.KINDS} == {kind: 2 * 3 * 2 for kind in bench.KINDS}
    assert all(not cache for _, cold, cache in fake.calls if cold)
    assert all(cache for _, cold, cache in fake.calls if not cold)
    # Each kind's runs are half cold, half warm, and the order rotates between rounds.
    for measured in runs.values():
        assert sum(r.cold for r in measured) == len(measured) // 2
    firsts = {fake.calls[i][0] for i in range(0, len(fake.calls), 6)}
    assert len(firsts) > 1


def verdict(ratio: float) -> budgets.Verdict:
    found = budgets.judge(changwat_cold=100 * ratio, plain_cold=100, changwat_cold_small=10, plain_cold_small=10,
                          peak_bytes=1, html_drift=0, first_view_bytes=1, render_blocking=[], search_bytes=1,
                          search_heap=1, preview_seconds=1, pages=2000, small_pages=500)
    return found[0]


def test_large_build_budget_passes_at_one_and_fails_just_above():
    assert verdict(1.0).passed is True
    assert verdict(1.01).passed is False
    assert verdict(1.01).result == "FAIL"


def test_unmeasured_budget_is_neither_pass_nor_fail():
    found = budgets.judge(changwat_cold=1, plain_cold=1, changwat_cold_small=1, plain_cold_small=1, peak_bytes=1,
                          html_drift=0, first_view_bytes=1, render_blocking=[], search_bytes=None,
                          search_heap=None, preview_seconds=None, pages=2, small_pages=1)
    assert [v.result for v in found].count("NOT MEASURED") == 3
    assert not budgets.failed(found)
    over = budgets.judge(changwat_cold=1, plain_cold=1, changwat_cold_small=1, plain_cold_small=1, peak_bytes=1,
                         html_drift=0, first_view_bytes=1, render_blocking=[], search_bytes=150_001,
                         search_heap=None, preview_seconds=None, pages=2, small_pages=1)
    assert budgets.failed(over)


TINY_PAGE = """<!doctype html><html lang="th"><head><meta charset="utf-8"><title>t</title></head><body>
<div data-changwat-search><input data-changwat-search-query></div>
<script>
  fetch("before.json");   // the page's own request at load: not the search's
  var box = document.querySelector("[data-changwat-search]"), input = box.querySelector("input"), code;
  input.addEventListener("focus", function () { if (!code) code = fetch("code.json"); });
  input.addEventListener("input", function () {
    var q = input.value;
    fetch("shard.json", { cache: "force-cache" }).then(function (r) { return r.text(); })
      .then(function () { box.setAttribute("data-rendered-query", q); });
  });
</script></body></html>
"""


def test_search_cost_counts_what_the_search_fetched(tmp_path):
    site = tmp_path / "tiny"
    site.mkdir()
    (site / "index.html").write_text(TINY_PAGE, encoding="utf-8")
    for name, size in (("before.json", 3000), ("code.json", 5000), ("shard.json", 20000)):
        (site / name).write_text('{"x": "' + "ก" * size + '"}', encoding="utf-8")
    gz = {name: len(gzip.compress((site / name).read_bytes(), compresslevel=6))
          for name in ("code.json", "shard.json")}
    cost = search_cost.measure(site, "", 0, [("query set", "ไก่"), ("varied text", "ป่า")], settle=0.5)
    for q in cost.queries:
        assert q.rendered
        assert set(q.files) == {"/code.json", "/shard.json"}
        assert q.gzip_bytes == gz["code.json"] + gz["shard.json"]
        assert q.heap_bytes and q.heap_bytes > 0
    assert cost.max_bytes == cost.median_bytes == gz["code.json"] + gz["shard.json"]


def test_counted_adds_materials_load_time_search_files_only_for_material():
    requests = [("/news/x/", 200), ("/search/search_index.json", 200), ("/assets/a.css", 200), ("/q.json", 200)]
    assert search_cost.counted(requests, 0, 3, material=False) == [("/q.json", 200)]
    assert search_cost.counted(requests, 0, 3, material=True) == [("/search/search_index.json", 200),
                                                                   ("/q.json", 200)]
