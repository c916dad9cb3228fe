"""Page components: generated parts of a page (a section's listing, the feeds table, a form, the audit table…)
that a page names in its front matter and the page template renders after the page's own text, in order:

    components: [feeds, subscribe]

Each feature's plugin declares its components (name -> template) and puts their data in the template context;
main.html includes each named template. This module checks a page's list against the components the enabled
plugins declare, so that a misspelt or unavailable name stops the build with the file and the fix.
"""

from __future__ import annotations

from changwat.core.problems import Problem

KEY = "components"            # the front matter key
REGISTRY = "changwat_components"   # the template global: component name -> template


def front_matter_line(source: str, key: str = KEY) -> int | None:
    """The line (1-based) of `key:` in a Markdown file's front matter, for messages."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return None
        if line.startswith(f"{key}:"):
            return number
    return None


def page_components(value, known: dict[str, str], file: str, source: str = "") -> tuple[list[str], list[Problem]]:
    """The component names a page's front matter asks for (a list, or one name), and the problems with them."""
    if value is None:
        return [], []
    line = front_matter_line(source)
    available = ", ".join(sorted(known)) or "-"
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
        return [], [Problem(
            file=file, line=line, field=KEY,
            what_th=f"components ต้องเป็นรายการชื่อส่วนประกอบของหน้า แต่พบ {value!r}",
            what_en=f"components must be a list of component names, found {value!r}",
            fix_th=f"เขียนเป็นรายการ เช่น components: [feeds, subscribe] (ชื่อที่ใช้ได้: {available})",
            fix_en=f"Write a list such as components: [feeds, subscribe] (available: {available})")]
    names = [n.strip() for n in names]
    problems = [Problem(
        file=file, line=line, field=KEY,
        what_th=f"ไม่รู้จักส่วนประกอบของหน้าชื่อ \"{name}\"",
        what_en=f"There is no page component called \"{name}\"",
        fix_th=f"แก้ชื่อให้ตรงกับส่วนประกอบที่มี: {available} (ดูหัวข้อ \"สำหรับเจ้าหน้าที่ดูแลเว็บไซต์\" ใน README) "
               "หรือเปิดปลั๊กอินที่ให้ส่วนประกอบนั้นใน mkdocs.yml",
        fix_en=f"Use one of the available components: {available} (see \"For web officers\" in the README), "
               "or enable the plugin that provides it in mkdocs.yml")
        for name in names if name not in known]
    seen = set()
    for name in names:
        if name in seen:
            problems.append(Problem(
                file=file, line=line, field=KEY,
                what_th=f"ส่วนประกอบ \"{name}\" อยู่ในรายการมากกว่าหนึ่งครั้ง",
                what_en=f"The component \"{name}\" is listed more than once",
                fix_th="ใส่แต่ละส่วนประกอบเพียงครั้งเดียว", fix_en="List each component once"))
        seen.add(name)
    return names, problems


def register_components(env, components: dict[str, str]) -> None:
    """A plugin's on_env: its components become known to main.html and to every plugin's check."""
    env.globals.setdefault(REGISTRY, {}).update(components)


def check_components(page, env) -> list[Problem]:
    """Once per page, before any feature reads the list (the site plugin, first of the kit's plugins): the front
    matter's value checked against every registered component and normalised to a list of names, which
    main.html renders in order."""
    value = page.meta.get(KEY)
    if value is None:
        return []
    file = page.file
    try:
        source = file.content_string
    except (OSError, TypeError, ValueError):
        source = ""
    names, problems = page_components(value, env.globals.get(REGISTRY, {}), f"docs/{file.src_uri}", source)
    page.meta[KEY] = [] if problems else names
    return problems


def shown_components(page) -> list[str]:
    """The components a page shows, as check_components left them."""
    return page.meta.get(KEY) or []
