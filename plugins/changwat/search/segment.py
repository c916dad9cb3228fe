"""Thai word boundaries, marked with U+200B (zero-width space), by PyThaiNLP's newmm and its bundled dictionary.

The marks tell the browser where words begin and end, so a match on whole words ranks above a match inside a
longer word. They never reach the screen: the browser strips them before it shows or highlights anything.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

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


# Thai run -> the run with its words marked. Cutting words is most of the search index's build time, and most
# runs are the same from one build to the next: the cache lives as long as the process (so `mkdocs serve`
# rebuilds reuse it) and on disk between builds (load_cache / save_cache).
_CACHE: dict[str, str] = {}
_CACHE_SIZE_SAVED = -1


def mark_words(text: str) -> str:
    """The text with U+200B between the Thai words of each Thai run; everything else unchanged."""
    cut = _tokenizer()

    def marked(run: re.Match) -> str:
        words = run.group(0)
        hit = _CACHE.get(words)
        if hit is None:
            hit = _CACHE[words] = BOUNDARY.join(cut(words, engine="newmm", keep_whitespace=False))
        return hit

    return THAI_RUN.sub(marked, text.replace(BOUNDARY, ""))


def _cache_key() -> str:
    # A new PyThaiNLP may cut differently: its cuts are not reused.
    from pythainlp import __version__

    return f"pythainlp-{__version__}"


def load_cache(path: Path) -> None:
    global _CACHE_SIZE_SAVED
    if _CACHE:
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(data, dict) and data.get("key") == _cache_key() and isinstance(data.get("runs"), dict):
        _CACHE.update(data["runs"])
        _CACHE_SIZE_SAVED = len(_CACHE)


def save_cache(path: Path) -> None:
    global _CACHE_SIZE_SAVED
    if len(_CACHE) == _CACHE_SIZE_SAVED:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_suffix(".tmp")
    staging.write_text(json.dumps({"key": _cache_key(), "runs": _CACHE}, ensure_ascii=False), encoding="utf-8")
    staging.replace(path)
    _CACHE_SIZE_SAVED = len(_CACHE)
