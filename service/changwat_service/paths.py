"""What a site path says about language and section (the site puts English under /en/), and which paths the
site really has (its sitemap.xml), so that only those reach the published statistics."""

from __future__ import annotations

import os
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from . import SECTIONS

SITEMAP_ENV = "CHANGWAT_SITE_SITEMAP"  # the built site's sitemap.xml: a file path or an http(s) URL
OTHER = "other"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
REFRESH_SECONDS = 600  # a URL is fetched again after this long; a file is re-read when it changes


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


def _key(path: str) -> str:
    """Paths compare decoded and without index.html: the browser sends /ข่าว/ percent-encoded, a sitemap
    may not; /news/index.html and /news/ are one page."""
    path = unquote(path.split("?", 1)[0].split("#", 1)[0])
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path if path.endswith("/") else path + "/"


def _canonical(path: str) -> str:
    return quote(_key(path), safe="/-._~")


def parse_sitemap(data: bytes) -> tuple[frozenset[str], str]:
    """Paths from the site's root: a site published under a folder (https://host/office/) has its home page
    as the shortest path, and the survey sends paths without that folder while the beacon sends them with it."""
    root = ET.fromstring(data)
    locs = [e.text or "" for e in root.iter(f"{SITEMAP_NS}loc")] or [e.text or "" for e in root.iter("loc")]
    paths = {_key(urlsplit(loc.strip()).path or "/") for loc in locs if loc.strip()}
    mount = min(paths, key=len, default="/")
    if mount == "/" or not all(p.startswith(mount) for p in paths):
        return frozenset(paths), "/"
    return frozenset("/" + p[len(mount):] for p in paths), mount


class SitePaths:
    """The site's page paths from its sitemap. Without one (not configured, unreadable), only what the kit
    itself guarantees is known: the two home pages and the sections' own pages."""

    def __init__(self, source: str | None, clock=time.monotonic):
        self.source = source
        self._clock = clock
        self._paths: frozenset[str] | None = None
        self._mount = "/"
        self._stamp: object = None
        self._lock = threading.Lock()

    def _load(self) -> frozenset[str] | None:
        if not self.source:
            return None
        with self._lock:
            try:
                if self.source.startswith(("http://", "https://")):
                    now = self._clock()
                    if self._stamp is None or now - self._stamp > REFRESH_SECONDS:
                        from .feeds import read_source
                        self._stamp = now  # a failed fetch is retried after the same delay, not per request
                        self._paths, self._mount = parse_sitemap(read_source(self.source))
                else:
                    mtime = Path(self.source).stat().st_mtime_ns
                    if mtime != self._stamp:
                        self._paths, self._mount = parse_sitemap(Path(self.source).read_bytes())
                        self._stamp = mtime
            except (OSError, ET.ParseError):
                pass  # keep the last good list; with none, fall back to what the kit guarantees
            return self._paths

    def normalise(self, path: str) -> str:
        """The page's canonical path when the site has it, else "other": never the visitor's own text."""
        known = self._load()
        key = _key(path)
        if known is not None:
            if self._mount != "/" and key.startswith(self._mount):
                key = "/" + key[len(self._mount):]
            return _canonical(key) if key in known else OTHER
        segments = _segments(key)
        prefix = ""
        if segments and segments[0] == "en":
            prefix, segments = "/en", segments[1:]
        if not segments:
            return prefix + "/"
        return f"{prefix}/{segments[0]}/" if segments[0] in SECTIONS else OTHER


_cache: dict[str | None, SitePaths] = {}


def site_paths() -> SitePaths:
    source = os.environ.get(SITEMAP_ENV) or None
    if source not in _cache:
        _cache[source] = SitePaths(source)
    return _cache[source]
