"""Search index, built at build time: what is indexed, how Thai words are marked, the query set itself, and a
build that stops clearly when the Thai word-cutter is missing."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from changwat.search import plugin as search_glue
from changwat.search.extract import page_text
from changwat.search.index import Entry, shard_name
from changwat.search.segment import BOUNDARY, SegmenterUnavailable, mark_words

from conftest import ROOT
from format1 import build_index

QUERIES = yaml.safe_load((ROOT / "tests" / "search" / "search_queries.yml").read_text(encoding="utf-8"))

PAGE = """<html><body><nav>เมนู</nav><article><div id="main-content">
<h1>เบี้ยยังชีพผู้สูงอายุ<a class="headerlink" href="#x">¶</a></h1>
<p>ผู้สูงอายุลงทะเบียนรับเบี้ยยังชีพได้ที่เทศบาล</p><h2>ขั้นตอน</h2><p>ยื่นคำขอ<br>ด้วยตนเอง</p>
<ol class="changwat-listing"><li>ข่าวอื่น</li></ol><script>var x = 1;</script>
<p class="changwat-updated">ปรับปรุงล่าสุด</p><img src="a.png" alt="ภาพ"></div></article>
<footer>ส่วนท้าย</footer></body></html>"""


def test_page_text_reads_the_page_own_content_only():
    text = page_text(PAGE)
    assert text.title == "เบี้ยยังชีพผู้สูงอายุ"
    assert text.headings == ["ขั้นตอน"]
    assert text.body.split("\n") == ["ผู้สูงอายุลงทะเบียนรับเบี้ยยังชีพได้ที่เทศบาล", "ยื่นคำขอ", "ด้วยตนเอง"]
    for left_out in ("เมนู", "ข่าวอื่น", "var x", "ปรับปรุงล่าสุด", "ส่วนท้าย", "¶"):
        assert left_out not in text.body + text.title


def test_thai_words_are_marked_and_nothing_else_changes():
    marked = mark_words("ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ โทร 1567 (e-Service)")
    assert marked.replace(BOUNDARY, "") == "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ โทร 1567 (e-Service)"
    assert "รับ" + BOUNDARY + "เบี้ย" in marked
    assert marked.endswith(" โทร 1567 (e-Service)")
    assert mark_words(marked) == marked


def test_index_holds_each_page_once_with_words_marked():
    data = json.loads(build_index("th", [Entry("services/elderly-allowance/", page_text(PAGE)),
                                         Entry("empty/", page_text("<html><body></body></html>"))]))
    assert data["lang"] == "th"
    assert [p["u"] for p in data["pages"]] == ["services/elderly-allowance/"]
    page = data["pages"][0]
    assert page["t"].replace(BOUNDARY, "") == "เบี้ยยังชีพผู้สูงอายุ" and BOUNDARY in page["t"]
    assert page["h"] == "ขั้นตอน"


def test_build_stops_clearly_without_the_word_cutter(monkeypatch):
    def broken():
        raise SegmenterUnavailable("PyThaiNLP cannot be loaded (ModuleNotFoundError: No module named 'pythainlp')")

    monkeypatch.setattr(search_glue, "check_segmenter", broken)
    plugin = search_glue.SearchPlugin()
    plugin.load_config({})
    with pytest.raises(PluginError) as stopped:
        plugin.on_config({})
    message = str(stopped.value)
    assert "ดัชนีค้นหา" in message and "No module named 'pythainlp'" in message and "pip install" in message


def test_built_site_has_one_index_per_language_and_no_material_search(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
    urls = {}
    for lang in ("th", "en"):
        folder = built_site / "search" / lang
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["v"] == 2 and manifest["lang"] == lang and manifest["shards"]
        assert all((folder / "s" / f"{shard_name(key)}.json").is_file() for key in manifest["shards"])
        urls[lang] = [json.loads((folder / "d" / f"{n}.json").read_text(encoding="utf-8"))["u"]
                      for n in range(manifest["pages"])]
        assert not (built_site / "search" / f"{lang}.json").exists()
    assert urls["th"] and urls["en"]
    assert not any(u.startswith("en/") for u in urls["th"])
    assert all(u.startswith("en/") for u in urls["en"])
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home  # Material's search (and its lunr worker) never starts


def _run_starts(text: str) -> set[int]:
    return {m.start() for m in re.finditer(r"(?:^|(?<=\s))\S", text)}


def test_query_set_is_large_enough_and_each_query_is_on_its_page(built_site):
    """Each Thai query's words are on the expected page, inside a run of text (not where a space-separated run
    starts), which is where Material's stock search cannot find them."""
    assert len(QUERIES["thai"]) >= 40
    problems = []
    for group, items in QUERIES.items():
        for item in items:
            html = built_site / item["page"] / "index.html"
            if not html.is_file():
                problems.append(f"{item['query']}: no page {item['page']}")
                continue
            main = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").find(id="main-content")
            text = " ".join(main.get_text(" ").split())
            for word in item.get("words") or item["query"].split():
                if word.lower() not in text.lower():
                    problems.append(f"{item['query']}: {word!r} is not on {item['page']}")
                elif group == "thai" and not any(i not in _run_starts(text) for i in
                                                 (m.start() for m in re.finditer(re.escape(word), text))):
                    problems.append(f"{item['query']}: {word!r} only starts runs of text on {item['page']}")
    assert not problems, "\n".join(problems)


# The cut cache's tests (it lives with the content now: search-cuts/, a file per page) are in test_cuts.py.
