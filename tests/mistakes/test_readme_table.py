"""Each row of the README's table of officer mistakes is a test: the mistake is made on the mini site, and the
build gives the row's message (Thai and English) at the row's file and line, with no traceback, and leaves the
previous site/ untouched; a draft builds but is published nowhere."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from changwat.core.thai_dates import BANGKOK
from changwat.sections.new_item import create
from conftest import ROOT, mkdocs_build
from minisite_builds import good_minisite, site_copy, tree_digest  # noqa: F401 (fixtures)

ITEM = "news/2026-11-20-flood-relief.md"


def table_rows() -> list[dict]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- officer-mistakes:", 1)[1].split("\n\n", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in re.split(r"(?<!\\)\|", lines[0])[1:-1]]
    rows = []
    for line in lines[2:]:
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append(dict(zip(header, cells)))
    return rows


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    """The mini site's home page ends on line 9; the appended paragraph starts on line 11."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text, encoding="utf-8")


def new_item(docs: Path) -> None:
    create(docs, "news", "bags", dt.datetime(2026, 11, 30, 10, 0, tzinfo=BANGKOK))


# Row number -> the mistake, made on the mini site's docs/ folder.
MISTAKES = {
    "1": lambda d: edit(d / "th/index.md", "title: หน้าแรก", 'title: "หน้าแรก'),
    "2": lambda d: edit(d / "th" / ITEM, "title: จังหวัด", 'title: "จังหวัด'),
    "3": lambda d: [edit(d / lang / ITEM, "date: 2026-11-20 09:30", "date: 2026-13-45") for lang in ("th", "en")],
    "4": lambda d: [edit(d / lang / ITEM, "date: 2026-11-20", "date: 2569-11-20") for lang in ("th", "en")],
    "5": lambda d: edit(d / "en" / ITEM, "date: 2026-11-20 09:30", "date: 2026-11-21 09:30"),
    "6": new_item,
    "7": lambda d: (new_item(d), [edit(d / lang / "news/2026-11-30-bags.md", "draft: true\n", "")
                                  for lang in ("th", "en")]),
    "8": lambda d: append(d / "th/index.md", "อ่าน[ประวัติจังหวัด](/th/about/history/)\n"),
    "9": lambda d: append(d / "th/index.md", "อ่าน[ข่าวน้ำท่วม](news/index.md#flood)\n"),
    "10": lambda d: [(d / lang / "about.md").write_text("---\ntitle: About\n---\n\n# About\n", encoding="utf-8")
                     for lang in ("th", "en")],
    "11": lambda d: append(d / "th" / ITEM, "### รายละเอียด\n\nแจกที่ศาลากลาง\n"),
    "12": lambda d: append(d / "th/index.md", "| วัน | เวลา |\n| จันทร์ | 08.30 |\n"),
}

ROWS = table_rows()


def test_every_row_of_the_table_has_a_mistake_to_make():
    assert [row["#"] for row in ROWS] == list(MISTAKES)


@pytest.mark.parametrize("row", ROWS, ids=[f"row{row['#']}" for row in ROWS])
def test_the_mistake_gets_the_message_of_its_row(row, site_copy):
    before = tree_digest(site_copy / "site")
    MISTAKES[row["#"]](site_copy / "docs")
    result = mkdocs_build(site_copy / "mkdocs.yml", site_copy / "site")
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    for expected in (row["Where"].strip("`"), row["ข้อความ (ไทย)"], row["Message (English)"]):
        assert expected in output, f"{expected!r} not in:\n{output[-3000:]}"
    if row["ผล / Result"] == "stops":
        assert result.returncode != 0
        assert "How to fix:" in output and "วิธีแก้:" in output
        assert tree_digest(site_copy / "site") == before
    else:
        assert row["ผล / Result"] == "not published"
        assert result.returncode == 0, output[-3000:]
        site = site_copy / "site"
        assert not (site / "news/2026-11-30-bags").exists() and not (site / "en/news/2026-11-30-bags").exists()
        published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                            if p.is_file() and p.suffix in (".html", ".xml", ".json"))
        assert "2026-11-30-bags" not in published and "หัวข้อ (แก้ไข)" not in published
        assert "flood-relief" in published     # the good item is still there


def test_all_mistakes_are_reported_in_one_round(site_copy):
    before = tree_digest(site_copy / "site")
    for number in ("1", "3", "2", "8", "10", "11", "12"):
        MISTAKES[number](site_copy / "docs")
    result = mkdocs_build(site_copy / "mkdocs.yml", site_copy / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    rows = {row["#"]: row for row in ROWS}
    assert output.count("The front matter (between the --- lines) cannot be read") == 2
    for number in ("3", "8", "10", "11", "12"):
        assert rows[number]["Message (English)"] in output, (number, output[-4000:])
    assert tree_digest(site_copy / "site") == before
