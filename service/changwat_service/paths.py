"""What a site path says about language and section (the site puts English under /en/)."""

from __future__ import annotations

from urllib.parse import urlsplit

from . import SECTIONS


def _segments(path_or_url: str) -> list[str]:
    path = urlsplit(path_or_url).path if "://" in path_or_url else path_or_url
    return [s for s in path.replace("\\", "/").split("/") if s]


def feed_section(path_or_url: str) -> tuple[str | None, str | None]:
    """(lang, section) from the first known section segment, wherever the site is mounted; lang is "en" when
    that segment follows "en". (None, None) when no section appears (e.g. the whole-site feed)."""
    segments = _segments(path_or_url)
    for i, segment in enumerate(segments):
        if segment in SECTIONS:
            return ("en" if i > 0 and segments[i - 1] == "en" else "th"), segment
    return None, None


def feed_lang(path_or_url: str) -> str:
    return "en" if "en" in _segments(path_or_url)[:-1] else "th"


def page_section(path: str) -> tuple[str, str]:
    """(lang, section) for survey and statistics: the first path segment after the language, or "home"."""
    segments = _segments(path)
    lang = "th"
    if segments and segments[0] == "en":
        lang, segments = "en", segments[1:]
    if not segments or segments[0] in ("index.html",):
        return lang, "home"
    return lang, segments[0][:60]
