"""Split a Markdown file into its YAML front matter and body, as MkDocs does, without importing MkDocs.

MkDocs' own reader swallows every YAML error and publishes the front matter as text; the kit reads each file
here first, so that any front matter MkDocs would not understand stops the build with the file and line.
"""

from __future__ import annotations

import re

import yaml

from changwat.core.problems import Problem

# libyaml's loader when PyYAML has it: the same types as yaml.safe_load, several times faster, and every dated
# item's front matter is read on every build.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
OPENING = re.compile(r"^-{3}[ \t]*\n")


class LOADER(_BASE_LOADER):
    """The safe loader, except that a date the calendar does not have (2026-13-45, 2567-02-29 written with a
    Buddhist-era year) stays text: PyYAML raises a bare ValueError for it, with no line, and the date checks
    then say what is wrong with it."""


def _timestamp_or_text(loader, node):
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


LOADER.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


class FrontMatterError(Exception):
    def __init__(self, line: int | None, reason: str):
        super().__init__(reason)
        self.line, self.reason = line, reason

    def problem(self, shown_path: str) -> Problem:
        return Problem(
            file=shown_path, line=self.line, field="front matter",
            what_th=f"อ่านส่วนหัวของไฟล์ (ระหว่างเส้น ---) ไม่ได้: {self.reason}",
            what_en=f"The front matter (between the --- lines) cannot be read: {self.reason}",
            fix_th="ตรวจเครื่องหมายคำพูดที่เปิดแล้วไม่ได้ปิด และใส่ข้อความที่มีเครื่องหมาย : หรือ # ไว้ใน \"...\"",
            fix_en="Look for a quote that is opened but not closed, and put a text with ':' or '#' in \"...\".",
        )


def split_front_matter(source: str) -> tuple[dict, str]:
    """Raises FrontMatterError, with the file's line, when the YAML cannot be read or is not a list of
    'name: value' lines (MkDocs would then show it as text)."""
    match = FRONT_MATTER.match(source)
    if not match:
        if OPENING.match(source):
            raise FrontMatterError(1, "the opening --- line has no closing --- line / ไม่มีเส้น --- ปิดท้าย")
        return {}, source
    try:
        meta = yaml.load(match.group(1), Loader=LOADER)
    except yaml.YAMLError as e:
        # Where the broken value starts (an unclosed quote's opening line) tells the officer more than where
        # the parser gave up.
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        # +2: the mark counts from 0 inside the YAML, which starts on the line after the opening ---.
        raise FrontMatterError(mark.line + 2 if mark else None, getattr(e, "problem", None) or str(e)) from None
    except Exception as e:  # noqa: BLE001 - anything else the parser trips on (a nesting too deep) is the file's
        raise FrontMatterError(2, type(e).__name__) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(2, "each line must be 'name: value' / ทุกบรรทัดต้องเป็น ชื่อ: ค่า")
    return meta, source[match.end():]
