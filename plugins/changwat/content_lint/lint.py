"""Markdown mistakes that hurt citizens, found with the file and line before the build goes on.

MkDocs' own strict mode catches broken links too, but without a line number and only in English; web officers
need both, and the reason the rule exists.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from changwat.core.problems import Problem

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


def lint_markdown(text: str, rel_path: str, docs_dir: Path) -> list[Problem]:
    """rel_path is the file's path under docs_dir, with '/' separators."""
    problems: list[Problem] = []
    shown = f"docs/{rel_path}"
    base = posixpath.dirname(rel_path)
    last_level = 0
    for number, line in _fence_openings(text):
        if MERMAID_FENCE.match(line):
            problems.append(_diagram_problem(shown, number))
    for number, line in _body_lines(text):
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
            local = _local_target(m["target"])
            if local is None:
                continue
            resolved = posixpath.normpath(posixpath.join(base, local))
            if resolved.startswith("..") or not (docs_dir / resolved).exists():
                problems.append(Problem(
                    file=shown, line=number,
                    what_th=f"ลิงก์ไปยัง {m['target']} แต่ไม่มีไฟล์นี้ (docs/{resolved})",
                    what_en=f"The link {m['target']} points to a file that does not exist (docs/{resolved}).",
                    fix_th="ตรวจสอบชื่อไฟล์และโฟลเดอร์ให้ถูกต้อง ลิงก์ไปยังหน้าอื่นให้ใช้ที่อยู่ของไฟล์ .md เทียบจากไฟล์นี้",
                    fix_en="Check the file and folder names; link to other pages by their .md file path, "
                    "relative to this file.",
                ))
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
