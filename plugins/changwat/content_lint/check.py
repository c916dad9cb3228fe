"""Every Markdown file of every language checked in one round, before MkDocs reads any of them: front matter,
Markdown, links and anchors, the menu, dated items (dates, drafts, placeholder text) and translations.

MkDocs' own reader would publish a broken front matter as text, and each section's pass would stop at its
first language; here the officer gets all problems, each with file, line and fix, in one build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from changwat.content_lint.lint import lint_markdown
from changwat.content_lint.targets import Targets
from changwat.core.front_matter import FrontMatterError, split_front_matter
from changwat.core.languages import Languages
from changwat.core.problems import Problem
from changwat.core.thai_dates import DateError, read_date
from changwat.i18n.twins import missing_twins
from changwat.sections.items import (_field_line, draft_problem, is_draft, parse_item, section_definitions,
                                     section_of, twin_date_problems)
from changwat.sections.new_item import placeholder_problems

# Front matter keys every page may have, and the type MkDocs and the templates expect.
TEXT_KEYS = ("title", "description")
YES_NO_KEYS = ("hidden", "draft")
# Material's `hide:` (a page without the menu, the table of contents...): its templates test membership in it.
MATERIAL_HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")


def nav_pages(nav) -> set[str] | None:
    """The .md files listed in mkdocs.yml's nav (None when there is no nav: MkDocs then lists every page)."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(entry):
        if isinstance(entry, str):
            if entry.endswith(".md"):
                found.add(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, list):
            for value in entry:
                walk(value)

    walk(nav)
    return found


def _type_problems(source: str, meta: dict, shown: str, template_exists) -> list[Problem]:
    problems = []
    for key in TEXT_KEYS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(
                file=shown, line=_field_line(source, key), field=key,
                what_th=f"{key} ต้องเป็นข้อความบรรทัดเดียว แต่พบ {str(value)[:40]!r}",
                what_en=f"{key} must be one line of text, found {str(value)[:40]!r}",
                fix_th=f"เขียนเป็นข้อความในเครื่องหมายคำพูด เช่น {key}: \"ข้อความ\"",
                fix_en=f"Write it as text in quotes, e.g. {key}: \"the text\""))
    for key in YES_NO_KEYS:
        value = meta.get(key)
        if key == "hidden" and value is not None and not isinstance(value, bool):
            problems.append(Problem(
                file=shown, line=_field_line(source, key), field=key,
                what_th=f"hidden ต้องเป็น true หรือ false แต่พบ {str(value)[:40]!r}",
                what_en=f"hidden must be true or false, found {str(value)[:40]!r}",
                fix_th="เขียน hidden: true (ไม่แสดงในเมนู แต่อยู่ในแผนผังเว็บไซต์) หรือลบบรรทัดนี้",
                fix_en="Write hidden: true (off the menu, on the site map) or delete the line."))
    hide = meta.get("hide")
    if hide is not None and not (isinstance(hide, list) and all(h in MATERIAL_HIDE for h in hide)):
        problems.append(Problem(
            file=shown, line=_field_line(source, "hide"), field="hide",
            what_th=f"hide ต้องเป็นรายการส่วนของหน้าที่จะซ่อน แต่พบ {str(hide)[:40]!r}",
            what_en=f"hide must be a list of parts of the page to hide, found {str(hide)[:40]!r}",
            fix_th=f"เขียนเป็นรายการ เช่น hide: [toc] (ที่ใช้ได้: {', '.join(MATERIAL_HIDE)})",
            fix_en=f"Write a list such as hide: [toc] (available: {', '.join(MATERIAL_HIDE)})"))
    template = meta.get("template")
    # An empty `template:` too: MkDocs then asks Jinja for the template None.
    if "template" in meta and not (isinstance(template, str) and template_exists(template)):
        problems.append(Problem(
            file=shown, line=_field_line(source, "template"), field="template",
            what_th=f"ไม่มีแม่แบบหน้า (template) ชื่อ {str(template)[:60]!r}",
            what_en=f"There is no page template called {str(template)[:60]!r}",
            fix_th="ลบบรรทัด template: เพื่อใช้แม่แบบปกติ หรือใช้ส่วนประกอบของหน้า (components:) แทน",
            fix_en="Delete the template: line to use the usual template, or use page components (components:)."))
    updated = meta.get("updated")
    if updated is not None:
        try:
            read_date(updated)
        except DateError as e:
            problems.append(e.problem(shown, _field_line(source, "updated"), "updated"))
    return problems


