"""Dated items (news, announcements, procurement notices): their front matter, checked and turned into a model.

Items live in docs/<lang>/<section folder>/<YYYY-MM-DD-slug>.md; the file name is the item's permanent id, so
editing a title never changes its address or its feed id.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from changwat.core.thai_dates import DateError, read_date
from changwat.core.problems import Problem
from changwat.sections.fields import field_rules

DATA = Path(__file__).parent
SUMMARY_LIMIT = field_rules()["summary"].max_length   # fields.yml: the editor shows the same limit


@dataclass(frozen=True)
class Attachment:
    title: str
    src: str        # path under docs_dir
    size: int       # bytes
    kind: str       # "PDF", "DOCX", ...
    mime: str       # for feed enclosures


@dataclass(frozen=True)
class Item:
    section: str
    lang: str
    slug: str                     # file name without .md: the permanent id
    src: str                      # path under docs_dir
    title: str
    published: dt.datetime        # aware, Asia/Bangkok
    has_time: bool
    summary: str
    category: str
    image: str | None = None      # path under docs_dir
    image_alt: str | None = None
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


@lru_cache(maxsize=None)
def section_definitions() -> dict:
    return yaml.safe_load((DATA / "sections.yml").read_text(encoding="utf-8"))


def section_of(rel_path: str, languages: list[str]) -> tuple[str, str] | None:
    """'th/news/2026-11-20-x.md' -> ('news', 'th'); None for pages that are not items (including index.md)."""
    parts = rel_path.split("/")
    if len(parts) != 3 or parts[0] not in languages or parts[2] == "index.md" or not parts[2].endswith(".md"):
        return None
    for name, definition in section_definitions().items():
        if definition["folder"] == parts[1]:
            return name, parts[0]
    return None


def _field_line(source: str, name: str) -> int | None:
    for number, line in enumerate(source.splitlines(), start=1):
        if re.match(rf"^{re.escape(name)}\s*:", line):
            return number
    return None


def _is_file(docs_dir: Path, rel: str) -> bool:
    """False, not an exception, for a name no file can have (too long, a NUL character)."""
    try:
        return (docs_dir / rel).is_file()
    except (OSError, ValueError):
        return False


def _parse_date(value) -> tuple[dt.datetime, bool]:
    """Raises DateError (a Buddhist-era year, a day the calendar does not have); see core.thai_dates.read_date."""
    return read_date(value)


def is_draft(meta: dict) -> bool:
    """`draft: true` (written by make new-item): the item is not published until the officer removes the line."""
    return meta.get("draft") is True


def draft_problem(source: str, meta: dict, shown: str) -> Problem | None:
    value = meta.get("draft")
    if value is None or isinstance(value, bool):
        return None
    return Problem(file=shown, line=_field_line(source, "draft"), field="draft",
                   what_th=f"draft ต้องเป็น true (ฉบับร่าง ยังไม่เผยแพร่) แต่พบ {str(value)[:40]!r}",
                   what_en=f"draft must be true (a draft, not published), found {str(value)[:40]!r}",
                   fix_th="เขียน draft: true ถ้ายังไม่พร้อมเผยแพร่ หรือลบบรรทัด draft เพื่อเผยแพร่",
                   fix_en="Write draft: true while it is not ready, or delete the draft line to publish it.")


def twin_date_problems(dated: dict[str, dict[str, tuple[dt.datetime, bool]]],
                       lines: dict[str, int | None] | None = None) -> list[Problem]:
    """dated: 'news/2026-11-20-x.md' -> {lang: (published, has_time)}; lines: 'th/news/...' -> the date's line.
    The Thai and English versions of an item are one event: a different date would sort it differently in each
    language's lists and feeds."""
    problems = []
    for rel, by_lang in sorted(dated.items()):
        langs = list(by_lang)
        first = langs[0]
        for other in langs[1:]:
            if by_lang[other] != by_lang[first]:
                here, there = f"docs/{first}/{rel}", f"docs/{other}/{rel}"

                def shown(value):
                    return value[0].strftime("%Y-%m-%d %H:%M" if value[1] else "%Y-%m-%d")

                problems.append(Problem(
                    file=here, field="date", line=(lines or {}).get(f"{first}/{rel}"),
                    what_th=f"วันที่ของข่าวนี้ไม่ตรงกับฉบับแปล: {here} ลงวันที่ {shown(by_lang[first])} "
                            f"แต่ {there} ลงวันที่ {shown(by_lang[other])}",
                    what_en=f"The item's date differs from its translation: {here} says {shown(by_lang[first])}, "
                            f"{there} says {shown(by_lang[other])}.",
                    fix_th=f"แก้ date: ให้เหมือนกันทั้งใน {here} และ {there}",
                    fix_en=f"Give both {here} and {there} the same date:."))
    return problems


