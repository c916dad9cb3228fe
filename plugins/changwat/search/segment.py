"""Thai word boundaries, marked with U+200B (zero-width space), by PyThaiNLP's newmm and its bundled dictionary.

The marks tell the browser where words begin and end, so a match on whole words ranks above a match inside a
longer word. They never reach the screen: the browser strips them before it shows or highlights anything.
"""

from __future__ import annotations

import re

BOUNDARY = "\u200b"
THAI_RUN = re.compile(r"[\u0e01-\u0e4f\u0e5a\u0e5b]+")


class SegmenterUnavailable(RuntimeError):
    """PyThaiNLP is missing or does not work: the search index cannot be built."""


def _tokenizer():
    try:
        from pythainlp.tokenize import word_tokenize
    except Exception as error:  # an ImportError, or a broken install failing while it loads
        raise SegmenterUnavailable(f"PyThaiNLP cannot be loaded ({type(error).__name__}: {error})") from error
    return word_tokenize


def check_segmenter() -> None:
    """Fail now, not after the whole site is built, when the word-cutter is missing or cuts wrongly."""
    words = _tokenizer()("เบี้ยยังชีพผู้สูงอายุ", engine="newmm", keep_whitespace=False)
    if "".join(words) != "เบี้ยยังชีพผู้สูงอายุ" or len(words) < 2:
        raise SegmenterUnavailable(f"PyThaiNLP's newmm cut a known phrase wrongly: {words!r}")


def mark_words(text: str) -> str:
    """The text with U+200B between the Thai words of each Thai run; everything else unchanged."""
    cut = _tokenizer()

    def marked(run: re.Match) -> str:
        return BOUNDARY.join(cut(run.group(0), engine="newmm", keep_whitespace=False))

    return THAI_RUN.sub(marked, text.replace(BOUNDARY, ""))
