"""Split a Markdown file into its YAML front matter and body, as MkDocs does, without importing MkDocs."""

from __future__ import annotations

import re

import yaml

from changwat.core.problems import Problem

# libyaml's loader when PyYAML has it: the same types as yaml.safe_load, several times faster, and every dated
# item's front matter is read on every build.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


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
    """Raises FrontMatterError, with the file's line, when the YAML cannot be read."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, source
    try:
        meta = yaml.load(match.group(1), Loader=LOADER) or {}
    except yaml.YAMLError as e:
        # Where the broken value starts (an unclosed quote's opening line) tells the officer more than where
        # the parser gave up.
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        # +2: the mark counts from 0 inside the YAML, which starts on the line after the opening ---.
        raise FrontMatterError(mark.line + 2 if mark else None, getattr(e, "problem", None) or str(e)) from None
    return (meta if isinstance(meta, dict) else {}), source[match.end():]