def parse_item(source: str, meta: dict, rel_path: str, section: str, lang: str, docs_dir: Path):
    """Returns (Item or None, problems). source is the whole file, for line numbers."""
    shown = f"docs/{rel_path}"
    problems: list[Problem] = []
    definition = section_definitions()[section]

    def problem(field_name, what_th, what_en, fix_th, fix_en):
        problems.append(Problem(file=shown, line=_field_line(source, field_name), field=field_name,
                                what_th=what_th, what_en=what_en, fix_th=fix_th, fix_en=fix_en))

    rules = field_rules()

    def rule_problem(field_name, rule, kind, **values):
        problems.append(Problem(file=shown, line=_field_line(source, field_name), field=field_name,
                                **rules[rule].message(kind).filled(**values)))

    title = str(meta.get("title") or "").strip()
    if not title and rules["title"].required:
        rule_problem("title", "title", "missing")

    raw_date = meta.get("date")
    parsed = None
    if raw_date is None:
        problem("date", "ไม่มีวันที่ (date)", "The item has no date.",
                "เพิ่มบรรทัด date: ในรูปแบบ ปี ค.ศ. เช่น date: 2026-11-24 หรือ date: 2026-11-24 09:30",
                "Add a line 'date: 2026-11-24' (or '2026-11-24 09:30'), year in the Gregorian calendar.")
    else:
        try:
            parsed = _parse_date(raw_date)
        except DateError as e:
            problems.append(e.problem(shown, _field_line(source, "date"), "date"))

    summary = str(meta.get("summary") or "").strip()
    limit = rules["summary"].max_length
    if not summary and rules["summary"].required:
        rule_problem("summary", "summary", "missing", limit=limit)
    elif limit is not None and len(summary) > limit:
        rule_problem("summary", "summary", "too_long", limit=limit, length=len(summary))

    category = str(meta.get("category") or "").strip()
    known = definition["categories"]
    if category not in known:
        listing = {lang: ", ".join(f"{key} ({names[lang]})" for key, names in known.items()) for lang in ("th", "en")}
        rule_problem("category", "category", "unknown" if category else "missing", value=category, choices=listing)

    base = posixpath.dirname(rel_path)
    image = meta.get("image")
    image_src = None
    image_alt = str(meta.get("image_alt") or "").strip() or None
    if image:
        image_src = posixpath.normpath(posixpath.join(base, str(image)))
        if not _is_file(docs_dir, image_src):
            problem("image", f"ไม่พบไฟล์รูปภาพ {image}", f"The image file {image} does not exist.",
                    "ตรวจสอบชื่อไฟล์และที่อยู่ รูปภาพที่ใช้ร่วมกันให้อยู่ใน docs/assets/images/",
                    "Check the file name and path; shared images live in docs/assets/images/.")
        if not image_alt and rules["image_alt"].required_with == "image":
            rule_problem("image", "image_alt", "missing")

    attachments = []
    listed = meta.get("attachments") or []
    if not isinstance(listed, list):
        problem("attachments", "attachments ต้องเป็นรายการเอกสารแนบ", "attachments must be a list of files.",
                "เขียนแต่ละเอกสารเป็นบรรทัดที่ขึ้นต้นด้วย - file: ... และ title: ...",
                "Write each attachment as a '- file: ...' line with a 'title: ...' line.")
        listed = []
    for index, entry in enumerate(listed, start=1):
        entry = entry if isinstance(entry, dict) else {}
        file_ref, file_title = entry.get("file"), str(entry.get("title") or "").strip()
        path = posixpath.normpath(posixpath.join(base, str(file_ref))) if file_ref else None
        if not path or not _is_file(docs_dir, path) or not file_title:
            problem("attachments", f"เอกสารแนบรายการที่ {index} ไม่ครบหรือไม่พบไฟล์ ({file_ref})",
                    f"Attachment {index} is incomplete or its file does not exist ({file_ref}).",
                    "ทุกเอกสารแนบต้องมี file: (ที่อยู่ไฟล์) และ title: (ชื่อเอกสาร)",
                    "Every attachment needs 'file:' (the file's path) and 'title:' (its name).")
            continue
        attachments.append(Attachment(title=file_title, src=path, size=(docs_dir / path).stat().st_size,
                                      kind=Path(path).suffix.lstrip(".").upper(),
                                      mime=mimetypes.guess_type(path)[0] or "application/octet-stream"))

    if problems:
        return None, problems
    published, has_time = parsed
    return Item(section=section, lang=lang, slug=Path(rel_path).stem, src=rel_path, title=title,
                published=published, has_time=has_time, summary=summary, category=category,
                image=image_src, image_alt=image_alt, attachments=tuple(attachments)), []


def newest_first(items):
    return sorted(items, key=lambda item: (item.published, item.slug), reverse=True)


def human_size(size: int, lang: str) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"
