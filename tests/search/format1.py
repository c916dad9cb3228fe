"""The whole-index format the search used before it was split (FORMAT 1: one search/<lang>.json holding every
page's text), written for tests only: reference_search.js runs the old search over it."""

from __future__ import annotations

import json
from pathlib import Path

from changwat.search.index import Entry
from changwat.search.segment import mark_words


def build_index(lang: str, entries: list[Entry]) -> str:
    """JSON: {"v", "lang", "pages": [{"u": url, "t": title, "h": headings, "x": body}]}, words marked."""
    pages = [{"u": e.url, "t": mark_words(e.text.title), "h": mark_words("\n".join(e.text.headings)),
              "x": mark_words(e.text.body)}
             for e in entries if e.text.title or e.text.body]
    return json.dumps({"v": 1, "lang": lang, "pages": pages}, ensure_ascii=False, separators=(",", ":"))


def from_records(folder: Path) -> str:
    """The FORMAT 1 index of a built language folder (search/<lang>/): its records hold the same marked fields,
    page by page in the same order, so both searches read exactly the same text."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pages = []
    for number in range(manifest["pages"]):
        record = json.loads((folder / "d" / f"{number}.json").read_text(encoding="utf-8"))
        pages.append({"u": record["u"], "t": record["t"], "h": record["h"], "x": record["x"]})
    return json.dumps({"v": 1, "lang": manifest["lang"], "pages": pages}, ensure_ascii=False, separators=(",", ":"))
