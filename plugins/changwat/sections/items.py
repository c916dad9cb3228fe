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

from changwat.core.thai_dates import to_bangkok
from changwat.core.problems import Problem
from changwat.sections.fields import field_rules

DATA = Path(__file__).parent
SUMMARY_LIMIT = field_rules()["summary"].max_length   # fields.yml: the editor shows the same limit
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


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


def _parse_date(value) -> tuple[dt.datetime, bool] | None:
    if isinstance(value, dt.datetime):
        return to_bangkok(value), True
    if isinstance(value, dt.date):
        return to_bangkok(value), False
    if isinstance(value, str):
        for fmt in DATE_FORMATS:
            try:
                parsed = dt.datetime.strptime(value.strip(), fmt)
            except ValueError:
                continue
            return to_bangkok(parsed), fmt != "%Y-%m-%d"
    return None


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
    parsed = _parse_date(raw_date) if raw_date is not None else None
    if raw_date is None:
        problem("date", "ไม่มีวันที่ (date)", "The item has no date.",
                "เพิ่มบรรทัด date: 2569-... ในรูปแบบ ค.ศ. เช่น date: 2026-11-24 หรือ date: 2026-11-24 09:30",
                "Add a line 'date: 2026-11-24' (or '2026-11-24 09:30'), year in the Gregorian calendar.")
    elif parsed is None:
        problem("date", f"อ่านวันที่ \"{raw_date}\" ไม่ได้", f"The date \"{raw_date}\" cannot be read.",
                "เขียนวันที่เป็น ปี ค.ศ.-เดือน-วัน เช่น 2026-11-24 หรือ 2026-11-24 09:30 (ไม่ใช้ปี พ.ศ.)",
                "Write the date as year-month-day, e.g. 2026-11-24 or 2026-11-24 09:30 (Gregorian year).")

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
        if not (docs_dir / image_src).is_file():
            problem("image", f"ไม่พบไฟล์รูปภาพ {image}", f"The image file {image} does not exist.",
                    "ตรวจสอบชื่อไฟล์และที่อยู่ รูปภาพที่ใช้ร่วมกันให้อยู่ใน docs/assets/images/",
                    "Check the file name and path; shared images live in docs/assets/images/.")
        if not image_alt and rules["image_alt"].required_with == "image":
            rule_problem("image", "image_alt", "missing")

    attachments = []
    for index, entry in enumerate(meta.get("attachments") or [], start=1):
        entry = entry if isinstance(entry, dict) else {}
        file_ref, file_title = entry.get("file"), str(entry.get("title") or "").strip()
        path = posixpath.normpath(posixpath.join(base, str(file_ref))) if file_ref else None
        if not path or not (docs_dir / path).is_file() or not file_title:
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
