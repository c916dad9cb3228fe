"""Every page exists in every language: a Thai page without its English twin (or the reverse) is an error."""

from __future__ import annotations

from pathlib import Path

from changwat.core.problems import Problem

LANGUAGE_NAMES = {"th": ("ภาษาไทย", "Thai"), "en": ("ภาษาอังกฤษ", "English")}


def pages_by_language(docs_dir: Path, languages: list[str]) -> dict[str, set[str]]:
    return {
        lang: {p.relative_to(docs_dir / lang).as_posix() for p in (docs_dir / lang).rglob("*.md")}
        for lang in languages
    }


def missing_twins(docs_dir: Path, languages: list[str]) -> list[Problem]:
    pages = pages_by_language(docs_dir, languages)
    every_page = set().union(*pages.values()) if pages else set()
    problems = []
    for rel in sorted(every_page):
        have = [lang for lang in languages if rel in pages[lang]]
        for lang in languages:
            if rel in pages[lang]:
                continue
            source = f"docs/{have[0]}/{rel}"
            missing = f"docs/{lang}/{rel}"
            name_th, name_en = LANGUAGE_NAMES.get(lang, (lang, lang))
            problems.append(
                Problem(
                    file=source,
                    what_th=f"หน้านี้ยังไม่มีฉบับ{name_th} ({missing})",
                    what_en=f"This page has no {name_en} version ({missing}).",
                    fix_th=f"สร้างไฟล์ {missing} ที่แปลเนื้อหาของ {source} หรือลบ {source} ถ้าไม่ต้องการหน้านี้แล้ว",
                    fix_en=f"Create {missing} with the translated content of {source}, "
                    f"or delete {source} if the page is no longer wanted.",
                )
            )
    return problems

