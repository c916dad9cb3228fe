"""Thai words that differ only by a vowel or tone mark are different words (ไก่ chicken, ไกล far; ป่า forest, ปา
throw; ข้าว rice, ขาว white; เสื่อ mat, เสือ tiger): the kit's search, typed into the real box of a built site,
finds each word's own page first and never the other spelling's. Pagefind folds these marks; benchmarks/pagefind.py
runs the same pages and queries through it for BENCHMARKS.md."""

from __future__ import annotations

import re

import pytest

from benchmarks.pagefind import TONE_FIXTURE, TONE_QUERIES, distinguishes, ours_top, tone_site
from conftest import mkdocs_build


# Thai vowel and tone marks written above or below a consonant (Unicode category Mn): what a folding search drops.
MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def fold(text: str) -> str:
    return MARKS.sub("", text)


@pytest.fixture(scope="module")
def tone_built(tmp_path_factory):
    where = tmp_path_factory.mktemp("tone_pairs")
    (where / "src").mkdir()
    result = mkdocs_build(tone_site(where / "src"), where / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return where / "site"


def test_the_fixture_has_both_spellings():
    """Each query is on its own page, and every page it must not find has its look-alike, so a search that
    folds the marks would find it."""
    for query, expected, avoid in TONE_QUERIES:
        if expected is None:
            continue
        assert query in (TONE_FIXTURE / "th" / f"{expected}.md").read_text(encoding="utf-8"), query
        for other in avoid:
            text = (TONE_FIXTURE / "th" / f"{other}.md").read_text(encoding="utf-8")
            assert query not in text and fold(query) in fold(text), (query, other)
    for name in ("chicken", "far", "guide"):
        assert "ไก" in (TONE_FIXTURE / "th" / f"{name}.md").read_text(encoding="utf-8")


def test_our_search_tells_the_pairs_apart(tone_built):
    queries = [query for query, expected, _ in TONE_QUERIES if expected]
    found = ours_top(tone_built, queries)
    wrong = {query: found[query].top for query, expected, avoid in TONE_QUERIES
             if expected and not distinguishes(found[query].top, expected, avoid)}
    assert wrong == {}
