"""The index built again in the same process (a preview after an edit): the files are those of a fresh build,
whatever the builder remembers; the shard size estimate is above gzip's level 9; a page's text read again is the
same text."""

from __future__ import annotations

import gzip
import json
import random

import pytest

from changwat.search import extract
from changwat.search.extract import PageText, page_text
from changwat.search.index import TARGET, Builder, Entry, _gz_estimate

def site(pages: int, seed: int = 7) -> list[Entry]:
    """Pages of varied words, enough that the big first letters are split into longer keys."""
    from pythainlp.corpus import thai_words

    rng = random.Random(seed)
    vocabulary = rng.sample(sorted(thai_words()), 3000) + [f"w{n}" for n in range(300)] + [str(n) for n in range(300)]
    out = []
    for n in range(pages):
        words = rng.sample(vocabulary, 80)
        out.append(Entry(url=f"p{n}/", text=PageText(title=" ".join(words[:3]), headings=[" ".join(words[3:6])],
                                                     body=" ".join(words[6:]))))
    return out


def edited(entries: list[Entry], n: int, body: str) -> list[Entry]:
    text = entries[n].text
    return [*entries[:n], Entry(entries[n].url, PageText(text.title, list(text.headings), body)), *entries[n + 1:]]


@pytest.fixture(scope="module")
def pages() -> list[Entry]:
    return site(400)


def test_the_synthetic_pages_split_shards(pages):
    keys = json.loads(Builder().build("th", pages)["manifest.json"])["shards"]
    assert any(len(key) > 1 for key in keys)  # else the rebuilds below would test no split at all


def test_a_rebuild_after_edits_makes_the_files_of_a_fresh_build(pages):
    builder = Builder()
    builder.build("th", pages)
    body = pages[5].text.body
    steps = [
        edited(pages, 5, body + " ประชาชนร่วมปลูกป่า"),            # more of words already there
        edited(pages, 5, body + " คำใหม่มาก zebra"),              # words no other page has
        edited(pages, 200, "ข่าว"),                              # most words of a page gone
        edited(pages, 200, ""),                                  # a page left empty: the numbers after it move
        [*pages[:3], *pages[4:]],                                # a page removed
        pages,                                                   # and all back as it was
    ]
    for step in steps:
        assert builder.build("th", step) == Builder().build("th", step)


def test_a_rebuild_changes_only_what_the_edit_changes(pages):
    builder = Builder()
    before = builder.build("th", pages)
    after = builder.build("th", edited(pages, 5, pages[5].text.body + " zebra"))
    changed = {path for path in before if before[path] != after.get(path)}
    assert "d/5.json" in changed and "manifest.json" in changed
    assert len(changed) < len(before) / 10


def test_the_size_estimate_is_above_gzip_level_9(pages):
    """The split trusts _gz_estimate to be an upper bound of what a server's gzip makes of a shard."""
    files = Builder().build("th", site(600, seed=3))
    shards = [text for path, text in files.items() if path.startswith("s/")]
    assert max(len(gzip.compress(t.encode("utf-8"), 9)) for t in shards) > TARGET / 4  # some are not tiny
    for text in shards:
        assert len(gzip.compress(text.encode("utf-8"), 9, mtime=0)) <= _gz_estimate(text)


PAGE = """<html><body><nav>เมนู</nav><article><div id="main-content"><h1>ประกาศ</h1><h2>ขั้นตอน</h2>
<p>ยื่นคำขอ<br>ด้วยตนเอง</p></div></article></body></html>"""


def test_a_page_read_again_is_the_same_text_and_its_own_copy():
    first = page_text(PAGE)
    assert first == extract._read(PAGE[PAGE.rfind("<", 0, PAGE.find('id="main-content"')):PAGE.find("</article>")])
    first.headings.append("changed by its reader")
    again = page_text(PAGE)
    assert again == PageText(title="ประกาศ", headings=["ขั้นตอน"], body="ยื่นคำขอ\nด้วยตนเอง")
    assert page_text(PAGE.replace("ขั้นตอน", "วิธีการ")).headings == ["วิธีการ"]
