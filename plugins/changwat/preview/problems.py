"""A failed preview build told as Problems: file, line, what is wrong and how to fix it, in Thai and English.

The kit's plugins stop a build with a ContentError, most of them wrapped in MkDocs' PluginError whose message is
the ContentError's text, so the Problems themselves are gone by the time the build fails: parse_content_error
reads that text back (it is the inverse of Problem.explain, and a test checks the round trip). What MkDocs
itself complains about (a broken mkdocs.yml, a warning in strict mode) becomes a Problem that quotes it.
No MkDocs import here: cli/serve.py hands over the exception and the messages logged during the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from changwat.core.problems import ContentError, Problem

HEADER = re.compile(r"พบปัญหาในเนื้อหา \d+ รายการ / Found \d+ content problem\(s\):$")
WHERE = re.compile(r"^(?P<file>\S.*?)(?::(?P<line>\d+))?(?: \((?P<field>[^()]*)\))?$")
# The four lines of Problem.explain(), in their order.
LABELS = (("  ปัญหา: ", "what_th"), ("  วิธีแก้: ", "fix_th"), ("  Problem: ", "what_en"), ("  How to fix: ", "fix_en"))
DOC_FILE = re.compile(r"Doc file '(?P<file>[^']+)'")

FIX_TH = "แก้ตามที่ข้อความระบุ แล้วบันทึกไฟล์ ตัวอย่างจะสร้างใหม่และกลับเป็นเว็บไซต์เองเมื่อแก้ครบทุกข้อ"
FIX_EN = ("Fix what the message says and save the file: the preview rebuilds and turns back into the site by "
          "itself once every problem is fixed.")


def parse_content_error(text: str) -> list[Problem] | None:
    """The Problems in a ContentError's text (anywhere in `text`), or None when it holds none."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if HEADER.search(line)), None)
    if start is None:
        return None
    problems: list[Problem] = []
    current: dict[str, str] | None = None
    field_name: str | None = None
    rest = lines[start + 1:]
    for i, line in enumerate(rest):
        label = next(((prefix, name) for prefix, name in LABELS if line.startswith(prefix)), None)
        opens_block = (not line.startswith(" ") and i + 1 < len(rest) and rest[i + 1].startswith(LABELS[0][0])
                       and WHERE.match(line))
        if opens_block:
            if current:
                problems.append(_problem(current))
            current, field_name = {"where": line}, None
        elif label and current is not None:
            field_name = label[1]
            current[field_name] = line[len(label[0]):]
        elif current is not None and field_name and line.strip():
            current[field_name] += "\n" + line.strip()  # a message that itself spans lines
    if current:
        problems.append(_problem(current))
    return problems


def _problem(block: dict[str, str]) -> Problem:
    where = WHERE.match(block["where"])
    return Problem(file=where["file"], line=int(where["line"]) if where["line"] else None, field=where["field"],
                   what_th=block.get("what_th", ""), fix_th=block.get("fix_th", ""),
                   what_en=block.get("what_en", ""), fix_en=block.get("fix_en", ""))


def _chain(error: BaseException | None) -> Iterable[BaseException]:
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def message_problem(message: str, *, file: str, docs_dir: str = "docs") -> Problem:
    """A message from MkDocs (English only): quoted, with the page it names when it names one."""
    named = DOC_FILE.search(message)
    return Problem(file=f"{docs_dir}/{named['file']}" if named else file,
                   what_th=f"MkDocs แจ้งว่า (ข้อความเดิมเป็นภาษาอังกฤษ): {message}",
                   what_en=f"MkDocs says: {message}", fix_th=FIX_TH, fix_en=FIX_EN)


