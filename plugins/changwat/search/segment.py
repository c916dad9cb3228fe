"""Thai word boundaries, marked with U+200B (zero-width space), by PyThaiNLP's newmm and its bundled dictionary.

The marks tell the browser where words begin and end, so a match on whole words ranks above a match inside a
longer word. They never reach the screen: the browser strips them before it shows or highlights anything.
"""

from __future__ import annotations

import functools
import re

BOUNDARY = "\u200b"
THAI_RUN = re.compile(r"[\u0e01-\u0e4f\u0e5a\u0e5b]+")


class SegmenterUnavailable(RuntimeError):
    """PyThaiNLP is missing or does not work: the search index cannot be built."""


ENGINE = "newmm"


def _tokenizer():
    """cut(run) -> words, by newmm. (nlpO3, newmm's Rust port, is 3-5x faster but not used: it cut 1 run in 50,722
    of varied Thai differently, e.g. เหลี่ยม|ก as เห|ลี่|ยมก; issue 17.)"""
    try:
        from pythainlp.tokenize import word_tokenize
    except Exception as error:  # an ImportError, or a broken install failing while it loads
        raise SegmenterUnavailable(f"PyThaiNLP cannot be loaded ({type(error).__name__}: {error})") from error
    return lambda run: word_tokenize(run, engine=ENGINE, keep_whitespace=False)


KNOWN = "เบี้ยยังชีพผู้สูงอายุ"


def check_segmenter() -> None:
    """Fail now, not after the whole site is built, when PyThaiNLP is missing. Whether it cuts rightly is checked at
    its first cut (_cutter): a build whose runs are all in the cut files never loads its dictionary (0.3 s)."""
    _tokenizer()


@functools.lru_cache(maxsize=1)
def _cutter():
    cut = _tokenizer()
    words = cut(KNOWN)
    if "".join(words) != KNOWN or len(words) < 2:
        raise SegmenterUnavailable(f"PyThaiNLP's newmm cut a known phrase wrongly: {words!r}")
    return cut


# Thai run -> the run with its words marked. Cutting words is most of the search index's build time, and most
# runs are the same from one build to the next: the cache lives as long as the process (so preview rebuilds reuse
# it) and in the site's cut file between builds (cuts.py; the search plugin reads and writes it).
_CACHE: dict[str, str] = {}


def mark_words(text: str) -> str:
    """The text with U+200B between the Thai words of each Thai run; everything else unchanged."""
    def marked(run: re.Match) -> str:
        words = run.group(0)
        hit = _CACHE.get(words)
        if hit is None:
            hit = _CACHE[words] = BOUNDARY.join(_cutter()(words))
        return hit

    return THAI_RUN.sub(marked, text.replace(BOUNDARY, ""))


def thai_runs(text) -> set[str]:
    """The Thai runs of a page's text (its title, headings and body), as mark_words meets them."""
    return set(THAI_RUN.findall("\n".join([text.title, *text.headings, text.body]).replace(BOUNDARY, "")))


def remember(cuts: dict[str, str]) -> None:
    """Cuts read from the site's cut file (made by the same cutter: cuts.py checks signature())."""
    for run, marked in cuts.items():
        _CACHE.setdefault(run, marked)


def known(runs) -> dict[str, str]:
    """The marked form of runs already cut."""
    return {run: _CACHE[run] for run in runs if run in _CACHE}


@functools.lru_cache(maxsize=1)
def signature() -> str:
    """What the cuts depend on: the cutter, PyThaiNLP's version and the word list (a kit-level custom list, or a
    corrected one in a PyThaiNLP patch release, changes every cut)."""
    import hashlib

    from pythainlp import __version__
    from pythainlp.corpus import thai_words

    words = hashlib.sha256("\n".join(sorted(thai_words())).encode("utf-8")).hexdigest()
    return f"engine={ENGINE} pythainlp={__version__} dict={words}"
