"""No request leaves for another host: no third-party fonts, scripts, styles, images or API calls.

A visitor's browser tells every host it fetches from which page they read. Links (<a href>) and
<link rel="canonical|alternate"> are content, not requests, and are left alone. A form's action is where what
the visitor types goes: it must be first-party too. The office's participation service (extra.service_url in
mkdocs.yml) is first-party: its forms post there and the forms script (data-service) counts visits there.

Every file of the site is read, each by what makes a browser (or a feed reader) fetch from it: HTML and SVG by
their elements, CSS by url() and @import, scripts (and pages' inline scripts) by the addresses written in them,
source maps by the sources they name and the code they carry, XML by its stylesheet and the HTML of feed
entries, web app manifests by their icons. Data files (JSON, CSV, text) and binary files name addresses for
people to read, never fetched by themselves: they are counted, not searched.
"""
from __future__ import annotations

import html as html_lib
import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from .data import load_yaml
from .html import parse, snippet
from .report import CheckResult, Finding
from .site import Site

NAME = "privacy"

# <link rel> values that make the browser fetch (or open a connection to) the href.
FETCHING_RELS = {"stylesheet", "preconnect", "preload", "dns-prefetch", "icon", "shortcut", "apple-touch-icon",
                 "apple-touch-icon-precomposed", "mask-icon", "manifest", "modulepreload", "prefetch", "prerender"}
