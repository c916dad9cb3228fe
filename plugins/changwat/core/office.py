"""The office's details, in their own data file (data/office.yml unless the changwat-site plugin's `office_file`
says otherwise), checked into a typed record with the line of every problem, and read everywhere in the page's
language.

Not in mkdocs.yml: the browser editor rewrites the file it edits, and would drop mkdocs.yml's comments and its
!ENV tags. The Office dataclass's fields are the one definition of each detail (label, hint, form, required when it
has no default): load_office() checks the file against them and the editor builds its form from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from changwat.core.languages import localise
from changwat.core.problems import Problem
from changwat.core.records import RecordReader, compose, required, spec

PLACEHOLDER = re.compile(r"\{\{\s*office\.([a-z_0-9]+)\s*\}\}")
OFFICE_FILE = "data/office.yml"

Text = dict  # {'th': ..., 'en': ...}

HTTPS = (r"^https://\S+$", "ที่อยู่เว็บที่ขึ้นต้นด้วย https://", "an address starting with https://")


@dataclass(frozen=True)
class SocialLink:
    name: str = spec("value", "ชื่อช่องทาง", "Name", "เช่น Facebook, LINE, YouTube", "e.g. Facebook, LINE, YouTube")
    url: str = spec("value", "ลิงก์", "Link", "ที่อยู่เว็บที่ขึ้นต้นด้วย https://", "an address starting with https://",
                    pattern=HTTPS)


@dataclass(frozen=True)
class Office:
    """Texts are per language ({'th': ..., 'en': ...}); values are the same in every language."""
    name: Text = spec("text", "ชื่อสำนักงาน", "Office name")
    province: Text = spec("text", "จังหวัด", "Province")
    address: Text = spec("text", "ที่อยู่เต็ม", "Full address", "แสดงในหน้าติดต่อเราและส่วนท้ายของทุกหน้า",
                         "shown on the contact page and at the foot of every page")
    street: Text = spec("text", "อาคารและถนน", "Building and street", "ส่วนแรกของที่อยู่ (สำหรับเครื่องมือค้นหา)",
                        "the first part of the address (for search engines)")
    locality: Text = spec("text", "อำเภอ", "District")
    region: Text = spec("text", "จังหวัด (ในที่อยู่)", "Province (in the address)")
    postal_code: str = spec("value", "รหัสไปรษณีย์", "Postal code", "ตัวเลข 5 หลัก", "five digits",
                            pattern=(r"^\d{5}$", "ตัวเลข 5 หลัก เช่น 10200", "five digits, e.g. 10200"))
    country: str = spec("value", "รหัสประเทศ", "Country code", "TH", "TH",
                        pattern=(r"^[A-Z]{2}$", "อักษรอังกฤษตัวใหญ่ 2 ตัว เช่น TH", "two capital letters, e.g. TH"))
    phone: str = spec("value", "โทรศัพท์", "Phone", "ตามที่แสดงให้ผู้อ่าน เช่น 0 9999 1234",
                      "as readers see it, e.g. 0 9999 1234")
    phone_e164: str = spec("value", "โทรศัพท์ (รูปแบบสากล)", "Phone (international form)",
                           "+66 ตามด้วยหมายเลขที่ไม่มี 0 ตัวแรก เช่น +6699991234 (ใช้กับลิงก์โทรออก)",
                           "+66 and the number without its first 0, e.g. +6699991234 (used by call links)",
                           pattern=(r"^\+[1-9]\d{6,14}$", "+66 ตามด้วยหมายเลขที่ไม่มี 0 ตัวแรก ไม่มีช่องว่าง เช่น +6699991234",
                                    "+66 and the number without its first 0 and without spaces, e.g. +6699991234"))
    email: str = spec("value", "อีเมล", "E-mail", pattern=(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "อีเมล เช่น saraban@example.go.th",
                                                          "an e-mail address, e.g. saraban@example.go.th"))
    hours: Text = spec("text", "เวลาทำการ", "Opening hours")
    fax: str | None = spec("value", "โทรสาร (ไม่บังคับ)", "Fax (optional)", default=None)
    hotline: str | None = spec("value", "สายด่วน (ไม่บังคับ)", "Hotline (optional)", default=None)
    map_url: str | None = spec("value", "ลิงก์แผนที่ (ไม่บังคับ)", "Map link (optional)", *HTTPS[1:], default=None,
                               pattern=HTTPS)
    sample_notice: Text | None = spec("text", "ข้อความแจ้งว่าข้อมูลยังเป็นตัวอย่าง (ไม่บังคับ)",
                                      "Notice that details are still examples (optional)",
                                      "แสดงบนทุกหน้า ลบออกเมื่อข้อมูลเป็นข้อมูลจริงแล้ว",
                                      "shown on every page; remove it once the details are real", default=None)
    social: tuple[SocialLink, ...] = spec("list", "ช่องทางติดตาม (ไม่บังคับ)", "Social media (optional)", default=(),
                                          record=SocialLink)

    def for_language(self, lang: str, default: str) -> dict[str, Any]:
        """The record as templates and placeholders read it: every text in one language."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["social"] = [{"name": s.name, "url": s.url} for s in self.social]
        return localise(values, lang, default)


def parse_office(text: str, shown: str, languages: tuple[str, ...]) -> tuple[Office | None, list[Problem]]:
    """The file's text checked: every required detail present, texts in every language, values in their form;
    every problem at its line, all in one round."""
    root, problems = compose(text, shown)
    if problems:
        return None, problems
    if root is None:
        root = yaml.MappingNode("tag:yaml.org,2002:map", [])
    reader = RecordReader(shown, languages)
    office = reader.record(Office, root, "", {"th": "ไฟล์ข้อมูลสำนักงาน", "en": "The office's file"})
    return (office if not reader.problems else None), reader.problems


