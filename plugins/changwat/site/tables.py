"""Markdown extension `changwat.site.tables`: each table scrolls inside a focusable, labelled region.

Material wraps tables in JavaScript, so without it a wide table would widen the page at 320 px, and its wrapper
cannot be reached by keyboard (axe scrollable-region-focusable). The region is named after the table's caption,
else "<table word>: <its first three header cells>"; the class on the table keeps Material's script from
wrapping it a second time. The site plugin registers the extension and gives it the table word of the pass's
language (data/ui.yml `table`).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

NAME = "changwat.site.tables"
REGION_CLASS = "changwat-table"
TABLE_CLASS = "changwat-table__table"
TAG = re.compile(r"<[^>]+>")


def region_name(caption: str | None, headers: list[str], table_word: str) -> str:
    if caption:
        return caption
    named = [header for header in headers[:3] if header]
    return f"{table_word}: {', '.join(named)}" if named else table_word


class TableRegions(Treeprocessor):
    def __init__(self, md: Markdown, table_word: str):
        super().__init__(md)
        self.table_word = table_word

    def text_of(self, element: etree.Element) -> str:
        """The element's text as a reader hears it: inline HTML (kept aside by Markdown until the end) without
        its tags, escapes and entities resolved."""
        text = "".join(element.itertext())

        def stashed(match: re.Match) -> str:
            raw = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            return html.unescape(TAG.sub("", raw if isinstance(raw, str) else etree.tostring(raw, "unicode")))

        text = HTML_PLACEHOLDER_RE.sub(stashed, text)
        if "unescape" in self.md.treeprocessors:
            text = self.md.treeprocessors["unescape"].unescape(text)
        return " ".join(text.split())

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for table in list(root.iter("table")):
            parent = parents.get(table)
            if parent is None or REGION_CLASS in (parent.get("class") or "").split():
                continue
            caption = table.find("caption")
            name = region_name(
                self.text_of(caption) if caption is not None else None,
                [self.text_of(cell) for cell in table.iter("th")],
                self.table_word,
            )
            region = etree.Element("div", {"class": REGION_CLASS, "role": "region", "tabindex": "0",
                                           "aria-label": name})
            region.tail, table.tail = table.tail, None
            parent.insert(list(parent).index(table), region)
            parent.remove(table)
            region.append(table)
            table.set("class", " ".join(filter(None, [table.get("class"), TABLE_CLASS])))


class TablesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"table_word": ["ตาราง", "The word a table's name starts with (data/ui.yml `table`)."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20) and attr_list (8), so cells hold their final text and attributes.
        md.treeprocessors.register(TableRegions(md, self.getConfig("table_word")), "changwat_tables", 7)


def makeExtension(**kwargs) -> TablesExtension:
    return TablesExtension(**kwargs)
