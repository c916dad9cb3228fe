"""Markdown mistakes that hurt citizens, found with the file and line before the build goes on.

MkDocs' own strict mode catches broken links too, but without a line number and only in English; web officers
need both, and the reason the rule exists.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

from changwat.core.problems import Problem

if TYPE_CHECKING:
    from changwat.content_lint.targets import Targets

IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})\s+\S")
FENCE = re.compile(r"^\s*(```|~~~)")
VAGUE_LINK_TEXT = {"คลิก", "คลิกที่นี่", "ที่นี่", "คลิกเลย", "click", "click here", "here", "more", "read more"}
# A Mermaid diagram: a fence whose language is mermaid (```mermaid, ~~~ {.mermaid}) or the HTML Material draws.
MERMAID_FENCE = re.compile(r"^\s*(?:```|~~~)\s*\{?\s*\.?mermaid\b", re.IGNORECASE)
MERMAID_HTML = re.compile(r"<(?:pre|div)\b[^>]*\bclass\s*=\s*[\"'][^\"']*\bmermaid\b", re.IGNORECASE)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Kits before 0.2 filled pages through HTML comments such as <!-- changwat:listing -->; such a comment now shows
# nothing, silently, so a page carried over from an older kit must say it in its front matter instead.
OLD_MARKER = re.compile(r"<!--\s*changwat:(?:participation\s+)?(?P<name>[a-z-]+)[^>]*-->")
# A pipe table: its rows start with |; the line after the header must be the | --- | row, or Markdown publishes
# the pipes as text.
TABLE_ROW = re.compile(r"^ {0,3}\|.*\|\s*$")
TABLE_SEPARATOR = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def _body_lines(text: str):
    """Yield (line number, line) outside front matter and fenced code, where Markdown rules apply."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                start = i + 1
                break
    in_fence = False
    for number, line in enumerate(lines[start:], start=start + 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line


def _fence_openings(text: str):
    """Yield (line number, line) of each line that opens a fenced code block, as _body_lines pairs them."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            if not in_fence:
                yield number, line
            in_fence = not in_fence


def _diagram_problem(shown: str, number: int) -> Problem:
    # Material would load the Mermaid library from a public CDN (every reader's visit told to a third party) and
    # draws an SVG without a text alternative; the kit points that address at a file it does not ship.
    return Problem(
        file=shown, line=number,
        what_th="แผนภาพ Mermaid ยังไม่รองรับ: แสดงผลไม่ได้ และผู้พิการทางการเห็นไม่รู้ว่าแผนภาพแสดงอะไร",
        what_en="Diagrams are not supported yet: a Mermaid diagram would not be drawn, and blind citizens could not "
                "know what it shows.",
        fix_th="ใช้รูปภาพของแผนภาพพร้อมคำบรรยาย เช่น ![ขั้นตอนการยื่นคำร้อง: ยื่นเอกสาร ตรวจสอบ อนุมัติ](images/steps.png) "
               "หรือเขียนขั้นตอนเป็นรายการลำดับเลข",
        fix_en="Use an image of the diagram with alt text, e.g. ![Request steps: submit, review, approve]"
               "(images/steps.png), or write the steps as a numbered list.",
    )


def _local_target(target: str) -> str | None:
    if SCHEME.match(target) or target.startswith(("#", "/", "{{")):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return path or None


def _broken_link(shown: str, number: int, target: str, what_th: str, what_en: str, fix_th: str, fix_en: str):
    return Problem(file=shown, line=number, what_th=f"ลิงก์ {target}: {what_th}", what_en=f"The link {target}: {what_en}",
                   fix_th=fix_th, fix_en=fix_en)


def _anchor_problem(shown: str, number: int, target: str, page: str) -> Problem:
    return _broken_link(
        shown, number, target,
        f"ไม่มีหัวข้อหรือจุดยึด #{target.split('#', 1)[1]} ใน {page}",
        f"there is no heading or anchor #{target.split('#', 1)[1]} in {page}.",
        "ตรวจชื่อหลัง # ให้ตรงกับหัวข้อ หรือกำหนดชื่อให้หัวข้อเอง เช่น ## วิธีสมัคร {#apply} แล้วลิงก์ไปที่ #apply",
        "Check the name after #, or give the heading an id, e.g. ## How to apply {#apply}, and link to #apply.")


def _link_target_problems(target: str, rel_path: str, shown: str, number: int, docs_dir: Path,
                          targets: Targets | None) -> list[Problem]:
    base = posixpath.dirname(rel_path)
    if target.startswith("#"):
        if targets and len(target) > 1 and not targets.has_anchor(rel_path, target[1:]):
            return [_anchor_problem(shown, number, target, "หน้านี้ / this page")]
        return []
    if target.startswith("/") and not target.startswith("//"):
        if targets is None:
            return []
        page, why = targets.page_of_address(target)
        if why:
            return [_broken_link(
                shown, number, target,
                "ไม่มีหน้านี้ในเว็บไซต์ (หน้าภาษาไทยอยู่ที่ / หน้าภาษาอังกฤษอยู่ที่ /en/)",
                "no page of the site has this address (Thai pages are under /, English ones under /en/).",
                "ลิงก์ไปยังหน้าอื่นด้วยที่อยู่ของไฟล์ .md เทียบจากไฟล์นี้ เช่น [ประวัติ](../about/history.md) "
                "ระบบจะตรวจและแปลงเป็นที่อยู่ให้เอง",
                "Link to another page by its .md file, relative to this file, e.g. [History](../about/history.md); "
                "the build checks it and writes the address.")]
        if page and page.endswith(".md") and "#" in target and not targets.has_anchor(page, target.split("#", 1)[1]):
            return [_anchor_problem(shown, number, target, f"docs/{page}")]
        return []
    local = _local_target(target)
    if local is None:
        return []
    resolved = posixpath.normpath(posixpath.join(base, local))
    try:
        exists = not resolved.startswith("..") and (docs_dir / resolved).exists()
    except (OSError, ValueError):
        exists = False
    if not exists:
        return [Problem(
            file=shown, line=number,
            what_th=f"ลิงก์ไปยัง {target} แต่ไม่มีไฟล์นี้ (docs/{resolved})",
            what_en=f"The link {target} points to a file that does not exist (docs/{resolved}).",
            fix_th="ตรวจสอบชื่อไฟล์และโฟลเดอร์ให้ถูกต้อง ลิงก์ไปยังหน้าอื่นให้ใช้ที่อยู่ของไฟล์ .md เทียบจากไฟล์นี้",
            fix_en="Check the file and folder names; link to other pages by their .md file path, "
            "relative to this file.",
        )]
    fragment = target.split("#", 1)[1] if "#" in target else ""
    if targets and fragment and resolved.endswith(".md") and not targets.has_anchor(resolved, fragment):
        return [_anchor_problem(shown, number, target, f"docs/{resolved}")]
    return []


def _table_problems(lines: list[tuple[int, str]], shown: str) -> list[Problem]:
    problems = []
    previous = None
    for index, (number, line) in enumerate(lines):
        starts = TABLE_ROW.match(line) and not TABLE_SEPARATOR.match(line)
        follows_row = previous is not None and previous[0] == number - 1 and TABLE_ROW.match(previous[1])
        if starts and not follows_row:
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is None or following[0] != number + 1 or not TABLE_SEPARATOR.match(following[1]):
                cells = max(1, line.strip().strip("|").count("|") + 1)
                problems.append(Problem(
                    file=shown, line=number,
                    what_th="ตารางไม่มีแถวเส้นคั่นใต้หัวตาราง (| --- |) จึงแสดงเป็นข้อความที่มีเครื่องหมาย | แทนตาราง",
                    what_en="The table has no separator row (| --- |) under its header, so it would be published "
                            "as text full of | characters.",
                    fix_th=f"เพิ่มบรรทัด {'| --- ' * cells}| ใต้บรรทัดหัวตาราง (บรรทัด {number})",
                    fix_en=f"Add the line {'| --- ' * cells}| under the header row (line {number})."))
        previous = (number, line)
    return problems


def lint_markdown(text: str, rel_path: str, docs_dir: Path, targets: Targets | None = None) -> list[Problem]:
    """rel_path is the file's path under docs_dir, with '/' separators. With targets, links to anchors and
    absolute addresses are checked too."""
    problems: list[Problem] = []
    shown = f"docs/{rel_path}"
    # The page's title is its level-1 heading: the item template writes it, and Material adds it to a page whose
    # text has none; the text's first heading must therefore be level 1 or 2.
    last_level = 1
    body = list(_body_lines(text))
    problems += _table_problems(body, shown)
    for number, line in _fence_openings(text):
        if MERMAID_FENCE.match(line):
            problems.append(_diagram_problem(shown, number))
    for number, line in body:
        if MERMAID_HTML.search(line):
            problems.append(_diagram_problem(shown, number))
        for m in OLD_MARKER.finditer(line):
            problems.append(Problem(
                file=shown, line=number, field="components",
                what_th=f"เครื่องหมาย {m.group(0)} ใช้ไม่ได้แล้ว หน้านี้จะไม่แสดง {m['name']}",
                what_en=f"The marker {m.group(0)} is no longer used: the page would not show {m['name']}.",
                fix_th=f"ลบบรรทัดนี้ แล้วเพิ่ม components: [{m['name']}] ในส่วนหัวของไฟล์ (ระหว่างเส้น ---) "
                       "ส่วนประกอบจะแสดงต่อจากเนื้อหาของหน้า",
                fix_en=f"Delete this line and add components: [{m['name']}] to the front matter (between the --- "
                       "lines): the component is shown after the page's text.",
            ))
        for m in IMAGE.finditer(line):
            if not m["alt"].strip():
                problems.append(Problem(
                    file=shown, line=number,
                    what_th=f"รูปภาพ {m['target']} ไม่มีคำบรรยายภาพ (alt text) ผู้พิการทางการเห็นจึงไม่รู้ว่าภาพแสดงอะไร",
                    what_en=f"The image {m['target']} has no alt text, so blind citizens cannot know what it shows.",
                    fix_th=f"เขียนคำบรรยายในวงเล็บเหลี่ยม เช่น ![ผู้ว่าราชการจังหวัดมอบถุงยังชีพ]({m['target']})",
                    fix_en=f"Describe the image in the square brackets, e.g. ![The governor hands out relief bags]({m['target']})",
                ))
        for m in HTML_IMG.finditer(line):
            if not re.search(r"\balt\s*=\s*(\"[^\"]+\"|'[^']+')", m.group(0)):
                problems.append(Problem(
                    file=shown, line=number,
                    what_th="แท็ก <img> ไม่มีคำบรรยายภาพ (alt)",
                    what_en="An <img> tag has no alt text.",
                    fix_th='เพิ่ม alt="คำบรรยายภาพ" ในแท็ก <img>',
                    fix_en='Add alt="what the image shows" to the <img> tag.',
                ))
        for m in LINK.finditer(line):
            if m["text"].strip().lower() in VAGUE_LINK_TEXT:
                problems.append(Problem(
                    file=shown, line=number,
                    what_th=f"ข้อความลิงก์ \"{m['text']}\" ไม่บอกว่าลิงก์พาไปที่ใด",
                    what_en=f"The link text \"{m['text']}\" does not say where the link goes.",
                    fix_th="ใช้ชื่อของสิ่งที่ลิงก์ไปถึงเป็นข้อความลิงก์ เช่น [แบบคำร้องทั่วไป (PDF)](...)",
                    fix_en="Use the name of the destination as the link text, e.g. [General request form (PDF)](...)",
                ))
        for m in [*IMAGE.finditer(line), *LINK.finditer(line)]:
            problems += _link_target_problems(m["target"], rel_path, shown, number, docs_dir, targets)
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if last_level and level > last_level + 1:
                problems.append(Problem(
                    file=shown, line=number,
                    what_th=f"หัวข้อระดับ {level} ตามหลังหัวข้อระดับ {last_level} โดยข้ามระดับ ผู้ใช้โปรแกรมอ่านหน้าจอจะสับสนโครงสร้างหน้า",
                    what_en=f"A level-{level} heading follows a level-{last_level} heading, skipping a level; "
                    "screen-reader users lose the page's structure.",
                    fix_th=f"ใช้ {'#' * (last_level + 1)} แทน {'#' * level}",
                    fix_en=f"Use {'#' * (last_level + 1)} instead of {'#' * level}.",
                ))
            last_level = level
    return problems



def body_line_offset(source: str, body: str) -> int:
    """Lines above the Markdown body (front matter, blank lines) so body line numbers match the file."""
    source, body = source.rstrip(), body.rstrip()
    if body and source.endswith(body):
        return source[: len(source) - len(body)].count("\n")
    return 0
