"""Reading the site's RSS 2.0 and Atom feeds into plain entries, each placed in a language and section."""

from __future__ import annotations

import html
import re
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

from .paths import feed_section

ATOM = "{http://www.w3.org/2005/Atom}"
MAX_FEED_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    lang: str
    section: str
    key: str
    title: str
    link: str
    summary: str
    published: datetime | None


def read_source(source: str) -> bytes:
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as response:  # noqa: S310 (the office's own site)
            return response.read(MAX_FEED_BYTES + 1)[:MAX_FEED_BYTES]
    return Path(source).read_bytes()


def plain_text(fragment: str, limit: int = 1000) -> str:
    """Descriptions are HTML; titles are text (an escaped "<" in a title is a real "<") and skip this."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", fragment or ""))
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _date(text: str | None) -> datetime | None:
    if not text:
        return None
    text = text.strip()
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _raw_entries(root: ET.Element):
    if root.tag == f"{ATOM}feed":
        for e in root.iter(f"{ATOM}entry"):
            links = e.findall(f"{ATOM}link")
            link = next((l.get("href") for l in links if l.get("rel", "alternate") == "alternate"), None)
            summary = e.findtext(f"{ATOM}summary") or e.findtext(f"{ATOM}content") or ""
            yield (e.findtext(f"{ATOM}id"), e.findtext(f"{ATOM}title"), link, summary,
                   e.findtext(f"{ATOM}published") or e.findtext(f"{ATOM}updated"))
    else:
        for e in root.iter("item"):
            yield (e.findtext("guid"), e.findtext("title"), e.findtext("link"), e.findtext("description") or "",
                   e.findtext("pubDate"))


def parse(data: bytes, source: str) -> list[Entry]:
    """A section feed's own location decides its entries' section; the whole-site feed's entries are placed
    by their links. Entries placed nowhere are skipped: no subscriber asked for them."""
    root = ET.fromstring(data)
    feed_lang, feed_sec = feed_section(source)
    entries = []
    for guid, title, link, summary, date in _raw_entries(root):
        link = (link or "").strip()
        key = link or (guid or "").strip()
        if not key or not title:
            continue
        lang, section = (feed_lang, feed_sec) if feed_sec else feed_section(link)
        if not section:
            continue
        entries.append(Entry(lang, section, key[:500], re.sub(r"\s+", " ", title).strip()[:500], link[:1000], plain_text(summary),
                             _date(date)))
    return entries


def load(sources: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    for source in sources:
        entries.extend(parse(read_source(source), source))
    return entries


def discover(site_dir: str) -> list[str]:
    """The feeds a Changwat site has: rss.xml (RSS 2.0) and atom.xml at the root and in each section, per language."""
    from . import SECTIONS
    root = Path(site_dir)
    candidates = []
    for prefix in ("", "en/"):
        for section in ("", *[f"{s}/" for s in SECTIONS]):
            for name in ("rss.xml", "atom.xml"):
                candidates.append(root / f"{prefix}{section}{name}")
    return [str(p) for p in candidates if p.is_file()]
