"""No request leaves for another host: no third-party fonts, scripts, styles, images or API calls.

A visitor's browser tells every host it fetches from which page they read. Links (<a href>) and
<link rel="canonical|alternate"> are content, not requests, and are left alone. A form's action is where what
the visitor types goes: it must be first-party too. The office's participation service (extra.service_url in
mkdocs.yml) is first-party: its forms post there and the forms script (data-service) counts visits there.
"""
from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

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
# Where a submitted form sends what the visitor typed.
FORM_ATTRS = [("form", "action"), ("button", "formaction"), ("input", "formaction")]
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(?:url\(\s*)?(['"])([^'"]+)\3""", re.I)
# A quoted address whose host is written out: "https://host/…", 'http://host', `//host/…`.
# Template literals with the host in ${…} are built at run time; see `triggers` in privacy_loaders.yml.
JS_URL = re.compile(r"""(["'`])((?:https?:)?//[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"""
                    r"""(?::\d+)?(?:[/?#][^"'`\s]*)?)\1?""")


class Privacy:
    def __init__(self, site: Site):
        self.site = site
        self.result = CheckResult(NAME)
        cfg = load_yaml("privacy_loaders.yml") or {}
        self.loaders = cfg.get("loaders") or []
        self.triggers = cfg.get("triggers") or []
        self.identifiers = set(cfg.get("identifiers") or [])

    def third_party(self, url: str) -> str | None:
        """The foreign host a URL would be fetched from, or None for the site's own files."""
        url = url.strip()
        if not re.match(r"(?i)(https?:)?//", url):
            return None  # relative, data:, blob:, fragments: the site's own or no request at all
        host = (urlsplit(url if not url.startswith("//") else "https:" + url).hostname or "").lower()
        return host if host and host not in self.site.first_party_hosts else None

    def add(self, page, rule, message, element, line=None, severity="error") -> None:
        self.result.findings.append(Finding(NAME, page, rule, message, element, line, severity=severity))

    def check_html(self, path) -> None:
        page = self.site.page_of(path)
        soup = parse(path)
        for link in soup.find_all("link", href=True):
            rels = {r.lower() for r in (link.get("rel") or [])}
            if rels & FETCHING_RELS and (host := self.third_party(link["href"])):
                self.add(page, "third-party-request", f"The page makes every visitor's browser contact {host} "
                         f"(<link rel=\"{' '.join(sorted(rels))}\">).", snippet(link), link.sourceline)
        for tag_name, attr in SRC_ATTRS:
            for tag in soup.find_all(tag_name, attrs={attr: True}):
                urls = [p.strip().split()[0] for p in tag[attr].split(",") if p.strip()] if attr == "srcset" \
                    else [tag[attr]]
                for url in urls:
                    if host := self.third_party(url):
                        self.add(page, "third-party-request", f"The page loads <{tag_name} {attr}> from {host}.",
                                 snippet(tag), tag.sourceline)
        for tag_name, attr in FORM_ATTRS:
            for tag in soup.find_all(tag_name, attrs={attr: True}):
                if host := self.third_party(tag[attr]):
                    self.add(page, "third-party-form", f"The form sends what visitors type to {host}.",
                             snippet(tag), tag.sourceline)
        for tag in soup.find_all(style=True):
            self.check_css_text(page, tag["style"], snippet(tag), tag.sourceline)
        for tag in soup.find_all("style"):
            self.check_css_text(page, tag.get_text(), "<style>", tag.sourceline)
        for entry in self.loaders + self.triggers:
            if entry.get("selector"):
                for tag in soup.select(entry["selector"]):
                    self.add(page, "third-party-request", entry["why"], snippet(tag), tag.sourceline)

    def check_css_text(self, page, text, element=None, base_line=None) -> None:
        for m in CSS_URL.finditer(text):
            url = m.group(2) or m.group(4) or ""
            if host := self.third_party(url):
                line = (base_line or 1) + text.count("\n", 0, m.start()) if base_line else \
                    text.count("\n", 0, m.start()) + 1
                self.add(page, "third-party-css", f"The stylesheet fetches {url} from {host}.", element or m.group(0),
                         line)

    def check_js(self, path) -> None:
        page = self.site.rel(path)
        # "https:\/\/host" is how JSON inside scripts writes an address: read it like a plain one.
        text = path.read_text(encoding="utf-8", errors="replace").replace("\\/", "/")
        for m in JS_URL.finditer(text):
            url = m.group(2)
            host = self.third_party(url)
            if not host or url in self.identifiers:
                continue
            line = text.count("\n", 0, m.start()) + 1
            context = text[max(0, m.start() - 60): m.end() + 20].replace("\n", " ")
            loader = next((e for e in self.loaders if re.search(e["url"], url)), None)
            if loader is None:
                self.add(page, "third-party-script-url", f"The script contains the address {url}: if it fetches "
                         f"it, every visitor's browser contacts {host}.", context, line)
            elif loader.get("browser"):
                self.add(page, "third-party-script-url", f"{loader['why']} Fetched by: {loader['browser']}.",
                         context, line, severity="warning")
            # a loader with a selector is reported on the pages that trigger it (check_html)


def run(site: Site) -> CheckResult:
    start = time.monotonic()
    checker = Privacy(site)
    for path in site.pages:
        checker.check_html(path)
    for path in site.files(".css"):
        checker.check_css_text(site.rel(path), path.read_text(encoding="utf-8", errors="replace"))
    for suffix in (".js", ".mjs"):
        for path in site.files(suffix):
            checker.check_js(path)
    checker.result.pages_checked = len(site.pages)
    checker.result.seconds = time.monotonic() - start
    return checker.result