def syntax_problem(error: BaseException) -> Problem | None:
    """A YAML or template syntax error (it knows its file and line), or None for any other error."""
    mark = getattr(error, "problem_mark", None)  # yaml.MarkedYAMLError
    if mark is not None:
        what = " ".join(str(part) for part in (getattr(error, "context", None), getattr(error, "problem", None))
                        if part)
        # An unclosed quote is found at the end of the file: the line that opened it is the one to fix.
        opened = getattr(error, "context_mark", None)
        if opened is not None and "end of stream" in str(getattr(error, "problem", "")):
            mark = opened
        return Problem(
            file=mark.name, line=mark.line + 1,
            what_th=f"ไฟล์ YAML เขียนผิดรูปแบบ ({what})",
            what_en=f"The YAML is not well formed ({what}).",
            fix_th="ตรวจบรรทัดนี้และบรรทัดก่อนหน้า: เครื่องหมายคำพูดที่เปิดแล้วไม่ได้ปิด การย่อหน้าที่ไม่ตรงกัน "
                   "หรือเครื่องหมาย : ที่ไม่มีช่องว่างตามหลัง",
            fix_en="Check this line and the one before: a quote opened and not closed, indentation that does not "
                   "line up, or a colon without a space after it.")
    if getattr(error, "lineno", None) and getattr(error, "filename", None):  # jinja2.TemplateSyntaxError
        return Problem(
            file=str(error.filename), line=int(error.lineno),
            what_th=f"แม่แบบหน้าเว็บเขียนผิด: {error}", what_en=f"The template is not valid: {error}",
            fix_th="แก้แม่แบบในบรรทัดนี้ (วงเล็บ {{ }} หรือ {% %} ที่ไม่ครบคู่) แล้วบันทึกไฟล์",
            fix_en="Fix the template on this line (an unpaired {{ }} or {% %}) and save the file.")
    return None


def kit_failure(error: BaseException) -> Problem:
    """An error that is not a content mistake: a fault in the kit or in the machine, not in the officer's work."""
    text = f"{type(error).__name__}: {error}"
    return Problem(
        file="changwat",
        what_th=f"ชุดเครื่องมือทำงานผิดพลาดโดยไม่คาดคิด ซึ่งอาจไม่ใช่ความผิดของเนื้อหา: {text}",
        what_en=f"The kit failed unexpectedly; this may not be a mistake in your content: {text}",
        fix_th="ลองย้อนการแก้ไขล่าสุด หากยังเป็นอยู่ ส่งข้อความในหน้าต่างคำสั่ง (terminal) ให้ผู้ดูแลเว็บไซต์",
        fix_en="Try undoing your last change; if it stays, send the terminal's output to whoever maintains the site.")


def problems_of_failure(error: BaseException | None, logged: Iterable[str], *, config_file: str,
                        docs_dir: str = "docs", unexpected: bool = False) -> list[Problem]:
    """Every problem a failed build reported, each once: the errors and warnings logged during the build (a
    plugin's ContentError, logged by MkDocs as its PluginError), then what the exception itself holds.

    `unexpected`: the exception is neither MkDocs' nor the content's (a fault in the kit), said as such when
    nothing more precise was found."""
    problems: list[Problem] = []

    def add(found: Iterable[Problem]):
        for problem in found:
            if all((p.file, p.line, p.what_en) != (problem.file, problem.line, problem.what_en) for p in problems):
                problems.append(problem)

    for message in logged:
        add(parse_content_error(message) or [message_problem(message, file=config_file, docs_dir=docs_dir)])
    for link in _chain(error):
        if isinstance(link, ContentError):
            add(link.problems)
        elif (parsed := parse_content_error(str(link))) is not None:
            add(parsed)
        elif (syntax := syntax_problem(link)) is not None:
            add([syntax])
    if not problems and error is not None:
        add([kit_failure(error) if unexpected else message_problem(str(error), file=config_file, docs_dir=docs_dir)])
    return problems


def relative_to(problems: list[Problem], folder: Path) -> list[Problem]:
    """File names as the officer sees them from the site's folder (a YAML error names its file absolutely)."""
    def short(file: str) -> str:
        try:
            return Path(file).resolve().relative_to(folder.resolve()).as_posix() if Path(file).is_absolute() else file
        except ValueError:
            return file
    return [replace(p, file=short(p.file)) for p in problems]