def _not_in_menu(shown: str, neutral: str) -> Problem:
    return Problem(
        file=shown, field="nav",
        what_th="หน้านี้ไม่อยู่ในเมนู (nav: ใน mkdocs.yml) จะเผยแพร่โดยไม่มีลิงก์ใดพาไปถึง",
        what_en="This page is not in the menu (nav: in mkdocs.yml): it would be published with no way to reach it.",
        fix_th=f"เพิ่ม {neutral} ในส่วน nav: ของ mkdocs.yml หรือถ้าตั้งใจไม่ให้อยู่ในเมนู ใส่ hidden: true "
               "ในส่วนหัวของไฟล์ (หน้ายังอยู่ในแผนผังเว็บไซต์)",
        fix_en=f"Add {neutral} to nav: in mkdocs.yml, or, if it is meant to stay off the menu, put hidden: true in "
               "its front matter (it stays on the site map).")


def _draft_twin_problem(rel: str, drafts: list[str], published: list[str]) -> Problem:
    listed = ", ".join(f"docs/{lang}/{rel}" for lang in drafts)
    others = ", ".join(f"docs/{lang}/{rel}" for lang in published)
    return Problem(
        file=f"docs/{drafts[0]}/{rel}", field="draft",
        what_th=f"{listed} เป็นฉบับร่าง (draft: true) แต่ฉบับแปล {others} ไม่ใช่ ข่าวจะมีเพียงภาษาเดียว",
        what_en=f"{listed} is a draft (draft: true) but its translation {others} is not: the item would be "
                "published in one language only.",
        fix_th=f"ลบบรรทัด draft: true ใน {listed} เมื่อพร้อม หรือใส่ draft: true ใน {others} ด้วย",
        fix_en=f"Delete draft: true in {listed} when it is ready, or put draft: true in {others} too.")


def check_docs(docs_dir: Path, languages: Languages, nav: set[str] | None = None, toc_config: dict | None = None,
               site_path: str = "/", template_exists=lambda name: False) -> list[Problem]:
    """template_exists(name): whether the theme has that template (MkDocs stops with a traceback otherwise)."""
    langs = list(languages.codes)
    folders = tuple(d["folder"] for d in section_definitions().values())
    targets = Targets(docs_dir, languages, toc_config, site_path, folders)
    problems = missing_twins(docs_dir, langs)
    dated: dict[str, dict[str, tuple[dt.datetime, bool]]] = {}
    draft_state: dict[str, dict[str, bool]] = {}
    date_lines: dict[str, int | None] = {}
    for lang in langs:
        for path in sorted((docs_dir / lang).rglob("*.md")):
            rel = path.relative_to(docs_dir).as_posix()
            neutral = path.relative_to(docs_dir / lang).as_posix()
            shown = f"docs/{rel}"
            try:
                source = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as e:
                problems.append(Problem(
                    file=shown, what_th=f"ไฟล์ไม่ได้บันทึกเป็น UTF-8 ({e.reason})",
                    what_en=f"The file is not saved as UTF-8 ({e.reason}).",
                    fix_th="บันทึกไฟล์ใหม่ด้วยการเข้ารหัส UTF-8", fix_en="Save the file again as UTF-8."))
                continue
            problems += lint_markdown(source, rel, docs_dir, targets)
            try:
                meta, _ = split_front_matter(source)
            except FrontMatterError as e:
                problems.append(e.problem(shown))
                continue
            problems += _type_problems(source, meta, shown, template_exists)
            found = section_of(rel, langs)
            if found is None:
                if nav is not None and neutral not in nav and rel not in nav and meta.get("hidden") is not True:
                    problems.append(_not_in_menu(shown, neutral))
                continue
            wrong_draft = draft_problem(source, meta, shown)
            if wrong_draft:
                problems.append(wrong_draft)
                continue
            draft_state.setdefault(neutral, {})[lang] = is_draft(meta)
            if is_draft(meta):
                continue
            problems += placeholder_problems(source, shown)
            item, item_problems = parse_item(source, meta, rel, found[0], lang, docs_dir)
            problems += item_problems
            if item:
                dated.setdefault(neutral, {})[lang] = (item.published, item.has_time)
                date_lines[rel] = _field_line(source, "date")
    problems += twin_date_problems(dated, date_lines)
    for neutral, states in sorted(draft_state.items()):
        drafts = [lang for lang, draft in states.items() if draft]
        if drafts and len(drafts) < len(states):
            problems.append(_draft_twin_problem(neutral, drafts, [lang for lang in states if lang not in drafts]))
    return problems
