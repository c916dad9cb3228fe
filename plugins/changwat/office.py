"""The office's details, written once in mkdocs.yml `extra.office` and read everywhere in the page's language."""

from __future__ import annotations

import re
from typing import Any

from .problems import Problem

PLACEHOLDER = re.compile(r"\{\{\s*office\.([a-z_]+)\s*\}\}")


def localise(value: Any, lang: str, default: str = "th") -> Any:
    """{'th': ..., 'en': ...} becomes the language's value; plain values are the same in every language."""
    if isinstance(value, dict) and default in value:
        return value.get(lang, value[default])
    if isinstance(value, dict):
        return {k: localise(v, lang, default) for k, v in value.items()}
    if isinstance(value, list):
        return [localise(v, lang, default) for v in value]
    return value


def fill_placeholders(
    markdown: str, office: dict, lang: str, shown_path: str, line_offset: int = 0
) -> tuple[str, list[Problem]]:
    """line_offset: lines of front matter above the Markdown, so reported lines match the file."""
    problems: list[Problem] = []

    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key not in office or isinstance(office[key], list):
            line = line_offset + markdown.count("\n", 0, match.start()) + 1
            known = ", ".join(k for k, v in office.items() if not isinstance(v, list))
            problems.append(Problem(
                file=shown_path, line=line, field=f"office.{key}",
                what_th=f"ไม่มีข้อมูลสำนักงานชื่อ office.{key} ใน mkdocs.yml",
                what_en=f"There is no office detail called office.{key} in mkdocs.yml.",
                fix_th=f"ใช้ชื่อที่มีอยู่ ({known}) หรือเพิ่ม {key} ใต้ extra.office ใน mkdocs.yml",
                fix_en=f"Use one of the known names ({known}) or add {key} under extra.office in mkdocs.yml.",
            ))
            return match.group(0)
        return str(localise(office[key], lang))

    return PLACEHOLDER.sub(replace, markdown), problems
