"""What a page says, for the search index: its title, its headings and its body text, as the built page shows it.

Only the page's own content is read (the element with id="main-content"); lists of other pages (news listings,
the latest news, the site map) and the share and date lines are left out, so that a listing never outranks
the page it lists.

The page's Markdown part is not parsed again from the built HTML: the Markdown extension below keeps what
Python-Markdown's tree holds (its elements, in order, as the HTML parser would meet them), and page_text() reads
only the template's HTML around it (an item's title and date line, Material's h1, the page footer). The same reader
takes both, so the text is the one a full parse gives (tests/search/test_extract.py compares them on every page).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

ROOT_ID = "main-content"
SKIPPED_TAGS = {"script", "style", "nav", "svg", "button", "form", "template", "noscript", "select", "textarea"}
SKIPPED_CLASSES = {"changwat-listing", "changwat-latest", "changwat-pagination", "changwat-feeds",
                   "changwat-share", "changwat-updated", "changwat-sitemap", "changwat-item__meta",
                   "headerlink", "md-source-file", "changwat-visually-hidden"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK_TAGS = {"p", "div", "li", "tr", "td", "th", "dt", "dd", "blockquote", "pre", "table", "ul", "ol", "dl",
              "section", "article", "details", "summary", "figure", "figcaption", "br", "hr", "caption"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The kit's page footer (site/page-footer.html: the date line, the share links) closes the page's content and is all
# skipped, yet its share links (the page's address and title, percent-encoded) are most of the bytes to parse:
# reading stops where it starts. Looked for only after the page's Markdown part, where no officer's text can be.
FOOTER_STARTS = ('<p class="changwat-updated"', '<section class="changwat-share"')
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


# What the Markdown part of a page holds, as the HTML parser would meet it: ("<", tag, attrs), (">", tag),
# ("", text), or ("raw", html) for the HTML Python-Markdown keeps aside and puts back after the tree (raw HTML
# blocks, highlighted code).
Events = list[tuple]


def _events(root: etree.Element, md) -> Events:
    events: Events = []
    stash = md.htmlStash.rawHtmlBlocks

    def unstash(match: re.Match) -> str:  # as Python-Markdown's RawHtmlPostprocessor, placeholders in raw HTML too
        kept = stash[int(match.group(1))]
        return HTML_PLACEHOLDER_RE.sub(unstash, kept if isinstance(kept, str) else md.serializer(kept))

    def text(data: str | None) -> None:
        if not data:
            return
        data = data.replace(AMP_SUBSTITUTE, "&")
        at = 0
        for placeholder in HTML_PLACEHOLDER_RE.finditer(data):
            if placeholder.start() > at:
                events.append(("", data[at:placeholder.start()]))
            events.append(("raw", unstash(placeholder)))
            at = placeholder.end()
        if at < len(data):
            events.append(("", data[at:]))

    def walk(element: etree.Element) -> None:
        if not isinstance(element.tag, str):  # a comment: the HTML parser reads none of it
            return
        events.append(("<", element.tag, list(element.items())))
        text(element.text)
        for child in element:
            walk(child)
            text(child.tail)
        if element.tag not in VOID_TAGS:
            events.append((">", element.tag))

    text(root.text)
    for child in root:  # the root is Python-Markdown's own <div>, not in the page
        walk(child)
        text(child.tail)
    return events


class _Keep(Treeprocessor):
    def __init__(self, md, extension: "PageTextExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.extension.events = _events(root, self.md)


class PageTextExtension(Extension):
    """Keeps the events of the page Python-Markdown converted last (MkDocs converts one page at a time)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.events: Events | None = None

    def extendMarkdown(self, md):
        # Last of all tree processors: after the inline ones, toc's ids and headerlinks, and unescaping.
        md.treeprocessors.register(_Keep(md, self), "changwat_page_text", -100)

    def take(self) -> Events | None:
        events, self.events = self.events, None
        return events


def _replay(reader: _Reader, events: Events) -> None:
    for event in events:
        kind = event[0]
        if kind == "":
            reader.handle_data(event[1])
        elif kind == "<":
            reader.handle_starttag(event[1], event[2])
        elif kind == ">":
            reader.handle_endtag(event[1])
        else:
            reader.feed(event[1])
            reader.close()  # delivers the text it holds back until the next tag


def page_text(html: str, content: str | None = None, events: Events | None = None) -> PageText:
    """The searchable text of one built page; empty when the page has no main content (e.g. a redirect).

    With `content` (the page's HTML from Markdown, as the template put it in) and its `events`, that part is
    taken from the events rather than parsed again."""
    # Material's navigation makes up most of a page: parse only from the root's tag to the end of the article.
    found = html.find(f'id="{ROOT_ID}"')
    if found == -1:
        return PageText()
    start = html.rfind("<", 0, found)
    end = html.find("</article>", found)
    end = end if end != -1 else len(html)
    reader = _Reader()
    inner = html.find(content, start, end) if content and events is not None else -1
    if inner == -1:
        reader.feed(html[start:end])
    else:
        reader.feed(html[start:inner])
        reader.close()
        _replay(reader, events)
        after = inner + len(content)
        footer = [at for at in (html.find(mark, after, end) for mark in FOOTER_STARTS) if at != -1]
        reader.feed(html[after:min(footer, default=end)])
    reader.close()
    lines = (_clean(line) for line in "".join(reader.parts).split("\n"))
    reader.page.body = "\n".join(line for line in lines if line)
    return reader.page
