"""The search index of one language: a small JSON file the browser fetches when a citizen starts searching."""

from __future__ import annotations

import json
from dataclasses import dataclass

from changwat.search.extract import PageText
from changwat.search.segment import mark_words

FORMAT = 1


@dataclass
class Entry:
    url: str        # relative to the site's root, as MkDocs writes page.url ("" is the home page)
    text: PageText


def build_index(lang: str, entries: list[Entry]) -> str:
    """JSON: {"v", "lang", "pages": [{"u": url, "t": title, "h": headings, "x": body}]}, words marked."""
    pages = [{"u": e.url, "t": mark_words(e.text.title), "h": mark_words("\n".join(e.text.headings)),
              "x": mark_words(e.text.body)}
             for e in entries if e.text.title or e.text.body]
    return json.dumps({"v": FORMAT, "lang": lang, "pages": pages}, ensure_ascii=False, separators=(",", ":"))


def index_path(lang: str) -> str:
    """Where the language's index is written, relative to the site's root."""
    return f"search/{lang}.json"