SRC_ATTRS = [("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
             ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("iframe", "src"),
             ("embed", "src"), ("object", "data"), ("input", "src"), ("image", "href"), ("use", "href"),
             ("script", "data-service")]
# SVG files: what an SVG makes the browser fetch (html.parser lower-cases the names). <a href> is a link.
SVG_ATTRS = [(tag, attr) for tag in ("image", "use", "feimage", "script") for attr in ("href", "xlink:href")] + \
    [("script", "src")]
# Where a submitted form sends what the visitor typed.
FORM_ATTRS = [("form", "action"), ("button", "formaction"), ("input", "formaction")]
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(?:url\(\s*)?(['"])([^'"]+)\3""", re.I)
# A quoted address whose host is written out: "https://host/…", 'http://host', `//host/…`.
# Template literals with the host in ${…} are built at run time; see `triggers` in privacy_loaders.yml.
JS_URL = re.compile(r"""(["'`])((?:https?:)?//[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"""
                    r"""(?::\d+)?(?:[/?#][^"'`\s]*)?)\1?""")
# Developer tools fetch the map a script or stylesheet names.
SOURCE_MAPPING_URL = re.compile(r"[#@]\s*sourceMappingURL=(\S+?)\s*(?:\*/)?\s*$", re.M)
# Inline <script> types that are code (JSON-LD and the theme's JSON config are data).
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
XML_STYLESHEET = re.compile(r"<\?xml-stylesheet\b[^?]*?\bhref\s*=\s*(['\"])([^'\"]+)\1", re.I)
# What feed readers fetch from a feed by themselves: the HTML of an entry, its enclosures, the channel's image.
FEED_HTML = re.compile(r"<(description|summary|content(?::encoded)?)\b[^>]*>(.*?)</\1>", re.S | re.I)
FEED_FETCH = re.compile(r"<(?:enclosure|media:content|media:thumbnail|itunes:image|link\b[^>]*rel=['\"]enclosure)"
                        r"\b[^>]*?\b(?:url|href)\s*=\s*(['\"])([^'\"]+)\1|<(?:url|icon|logo)>\s*([^<\s]+)\s*<", re.I)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs")
XML_SUFFIXES = (".xml", ".rss", ".atom", ".xsl", ".xslt")
MANIFEST_SUFFIXES = (".webmanifest",)


class Privacy:
    def __init__(self, site: Site):
        self.site = site
        self.result = CheckResult(NAME)
        cfg = load_yaml("privacy_loaders.yml") or {}
        self.loaders = cfg.get("loaders") or []
        self.triggers = cfg.get("triggers") or []
        self.identifiers = set(cfg.get("identifiers") or [])
        # The loaders whose address a script of this site names: only those can be triggered by a page.
        self.named_loaders: list[dict] = []
        self.files_read: dict[str, int] = {}

    def third_party(self, url: str) -> str | None:
        """The foreign host a URL would be fetched from, or None for the site's own files."""
        url = url.strip()
        if not re.match(r"(?i)(https?:)?//", url):
            return None  # relative, data:, blob:, fragments: the site's own or no request at all
        try:
            host = (urlsplit(url if not url.startswith("//") else "https:" + url).hostname or "").lower()
        except ValueError:
            return None  # not an address a browser could fetch
        return host if host and host not in self.site.first_party_hosts else None

    def add(self, page, rule, message, element, line=None, severity="error") -> None:
        self.result.findings.append(Finding(NAME, page, rule, message, element, line, severity=severity))

    def check_html(self, path) -> None:
        page = self.site.page_of(path)
        soup = parse(path)
        self.check_soup(page, soup)
        for script in soup.find_all("script", src=False):
            if (script.get("type") or "").strip().lower() in JS_TYPES and script.string:
                self.check_js_text(page, script.string, (script.sourceline or 1) - 1)
        for entry in self.triggers + [e for e in self.loaders if e in self.named_loaders]:
            if entry.get("selector"):
                for tag in soup.select(entry["selector"]):
                    self.add(page, "third-party-request", entry["why"], snippet(tag), tag.sourceline)

    def check_soup(self, page, soup, base_line=0, where="The page") -> None:
        """The elements of HTML (a page, or a feed entry's HTML from line base_line + 1) that fetch."""
        def line(tag):
            return (tag.sourceline or 1) + base_line
        for link in soup.find_all("link", href=True):
            rels = {r.lower() for r in (link.get("rel") or [])}
            if rels & FETCHING_RELS and (host := self.third_party(link["href"])):
                self.add(page, "third-party-request", f"{where} makes every visitor's browser contact {host} "
                         f"(<link rel=\"{' '.join(sorted(rels))}\">).", snippet(link), line(link))
        for tag_name, attr in SRC_ATTRS:
            for tag in soup.find_all(tag_name, attrs={attr: True}):
                urls = [p.strip().split()[0] for p in tag[attr].split(",") if p.strip()] if attr == "srcset" \
                    else [tag[attr]]
                for url in urls:
                    if host := self.third_party(url):
                        self.add(page, "third-party-request", f"{where} loads <{tag_name} {attr}> from {host}.",
                                 snippet(tag), line(tag))
        for tag_name, attr in FORM_ATTRS:
            for tag in soup.find_all(tag_name, attrs={attr: True}):
                if host := self.third_party(tag[attr]):
                    self.add(page, "third-party-form", f"The form sends what visitors type to {host}.",
                             snippet(tag), line(tag))
        for tag in soup.find_all(style=True):
            self.check_css_text(page, tag["style"], snippet(tag), line(tag))
        for tag in soup.find_all("style"):
            self.check_css_text(page, tag.get_text(), "<style>", line(tag))

    def check_css_text(self, page, text, element=None, base_line=None) -> None:
        for m in CSS_URL.finditer(text):
            url = m.group(2) or m.group(4) or ""
            if host := self.third_party(url):
                line = (base_line or 1) + text.count("\n", 0, m.start()) if base_line else \
                    text.count("\n", 0, m.start()) + 1
                self.add(page, "third-party-css", f"The stylesheet fetches {url} from {host}.", element or m.group(0),
                         line)
        self.check_source_mapping_url(page, text)

    def check_source_mapping_url(self, page, text) -> None:
        for m in SOURCE_MAPPING_URL.finditer(text):
            if host := self.third_party(m.group(1)):
                self.add(page, "third-party-source-map", f"The file names its source map at {host}: developer "
                         "tools fetch it.", m.group(0).strip(), text.count("\n", 0, m.start()) + 1)

    def script_urls(self, text):
        """(address, host, offset) of each quoted third-party address in script text, namespaces left out."""
        # "https:\/\/host" is how JSON inside scripts writes an address: read it like a plain one.
        text = text.replace("\\/", "/")
        for m in JS_URL.finditer(text):
            url = m.group(2)
            host = self.third_party(url)
            if host and url not in self.identifiers:
                yield url, host, m.start(), text

    def check_js_text(self, page, text, base_line=0) -> None:
        for url, host, start, unescaped in self.script_urls(text):
            line = base_line + unescaped.count("\n", 0, start) + 1
            context = unescaped[max(0, start - 60): start + len(url) + 20].replace("\n", " ")
            loader = next((e for e in self.loaders if re.search(e["url"], url)), None)
            if loader is None:
                self.add(page, "third-party-script-url", f"The script contains the address {url}: if it fetches "
                         f"it, every visitor's browser contacts {host}.", context, line)
            elif loader.get("browser"):
                self.add(page, "third-party-script-url", f"{loader['why']} Fetched by: {loader['browser']}.",
                         context, line, severity="warning")
            elif loader not in self.named_loaders:
                # a loader with a selector is reported on the pages that trigger it (check_html)
                self.named_loaders.append(loader)
        self.check_source_mapping_url(page, text)

    def check_js(self, path) -> None:
        self.check_js_text(self.site.rel(path), path.read_text(encoding="utf-8", errors="replace"))

    def check_source_map(self, path) -> None:
        """A source map is fetched by developer tools, with the sources it names that it does not carry. The code
        it carries is the script before any patch of the build: an address in it is reported as in a script,
        with no loader excused (a map is never run, so nothing triggers it: it only names the host)."""
        page = self.site.rel(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            data = json.loads(text)
        except ValueError:
            self.add(page, "unreadable-source-map", "The source map is not JSON: the check cannot tell what it "
                     "makes developer tools fetch.", text[:80], 1)
            return
        if not isinstance(data, dict):
            return
        root = data.get("sourceRoot") or ""
        sources = [s for s in data.get("sources") or [] if isinstance(s, str)]
        # A third-party root makes every source come from there: reported once.
        for name in [root] if self.third_party(root) else sources:
            if host := self.third_party(name):
                self.add(page, "third-party-source-map", f"The source map names {name}: developer tools fetch "
                         f"it from {host}.", name, self.line_of(text, name))
        contents = data.get("sourcesContent") or []
        for name, content in zip(sources + [""] * len(contents), contents):
            if not isinstance(content, str):
                continue
            for url, host, start, unescaped in self.script_urls(content):
                line = unescaped.count("\n", 0, start) + 1
                self.add(page, "third-party-script-url", f"The source map carries {name or 'a source'}, whose "
                         f"line {line} has the address {url} (host {host}): the published code names a third "
                         "party.", unescaped[max(0, start - 60): start + len(url) + 20].replace("\n", " "),
                         self.line_of(text, url))

    @staticmethod
    def line_of(text: str, needle: str) -> int:
        at = text.find(needle)
        if at < 0:
            at = text.find(needle.replace("/", "\\/"))
        return text.count("\n", 0, max(at, 0)) + 1

    def check_svg(self, path) -> None:
        page = self.site.rel(path)
        soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser")
        for tag_name, attr in SVG_ATTRS:
            for tag in soup.find_all(tag_name, attrs={attr: True}):
                if host := self.third_party(tag[attr]):
                    self.add(page, "third-party-request", f"The image loads <{tag_name} {attr}> from {host}.",
                             snippet(tag), tag.sourceline)
        for tag in soup.find_all(style=True):
            self.check_css_text(page, tag["style"], snippet(tag), tag.sourceline)
        for tag in soup.find_all("style"):
            self.check_css_text(page, tag.get_text(), "<style>", tag.sourceline)
        for tag in soup.find_all("script", src=False):
            if tag.string:
                self.check_js_text(page, tag.string, (tag.sourceline or 1) - 1)

    def check_xml(self, path) -> None:
        page = self.site.rel(path)
        text = path.read_text(encoding="utf-8", errors="replace")

        def line(at):
            return text.count("\n", 0, at) + 1
        for m in XML_STYLESHEET.finditer(text):
            if host := self.third_party(m.group(2)):
                self.add(page, "third-party-request", f"A browser opening the file fetches its stylesheet from "
                         f"{host}.", m.group(0), line(m.start()))
        for m in FEED_FETCH.finditer(text):
            url = m.group(2) or m.group(3) or ""
            if host := self.third_party(url):
                self.add(page, "third-party-request", f"Feed readers fetch {url} from {host}.", m.group(0)[:200],
                         line(m.start()))
        for m in FEED_HTML.finditer(text):
            body = m.group(2).strip()
            if body.startswith("<![CDATA["):
                body = body[9:].removesuffix("]]>")
            else:
                body = html_lib.unescape(body)
            if "<" in body:
                self.check_soup(page, BeautifulSoup(body, "html.parser"), line(m.start(2)) - 1,
                                where="A feed entry (shown by feed readers)")

    def check_manifest(self, path) -> None:
        page = self.site.rel(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            data = json.loads(text)
        except ValueError:
            return
        if not isinstance(data, dict):
            return
        images = list(data.get("icons") or []) + list(data.get("screenshots") or [])
        for shortcut in data.get("shortcuts") or []:
            images += (shortcut.get("icons") or []) if isinstance(shortcut, dict) else []
        for image in images:
            src = image.get("src") if isinstance(image, dict) else None
            if isinstance(src, str) and (host := self.third_party(src)):
                self.add(page, "third-party-request", f"The web app manifest makes the browser fetch an icon from "
                         f"{host}.", src, self.line_of(text, src))

    def is_manifest(self, path: Path) -> bool:
        if path.suffix in MANIFEST_SUFFIXES:
            return True
        return path.suffix == ".json" and path.name in ("manifest.json", "site.webmanifest.json")

    def check_file(self, path: Path) -> None:
        suffix = path.suffix.lower()
        kind = ("html" if suffix in HTML_SUFFIXES else "css" if suffix == ".css" else
                "map" if suffix == ".map" else "script" if suffix in SCRIPT_SUFFIXES else
                "svg" if suffix == ".svg" else "xml" if suffix in XML_SUFFIXES else
                "manifest" if self.is_manifest(path) else "data or binary")
        self.files_read[kind] = self.files_read.get(kind, 0) + 1
        if kind == "html":
            self.check_html(path)
        elif kind == "css":
            self.check_css_text(self.site.rel(path), path.read_text(encoding="utf-8", errors="replace"))
        elif kind == "map":
            self.check_source_map(path)
        elif kind == "script":
            self.check_js(path)
        elif kind == "svg":
            self.check_svg(path)
        elif kind == "xml":
            self.check_xml(path)
        elif kind == "manifest":
            self.check_manifest(path)


def run(site: Site) -> CheckResult:
    start = time.monotonic()
    checker = Privacy(site)
    files = sorted(p for p in site.root.rglob("*") if p.is_file())
    # Scripts first: a page's Mermaid diagram or GitHub link is a request only if a script names the loader.
    first = [p for p in files if p.suffix.lower() in SCRIPT_SUFFIXES]
    for path in first + [p for p in files if p.suffix.lower() not in SCRIPT_SUFFIXES]:
        checker.check_file(path)
    checker.result.pages_checked = len(site.pages)
    checker.result.notes.append(f"read {len(files)} files: " + ", ".join(
        f"{n} {kind}" for kind, n in sorted(checker.files_read.items())))
    checker.result.seconds = time.monotonic() - start
    return checker.result
