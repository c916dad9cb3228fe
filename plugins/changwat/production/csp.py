"""What the built site runs inline, read from its HTML, as the hashes a Content-Security-Policy must allow.

The site applies the citizen's text size and colour mode before the first paint, and Material writes small
scripts of its own into every page, so the pages cannot work with `script-src 'self'` alone. Rather than allow
every inline script ('unsafe-inline'), each distinct inline script is hashed: a script injected into a page has
no matching hash and does not run. Data blocks (`application/json`, `application/ld+json`) are never executed,
so they need no hash. Inline event handlers and `javascript:` links could only be allowed with 'unsafe-hashes';
the kit has none, and one that appears stops the generator with the page that has it."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# https://html.spec.whatwg.org/#javascript-mime-type, plus "module"; anything else in type= is a data block.
SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                "application/x-javascript", "text/ecmascript", "text/jscript", "text/livescript"}


class InlineCodeError(ValueError):
    """A page has inline code a hash cannot allow without 'unsafe-hashes' (event handlers, javascript: URLs)."""


def csp_hash(text: str) -> str:
    """The CSP source expression for an inline element or attribute whose text is exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass
class Inline:
    """Everything inline across the pages read so far: hash -> how many pages use it, and what it starts with."""
    scripts: dict[str, int] = field(default_factory=dict)
    styles: dict[str, int] = field(default_factory=dict)
    style_attributes: dict[str, int] = field(default_factory=dict)
    samples: dict[str, str] = field(default_factory=dict)
    service_origins: set[str] = field(default_factory=set)
    pages: int = 0

    def add(self, kind: dict[str, int], text: str) -> None:
        h = csp_hash(text)
        kind[h] = kind.get(h, 0) + 1
        self.samples.setdefault(h, " ".join(text.split())[:70])


class _Scanner(HTMLParser):
    def __init__(self, found: Inline, page: str):
        # convert_charrefs=False: a script's text is hashed exactly as the browser reads it, entities and all.
        super().__init__(convert_charrefs=False)
        self.found, self.page = found, page
        self.open: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                raise InlineCodeError(f"{self.page}: <{tag} {name}=…> is an inline event handler; "
                                      "attach it from a script file instead")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                raise InlineCodeError(f"{self.page}: <{tag} {name}=\"javascript:…\"> runs inline code; "
                                      "use a button and a script file instead")
            if name == "style" and value is not None:
                self.found.add(self.found.style_attributes, value)
        # The participation forms post to the service and its script talks to it: those origins go in the
        # policy's form-action and connect-src.
        for name in ("action", "data-service"):
            origin = _origin(attributes.get(name))
            if origin:
                self.found.service_origins.add(origin)
        if tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").strip().lower() in SCRIPT_TYPES:
                self.open, self.text = "script", []
        elif tag == "style":
            self.open, self.text = "style", []

    def handle_data(self, data):
        if self.open:
            self.text.append(data)

    def handle_endtag(self, tag):
        if self.open and tag == self.open:
            kind = self.found.scripts if tag == "script" else self.found.styles
            self.found.add(kind, "".join(self.text))
            self.open = None


def _origin(url: str | None) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def scan_html(html: str, found: Inline | None = None, page: str = "<html>") -> Inline:
    found = found if found is not None else Inline()
    scanner = _Scanner(found, page)
    scanner.feed(html)
    scanner.close()
    found.pages += 1
    return found


def scan_site(site: Path) -> Inline:
    """Every HTML file of a built site; raises InlineCodeError naming the first page with unhashable code."""
    site = Path(site)
    pages = sorted(site.rglob("*.html"))
    if not pages:
        raise FileNotFoundError(f"{site} has no HTML pages: build the site first (make build)")
    found = Inline()
    for path in pages:
        scan_html(path.read_text(encoding="utf-8"), found, str(path.relative_to(site)))
    return found
