"""Start a news item, announcement or procurement notice in both languages, dated today (Bangkok).

    python -m changwat.sections.new_item news flood-relief-bags      (or: make new-item SECTION=news SLUG=flood-relief-bags)
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from changwat.core.problems import Problem
from changwat.core.thai_dates import BANGKOK
from changwat.sections.items import section_definitions

# A new item is a draft (not in any list, feed, site map or search) until the officer deletes the draft line;
# an item published with its placeholder text still in it stops the build (placeholder_problems).
TEMPLATE = """---
# {draft_note}
draft: true
title: {title}
date: {date}
summary: {summary}
category: {category}
# image: ../../assets/images/news/photo.svg
# image_alt: {alt}
---

{body}
"""
TEXT = {
    "th": {"title": "หัวข้อ (แก้ไข)", "summary": "สรุปเนื้อหา 1–2 ประโยค (แก้ไข)", "alt": "คำบรรยายภาพ",
           "body": "เขียนเนื้อหาที่นี่",
           "draft_note": "ฉบับร่าง: ยังไม่เผยแพร่ ลบบรรทัด draft: true เมื่อแก้ไขเสร็จและพร้อมเผยแพร่"},
    "en": {"title": "Headline (edit me)", "summary": "One or two sentences (edit me)", "alt": "What the image shows",
           "body": "Write the body here.",
           "draft_note": "A draft, not published: delete the draft: true line when it is written and ready"},
}
PLACEHOLDERS = tuple(text[key] for text in TEXT.values() for key in ("title", "summary", "body"))


def placeholder_problems(source: str, shown: str) -> list[Problem]:
    """An item no longer marked draft that still carries make new-item's placeholder text."""
    problems = []
    for number, line in enumerate(source.splitlines(), start=1):
        for text in PLACEHOLDERS:
            if text in line:
                problems.append(Problem(
                    file=shown, line=number,
                    what_th=f"ยังมีข้อความตัวอย่าง \"{text}\" จาก make new-item ซึ่งจะเผยแพร่ไปทั้งหน้าแรกและฟีด",
                    what_en=f"The placeholder text \"{text}\" from make new-item is still there; it would be "
                            "published on the home page and in the feeds.",
                    fix_th="แทนที่ด้วยเนื้อหาจริง หรือใส่ draft: true ไว้ในส่วนหัวของไฟล์ถ้ายังไม่พร้อมเผยแพร่",
                    fix_en="Replace it with the real text, or put draft: true in the front matter while the item "
                           "is not ready."))
                break
    return problems


def create(docs_dir: Path, section: str, slug: str, today: dt.datetime | None = None) -> list[Path]:
    definitions = section_definitions()
    if section not in definitions:
        raise SystemExit(f"Unknown section {section!r}: use one of {', '.join(definitions)}")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise SystemExit("The short name uses lowercase English letters, digits and hyphens, e.g. flood-relief-bags")
    now = today or dt.datetime.now(BANGKOK)
    name = f"{now:%Y-%m-%d}-{slug}.md"
    folder = definitions[section]["folder"]
    category = next(iter(definitions[section]["categories"]))
    paths = [docs_dir / lang / folder / name for lang in TEXT]
    existing = [str(p) for p in paths if p.exists()]
    if existing:
        raise SystemExit(f"Already there, nothing written: {', '.join(existing)}")
    for path, (lang, text) in zip(paths, TEXT.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEMPLATE.format(date=f"{now:%Y-%m-%d %H:%M}", category=category, **text), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("section", help="news, announcements or procurement")
    parser.add_argument("slug", help="a short English name for the address, e.g. flood-relief-bags")
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    for path in create(args.docs, args.section, args.slug):
        print(f"created {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