def load_office(path: Path, shown: str, languages: tuple[str, ...]) -> tuple[Office | None, list[Problem]]:
    if not path.is_file():
        names = ", ".join(f.name for f in fields(Office) if required(f))
        return None, [Problem(
            file=shown, what_th=f"ไม่พบไฟล์ข้อมูลสำนักงาน {shown}", what_en=f"The office's details file {shown} is missing.",
            fix_th=f"สร้างไฟล์ {shown} ที่มีข้อมูล {names} (ดูตัวอย่างได้ในไฟล์ที่ changwat new สร้าง)",
            fix_en=f"Create {shown} with {names} (a site made by changwat new has an example).")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(file=shown, what_th="ไฟล์ไม่ได้บันทึกเป็น UTF-8", what_en="The file is not saved as UTF-8.",
                              fix_th="บันทึกไฟล์ใหม่เป็น UTF-8", fix_en="Save the file again as UTF-8.")]
    return parse_office(text, shown, languages)


def _office_in_config(config_file: Path, seen: frozenset = frozenset()) -> tuple[Path, Any, Any] | None:
    """Where a configuration (or a configuration it INHERITs) still has extra.office: (file, key node, value node).
    The YAML is composed, not loaded, so MkDocs' own tags (!ENV, !!python/name) need no constructor."""
    if config_file in seen or not config_file.is_file():
        return None
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    top = {key.value: value for key, value in root.value}
    extra = top.get("extra")
    if isinstance(extra, yaml.MappingNode):
        for key, value in extra.value:
            if key.value == "office":
                return config_file, key, value
    parent = top.get("INHERIT")
    if isinstance(parent, yaml.ScalarNode):
        return _office_in_config((config_file.parent / parent.value).resolve(), seen | {config_file})
    return None


def office_left_in_config(config_file: Path, site_root: Path, shown_office: str, office_exists: bool) -> Problem:
    """The problem for a site whose office details are still under extra.office in mkdocs.yml (the kit read them
    there before 2026): the lines to move, where to, and how much indentation to remove."""
    found = _office_in_config(config_file.resolve())
    if found is None:
        return Problem(file=config_file.name, field="extra.office",
                       what_th=f"ข้อมูลสำนักงานยังอยู่ใต้ extra.office ในการตั้งค่าเว็บไซต์ ต้องย้ายไปไว้ที่ {shown_office}",
                       what_en=f"The office's details are still under extra.office in the site's configuration; "
                               f"they belong in {shown_office} now.",
                       fix_th=f"ย้ายข้อมูลใต้ office: ไปไว้ใน {shown_office} แล้วลบ office: ออกจาก extra:",
                       fix_en=f"Move the details under office: into {shown_office}, then remove office: from extra:.")
    where, key, value = found
    try:
        shown = where.relative_to(site_root.resolve()).as_posix()
    except ValueError:
        shown = str(where)
    first, last = key.start_mark.line + 1, value.end_mark.line + (0 if value.end_mark.column == 0 else 1)
    indent = value.start_mark.column
    if office_exists:
        fix_th = (f"{shown_office} มีอยู่แล้วและเป็นข้อมูลที่ใช้: ตรวจว่าข้อมูลตรงกัน แล้วลบบรรทัด {first}–{last} "
                  f"(office: และทุกบรรทัดใต้มัน) ออกจาก {shown}")
        fix_en = (f"{shown_office} exists and is the one used: check that it has the same details, then delete "
                  f"lines {first}–{last} (office: and everything under it) from {shown}.")
    else:
        fix_th = (f"ย้ายบรรทัด {first + 1}–{last} ของ {shown} (ทุกบรรทัดใต้ office:) ไปไว้ในไฟล์ใหม่ {shown_office} "
                  f"โดยลบช่องว่างหน้าบรรทัดออก {indent} ช่อง (name: ชิดซ้าย) แล้วลบบรรทัด {first}–{last} ออกจาก {shown}")
        fix_en = (f"Move lines {first + 1}–{last} of {shown} (everything under office:) into a new file "
                  f"{shown_office}, removing {indent} spaces at the start of each line (name: at the left edge), then "
                  f"delete lines {first}–{last} from {shown}.")
    return Problem(file=shown, line=first, field="extra.office",
                   what_th=f"ข้อมูลสำนักงานยังอยู่ใต้ extra.office ใน {shown} แต่ตอนนี้อ่านจาก {shown_office} "
                           "(เพื่อให้แก้ได้ในโปรแกรมแก้ไขบนเบราว์เซอร์)",
                   what_en=f"The office's details are still under extra.office in {shown}, but they are read from "
                           f"{shown_office} now (so that the browser editor can edit them).",
                   fix_th=fix_th, fix_en=fix_en)


def fill_placeholders(
    markdown: str, office: dict, shown_path: str, line_offset: int = 0, office_file: str = OFFICE_FILE,
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
                what_th=f"ไม่มีข้อมูลสำนักงานชื่อ office.{key} ใน {office_file}",
                what_en=f"There is no office detail called office.{key} in {office_file}.",
                fix_th=f"ใช้ชื่อที่มีอยู่ ({known}) หรือเพิ่ม {key}: ใน {office_file}",
                fix_en=f"Use one of the known names ({known}) or add {key}: to {office_file}.",
            ))
            return match.group(0)
        return str(value)

    return PLACEHOLDER.sub(replace, markdown), problems
