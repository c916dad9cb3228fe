"""What a page says, for the search index: its title, its headings and its body text, from the built HTML.

Only the page's own content is read (the element with id="main-content"); lists of other pages (news listings,
the latest news, the site map) and the share and date lines are left out, so that a listing never outranks
the page it lists.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

ROOT_ID = "main-content"
SKIPPED_TAGS = {"script", "style", "nav", "svg", "button", "form", "template", "noscript", "select", "textarea"}
SKIPPED_CLASSES = {"changwat-listing", "changwat-latest", "changwat-pagination", "changwat-feeds",
                   "changwat-share", "changwat-updated", "changwat-sitemap", "changwat-item__meta",
                   "headerlink", "md-source-file", "changwat-visually-hidden"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK_TAGS = {"p", "div", "li", "tr", "td", "th", "dt", "dd", "blockquote", "pre", "table", "ul", "ol", "dl",
              "section", "article", "details", "summary", "figure", "figcaption", "br", "hr", "caption"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass
class PageText:
    title: str = ""
    headings: list[str] = field(default_factory=list)
    body: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0          # open elements inside the root; 0 = outside it
        self.skip_depth = 0     # depth at which a skipped subtree started; 0 = not skipping
        self.heading: list[str] | None = None
        self.heading_tag = ""
        self.parts: list[str] = []
        self.page = PageText()

    def updatepos(self, i, j):
        # The parser's line and column count (a tenth of its time here): nothing of this reader reports a position.
        return j

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth == 0:
            if attrs.get("id") == ROOT_ID:
                self.depth = 1
            return
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS and not self.skip_depth:
                self.parts.append("\n")
            return
        self.depth += 1
        classes = set((attrs.get("class") or "").split())
        if not self.skip_depth and (tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES or "hidden" in attrs):
            self.skip_depth = self.depth
        if self.skip_depth:
            return
        if tag in HEADINGS:
            self.heading, self.heading_tag = [], tag
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.depth == 0 or tag in VOID_TAGS:
            return
        if self.skip_depth:
            if self.depth == self.skip_depth:
                self.skip_depth = 0
        elif tag in HEADINGS and self.heading is not None:
            text = _clean("".join(self.heading))
            if text:
                if tag == "h1" and not self.page.title:
                    self.page.title = text
                else:
                    self.page.headings.append(text)
            self.heading = None
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
        self.depth -= 1

    def handle_data(self, data):
        if self.depth == 0 or self.skip_depth:
            return
        if self.heading is not None:
            self.heading.append(data)
        else:
            self.parts.append(data)


def _clean(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def page_text(html: str) -> PageText:
    """The searchable text of one built page; empty when the page has no main content (e.g. a redirect)."""
    # Material's navigation makes up most of a page: parse only from the root's tag to the end of the article.
    found = html.find(f'id="{ROOT_ID}"')
    if found == -1:
        return PageText()
    end = html.find("</article>", found)
    part = html[html.rfind("<", 0, found): end if end != -1 else len(html)]
    # A preview renders every page again after each edit: the content of those not edited is read once.
    digest = hashlib.blake2b(part.encode("utf-8"), digest_size=16).digest()
    page = _READ.get(digest)
    if page is None:
        page = _read(part)
        if len(_READ) >= MEMORY:
            del _READ[next(iter(_READ))]   # the oldest
        _READ[digest] = page
    return PageText(page.title, list(page.headings), page.body)


MEMORY = 20_000     # pages read, remembered (two languages of a big site); each is its text only
_READ: dict[bytes, PageText] = {}


def _read(part: str) -> PageText:
    reader = _Reader()
    reader.feed(part)
    reader.close()
    lines = (_clean(line) for line in "".join(reader.parts).split("\n"))
    reader.page.body = "\n".join(line for line in lines if line)
    return reader.page
