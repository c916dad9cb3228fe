"""Every internal link, image, script and stylesheet resolves to a file of the site; every #fragment exists.

External links are checked for form only: there is no network in CI, and a site must not fail
because someone else's server is down.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .html import ids, parse, snippet
from .report import CheckResult, Finding
from .site import Site

NAME = "links"

# (tag, attribute) pairs that name another resource. srcset holds several URLs.
URL_ATTRS = [
    ("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("img", "srcset"),
    ("source", "src"), ("source", "srcset"), ("script", "src"), ("iframe", "src"), ("embed", "src"),
    ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("object", "data"),
    ("input", "src"), ("form", "action"),
]
NAVIGATION_SCHEMES = {"http", "https", "mailto", "tel"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
BASE = "http://site.invalid"  # a stand-in origin to resolve relative URLs; never fetched


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


class Links:
    def __init__(self, site: Site):
        self.site = site
        self.result = CheckResult(NAME)
        self._ids: dict[Path, set[str]] = {}

    def ids_of(self, target: Path) -> set[str]:
        if target not in self._ids:
            self._ids[target] = ids(parse(target)) if target.suffix == ".html" else set()
        return self._ids[target]

    def add(self, page: str, rule: str, message: str, element: str, line=None, severity="error") -> None:
        self.result.findings.append(Finding(NAME, page, rule, message, element, line, severity=severity))

    def check_url(self, page: str, page_url: str, url: str, tag, attr: str) -> None:
        el, line = snippet(tag), getattr(tag, "sourceline", None)
        url = url.strip()
        if url == "":
            if tag.name in ("a", "area"):
                self.add(page, "empty-link", f"The {attr} is empty, so the link goes nowhere.", el, line)
            return
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data" and attr != "href":
            return
        if scheme and scheme not in NAVIGATION_SCHEMES:
            self.add(page, "unsupported-scheme", f"The link uses “{scheme}:”, which visitors' browsers cannot follow "
                     "as a page or file.", el, line)
            return
        if scheme in ("mailto", "tel"):
            self.check_contact(page, scheme, parts.path, el, line)
            return
        if scheme or url.startswith("//"):
            host = (parts.hostname or "").lower()
            try:  # Thai domain names (.ไทย) are valid: judge their punycode form
                ascii_host = host.encode("idna").decode("ascii")
            except UnicodeError:
                ascii_host = ""
            if not HOST.fullmatch(ascii_host) or " " in url:
                self.add(page, "malformed-url", f"“{url}” is not a valid web address.", el, line)
                return
            if host != self.site.own_host:
                return  # someone else's page: not fetched (no network in CI)
            path = parts.path or "/"
        else:
            if url.startswith("#"):
                self.check_fragment(page, None, parts.fragment, tag, el, line)
                return
            path = urlsplit(urljoin(BASE + page_url, url)).path
        target = self.site.resolve(unquote(path))
        if target is None:
            self.add(page, "broken-link", f"“{url}” points to {unquote(path)}, which is not in the site.", el, line)
            return
        if parts.fragment:
            self.check_fragment(page, target, parts.fragment, tag, el, line, url)

    def check_fragment(self, page, target, fragment, tag, el, line, url=None) -> None:
        if fragment == "":
            # A bare "#" goes nowhere; a script-driven control may use it, but then says it is a button.
            if tag.get("role") != "button" and tag.name in ("a", "area"):
                self.add(page, "empty-fragment", "The link points to “#”, which goes nowhere.", el, line)
            return
        target = target or self.site.root / (self.page_file(page))
        if fragment == "top" or unquote(fragment) == "top":
            return  # "#top" scrolls to the top of the page by the HTML standard, with or without an id
        known = self.ids_of(target)
        if fragment not in known and unquote(fragment) not in known:
            where = "this page" if url is None else self.site.page_of(target) or "the home page"
            self.add(page, "missing-fragment", f"“#{unquote(fragment)}” is not an id on {where}, so the link "
                     "does not jump anywhere.", el, line)

    def page_file(self, page: str) -> str:
        return page + "index.html" if page == "" or page.endswith("/") else page

    def check_contact(self, page, scheme, value, el, line) -> None:
        value = unquote(value)
        # "mailto:?subject=…" (no address: the visitor picks one, as share links do) is valid by RFC 6068.
        if scheme == "mailto" and value and not re.fullmatch(r"[^@\s,]+@[^@\s,]+\.[^@\s,]+(,[^@\s,]+@[^@\s,]+\.[^@\s,]+)*", value):
            self.add(page, "malformed-url", f"“mailto:{value}” is not a valid e-mail address.", el, line)
        if scheme == "tel" and not re.fullmatch(r"\+?[0-9][0-9 ()\-.]{1,30}", value):
            self.add(page, "malformed-url", f"“tel:{value}” is not a valid telephone number.", el, line)

    def check_page(self, path: Path) -> None:
        page = self.site.page_of(path)
        page_url = self.site.base_path + self.site.rel(path)
        soup = parse(path)
        for tag_name, attr in URL_ATTRS:
            for tag in soup.find_all(tag_name, attrs={attr: True}):
                if tag_name == "input" and tag.get("type") != "image":
                    continue
                values = srcset_urls(tag[attr]) if attr == "srcset" else [tag[attr]]
                for url in values:
                    self.check_url(page, page_url, url, tag, attr)

    def check_css(self, path: Path) -> None:
        page = self.site.rel(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in CSS_URL.finditer(text):
            url = (m.group(2) or m.group(4) or "").strip()
            parts = urlsplit(url)
            if not url or parts.scheme or url.startswith(("//", "#")):
                continue  # data: URIs, fragments into SVG filters, other hosts (the privacy check's concern)
            target = self.site.resolve(unquote(urlsplit(urljoin(BASE + self.site.base_path + page, url)).path))
            if target is None:
                line = text.count("\n", 0, m.start()) + 1
                self.add(page, "broken-link", f"The stylesheet refers to “{url}”, which is not in the site.",
                         m.group(0), line)


def run(site: Site) -> CheckResult:
    start = time.monotonic()
    checker = Links(site)
    for path in site.pages:
        checker.check_page(path)
    for path in site.files(".css"):
        checker.check_css(path)
    checker.result.pages_checked = len(site.pages)
    checker.result.seconds = time.monotonic() - start
    return checker.result
