"""RSS 2.0 and Atom feeds with feedgen: per language, for all items and for each section.

Ids are tag: URIs built from the item's language, section and file name, so they never change when a title
is edited; dates keep their +07:00 offset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

FEED_FILES = (("rss", "RSS", "rss.xml"), ("atom", "Atom", "atom.xml"))
TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
# The year in tag: ids says when the office held the domain; it must never change once feeds are published.
TAG_YEAR = 2026
# A feed without items (a section with nothing published yet) still needs a date: a fixed one, so that the same
# content always builds the same site (builds are compared byte for byte; see checks/compare_builds.py).
EMPTY_FEED_UPDATED = dt.datetime(TAG_YEAR, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@dataclass(frozen=True)
class FeedEntry:
    id_path: str                   # "th/news/2026-11-20-flood-relief": permanent
    url: str                       # absolute
    title: str
    summary: str
    published: dt.datetime         # aware
    category: str
    enclosures: list = field(default_factory=list)   # (absolute url, bytes, mime type)


def feed_paths(folder: str | None) -> list[tuple[str, str, str]]:
    """(mime type, label, site path without language prefix) for a section's feeds, or the site's."""
    base = f"{folder}/" if folder else ""
    return [(TYPES[kind], label, f"{base}{name}") for kind, label, name in FEED_FILES]


def tag_id(site_url: str, id_path: str) -> str:
    return f"tag:{urlsplit(site_url).hostname},{TAG_YEAR}:{id_path}"


def build_feed(entries: list[FeedEntry], *, title: str, description: str, home: str, self_url: str,
               lang: str, site_url: str, feed_id: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(tag_id(site_url, feed_id))
    fg.title(title)
    fg.subtitle(description)
    fg.link(href=home, rel="alternate")
    fg.link(href=self_url, rel="self")
    fg.language(lang)
    fg.generator("Changwat")
    # Sets atom:updated and rss:lastBuildDate, which feedgen would otherwise date at the moment of the build.
    fg.updated(max((e.published for e in entries), default=EMPTY_FEED_UPDATED))
    # feedgen writes entries in reverse order of addition; add oldest first so the newest lead.
    for entry in sorted(entries, key=lambda e: (e.published, e.id_path)):
        fe = fg.add_entry()
        fe.id(tag_id(site_url, entry.id_path))
        fe.guid(tag_id(site_url, entry.id_path), permalink=False)
        fe.title(entry.title)
        fe.link(href=entry.url, rel="alternate")
        fe.summary(entry.summary)
        fe.description(entry.summary)
        fe.published(entry.published)
        fe.updated(entry.published)
        fe.pubDate(entry.published)
        fe.category(term=entry.category)
        for url, length, mime in entry.enclosures:
            fe.enclosure(url, str(length), mime)
    return fg


def write_feeds(*, site_dir: Path, site_url: str, lang: str, prefix: str, site_title: str,
                site_description: str, sections: dict[str, str], folders: dict[str, str],
                entries: dict[str, list[FeedEntry]]) -> list[Path]:
    """Writes <prefix>rss.xml/atom.xml for all items and <prefix><folder>/rss.xml/atom.xml per section."""
    written = []
    groups = [(None, site_title, [e for section in entries.values() for e in section], prefix)]
    groups += [(name, f"{sections[name]} | {site_title}", entries.get(name, []), f"{prefix}{folders[name]}/")
               for name in sections]
    for name, title, group, base in groups:
        for kind, _, filename in FEED_FILES:
            path = f"{base}{filename}"
            fg = build_feed(group, title=title, description=site_description, home=site_url + base,
                            self_url=site_url + path, lang=lang, site_url=site_url,
                            feed_id=f"{lang}/{name or 'all'}/{kind}")
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if kind == "rss":
                fg.rss_file(str(target), pretty=True)
            else:
                fg.atom_file(str(target), pretty=True)
            written.append(target)
    return written
