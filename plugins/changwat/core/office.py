"""The office's details, written once in mkdocs.yml `extra.office`, checked into a typed record and read everywhere
in the page's language."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any

from changwat.core.languages import is_localised, localise, missing_languages
from changwat.core.problems import Problem

PLACEHOLDER = re.compile(r"\{\{\s*office\.([a-z_0-9]+)\s*\}\}")
CONFIG = "mkdocs.yml"

Text = dict  # {'th': ..., 'en': ...} or {'*': ...}


@dataclass(frozen=True)
class SocialLink:
    name: str
    url: str


@dataclass(frozen=True)
class Office:
    """Texts are per language ({'th': ..., 'en': ...}); plain strings are the same in every language."""
    name: Text
    province: Text
    address: Text
    street: Text
    locality: Text
    region: Text
    postal_code: str
    country: str
    phone: str
    phone_e164: str
    email: str
    hours: Text
    fax: str | None = None
    hotline: str | None = None
    map_url: str | None = None
    sample_notice: Text | None = None
    social: tuple[SocialLink, ...] = ()

    def for_language(self, lang: str, default: str) -> dict[str, Any]:
        """The record as templates and placeholders read it: every text in one language."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["social"] = [{"name": s.name, "url": s.url} for s in self.social]
        return localise(values, lang, default)


LOCALISED = {"name", "province", "address", "street", "locality", "region", "hours", "sample_notice"}
REQUIRED = {f.name for f in fields(Office) if f.default is not None and f.name != "social"} - {"fax", "hotline"}


def _problem(key: str, what_th: str, what_en: str, fix_th: str, fix_en: str) -> Problem:
    return Problem(file=CONFIG, field=f"extra.office.{key}" if key else "extra.office", what_th=what_th, what_en=what_en, fix_th=fix_th,
                   fix_en=fix_en)


def parse_office(raw: Any, languages: tuple[str, ...]) -> tuple[Office | None, list[Problem]]:
    """Checks extra.office: every required detail present, texts in every language, social links complete."""
    if not isinstance(raw, dict):
        return None, [_problem("", "ไม่มีข้อมูลสำนักงาน (extra.office) ใน mkdocs.yml",
                               "mkdocs.yml has no office details (extra.office).",
                               "เพิ่ม extra.office: ชื่อ ที่อยู่ โทรศัพท์ อีเมล เวลาทำการ ของสำนักงาน",
                               "Add extra.office with the office's name, address, phone, e-mail and hours.")]
    problems = []
    known = {f.name for f in fields(Office)}
    for key in sorted(set(raw) - known):
        problems.append(_problem(key, f"ไม่รู้จักข้อมูลสำนักงานชื่อ {key}", f"Unknown office detail {key}.",
                                 f"ใช้ชื่อที่รู้จัก: {', '.join(sorted(known))}",
                                 f"Use one of the known names: {', '.join(sorted(known))}."))
    values: dict[str, Any] = {}
    for key in sorted(known):
        value = raw.get(key)
        if value in (None, "", [], {}):
            if key in REQUIRED:
                problems.append(_problem(key, f"ไม่มีข้อมูลสำนักงาน {key}", f"The office detail {key} is missing.",
                                         f"เพิ่ม {key}: ใต้ extra.office ใน mkdocs.yml",
                                         f"Add {key}: under extra.office in mkdocs.yml."))
            continue
        if key == "social":
            links = []
            for index, entry in enumerate(value if isinstance(value, list) else [value], start=1):
                if not (isinstance(entry, dict) and entry.get("name") and entry.get("url")):
                    problems.append(_problem(f"social[{index}]", f"ช่องทางติดตามรายการที่ {index} ไม่ครบ",
                                             f"Social link {index} is incomplete.",
                                             "ทุกรายการต้องมี name: และ url:",
                                             "Every entry needs name: and url:."))
                    continue
                links.append(SocialLink(name=str(entry["name"]), url=str(entry["url"])))
            values[key] = tuple(links)
        elif key in LOCALISED:
            text = value if is_localised(value) else {"*": str(value)}
            for lang in missing_languages(text, languages):
                problems.append(_problem(key, f"ข้อมูล {key} ยังไม่มีภาษา {lang}", f"{key} has no '{lang}' text.",
                                         f"เพิ่ม {lang}: ใต้ extra.office.{key}",
                                         f"Add {lang}: under extra.office.{key}."))
            values[key] = text
        elif isinstance(value, (dict, list)):
            problems.append(_problem(key, f"ข้อมูล {key} ต้องเป็นข้อความเดียว", f"{key} must be a single value.",
                                     f"เขียน {key}: เป็นข้อความบรรทัดเดียว", f"Write {key}: as one line of text."))
        else:
            values[key] = str(value)
    if problems:
        return None, problems
    return Office(**values), []


def fill_placeholders(
    markdown: str, office: dict, shown_path: str, line_offset: int = 0
) -> tuple[str, list[Problem]]:
    """{{ office.phone }} in a page becomes the office's detail in the page's language (office: for_language()).
    line_offset: lines of front matter above the Markdown, so reported lines match the file."""
    problems: list[Problem] = []

    def replace(match: re.Match) -> str:
        key = match.group(1)
        value = office.get(key)
        if value is None or isinstance(value, list):
            line = line_offset + markdown.count("\n", 0, match.start()) + 1
            known = ", ".join(k for k, v in office.items() if v is not None and not isinstance(v, list))
            problems.append(Problem(
                file=shown_path, line=line, field=f"office.{key}",
                what_th=f"ไม่มีข้อมูลสำนักงานชื่อ office.{key} ใน mkdocs.yml",
                what_en=f"There is no office detail called office.{key} in mkdocs.yml.",
                fix_th=f"ใช้ชื่อที่มีอยู่ ({known}) หรือเพิ่ม {key} ใต้ extra.office ใน mkdocs.yml",
                fix_en=f"Use one of the known names ({known}) or add {key} under extra.office in mkdocs.yml.",
            ))
            return match.group(0)
        return str(value)

    return PLACEHOLDER.sub(replace, markdown), problems
