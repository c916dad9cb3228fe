"""Parsing built pages once, with source line numbers, and showing an element the way a person reads it."""
from __future__ import annotations

import functools
from pathlib import Path

from bs4 import BeautifulSoup, Tag


@functools.lru_cache(maxsize=4096)
def parse(path: Path) -> BeautifulSoup:
    # html.parser, not lxml: it keeps each tag's source line, which a web officer needs to find it.
    return BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser")


def snippet(tag: Tag, limit: int = 200) -> str:
    """The opening tag and a little text: enough to find the element, short enough for a table."""
    attrs = "".join(f' {k}="{" ".join(v) if isinstance(v, list) else v}"' for k, v in tag.attrs.items())
    text = " ".join(tag.get_text(" ", strip=True).split())
    inner = (text[:60] + "…" if len(text) > 60 else text) if tag.name not in ("html", "head", "body") else "…"
    out = f"<{tag.name}{attrs}>" + (f"{inner}</{tag.name}>" if inner else "")
    return out if len(out) <= limit else out[: limit - 1] + "…"


def ids(soup: BeautifulSoup) -> set[str]:
    """Every fragment a link may point to: an id on any element, or the name of an <a>."""
    found = {t["id"] for t in soup.find_all(id=True)}
    found |= {t["name"] for t in soup.find_all("a", attrs={"name": True})}
    return found
