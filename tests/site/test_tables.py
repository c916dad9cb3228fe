"""Markdown tables scroll inside a focusable region named after the table (changwat.site.tables)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from bs4 import BeautifulSoup

from changwat.site.tables import TablesExtension

TABLE = """| บริการ | ค่าธรรมเนียม | ระยะเวลา | เอกสาร |
|---|---|---|---|
| ทะเบียนพาณิชย์ | 50 บาท | 1 วัน | บัตรประชาชน |
"""


def regions(source: str, word: str = "ตาราง", *extensions) -> list:
    html = markdown.markdown(source, extensions=["tables", *extensions, TablesExtension(table_word=word)])
    return BeautifulSoup(html, "html.parser").select("div.changwat-table")


def test_a_table_is_named_after_its_first_three_header_cells():
    [region] = regions(TABLE)
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-label"] == "ตาราง: บริการ, ค่าธรรมเนียม, ระยะเวลา"
    [table] = region.find_all("table", recursive=False)
    assert table["class"] == ["changwat-table__table"]  # Material's script leaves a table with a class alone


def test_the_word_is_the_pass_language_one():
    assert regions(TABLE, "Table")[0]["aria-label"].startswith("Table: บริการ")


def test_header_text_is_what_a_reader_hears():
    source = "| **ตัว**<abbr>ย่อ</abbr> | R&D \\| &copy; |\n|---|---|\n| 1 | 2 |\n"
    assert regions(source)[0]["aria-label"] == "ตาราง: ตัวย่อ, R&D | ©"


def test_a_table_without_header_text_is_named_by_the_word_alone():
    assert regions("| |\n|---|\n| 1 |\n")[0]["aria-label"] == "ตาราง"


def test_a_caption_names_the_table():
    # Python-Markdown's tables have no caption syntax; an extension that adds one (pymdownx.blocks.caption)
    # puts a <caption> in the tree, as here.
    md = markdown.Markdown(extensions=[TablesExtension(table_word="ตาราง")])
    root = etree.fromstring('<div><table><caption>ค่าธรรมเนียม <em>"ปี 2569"</em></caption>'
                            '<tr><th>ก</th></tr></table></div>')
    md.treeprocessors["changwat_tables"].run(root)
    [region] = root.findall("div")
    assert region.get("aria-label") == 'ค่าธรรมเนียม "ปี 2569"'
    assert region.find("table/caption") is not None


def test_tables_inside_markdown_blocks_are_wrapped_once_each():
    source = f"{TABLE}\n<div markdown>\n\n{TABLE}\n</div>\n"
    found = regions(source, "ตาราง", "md_in_html")
    assert len(found) == 2
    assert all(len(region.find_all("table")) == 1 for region in found)
    assert not any(region.find_parent("div", class_="changwat-table") for region in found)
