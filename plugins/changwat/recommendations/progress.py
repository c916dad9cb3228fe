"""data/progress.yml: what a web officer records about each recommendation, checked with file, line and field.

    updated: 2026-11-20                 # the date the progress was last reviewed (Gregorian year)
    recommendations:
      d1-s1-r1:
        status: done                    # not-started | in-progress | done (Thai words work too)
        score: 80                       # optional, 0–100; when given it is used instead of the status
        unit: กลุ่มงานยุทธศาสตร์ฯ         # or {th: ..., en: ...}
        target: 2026-12-31
        evidence:
          - url: https://...
            title: {th: ..., en: ...}   # or one string, or leave the title out
        note: ...                       # or {th: ..., en: ...}

Every mistake in the file is reported in one round, each naming the line and the field.

A status and a score given together must agree: not-started is 0, in-progress more than 0 and less than 100,
done 100 (SCORE_BANDS). "not-started" with 95 is refused: one of the two is wrong, and the build cannot tell
which, so it names both lines and lets the officer decide.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

import yaml

from changwat.core.problems import Problem

STATUSES = ("not-started", "in-progress", "done")
# Officers write what they say: Thai words and the obvious English spellings name the same three states.
STATUS_ALIASES = {
    "not-started": "not-started", "not started": "not-started", "not_started": "not-started",
    "ยังไม่เริ่ม": "not-started", "ยังไม่ดำเนินการ": "not-started",
    "in-progress": "in-progress", "in progress": "in-progress", "in_progress": "in-progress",
    "กำลังดำเนินการ": "in-progress", "อยู่ระหว่างดำเนินการ": "in-progress",
    "done": "done", "ดำเนินการแล้ว": "done", "เสร็จแล้ว": "done", "แล้วเสร็จ": "done",
}
FIELDS = ("status", "score", "unit", "target", "evidence", "note")
TOP_LEVEL = ("updated", "recommendations")
BUDDHIST_ERA_OFFSET = 543
# The scores each status allows when both are given; every score from 0 to 100 fits exactly one band.
SCORE_BANDS = {
    "not-started": {"th": "0 เท่านั้น", "en": "exactly 0", "fits": lambda v: v == 0},
    "in-progress": {"th": "มากกว่า 0 และน้อยกว่า 100", "en": "more than 0 and less than 100", "fits": lambda v: 0 < v < 100},
    "done": {"th": "100 เท่านั้น", "en": "exactly 100", "fits": lambda v: v == 100},
}
STATUS_TH = {"not-started": "ยังไม่เริ่ม", "in-progress": "กำลังดำเนินการ", "done": "ดำเนินการแล้ว"}


@dataclass(frozen=True)
class EvidenceLink:
    url: str
    title: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    rec_id: str
    status: str | None = None        # one of STATUSES, or None when only a score is given
    score: float | None = None
    unit: dict[str, str] = field(default_factory=dict)
    target: dt.date | None = None
    evidence: tuple[EvidenceLink, ...] = ()
    note: dict[str, str] = field(default_factory=dict)
    line: int | None = None


@dataclass(frozen=True)
class ProgressData:
    entries: dict[str, Progress]
    updated: dt.date | None = None


# ---- YAML with line numbers -------------------------------------------------------------------------------

@dataclass
class Node:
    """A YAML value with the line it starts on (1-based), so problems can point at it."""
    value: object
    line: int


def _walk(node, loader, problems, file) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Node] = {}
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(_walk(key_node, loader, problems, file).value)
            key_line = key_node.start_mark.line + 1
            if key in keys:
                problems.append(Problem(
                    file=file, line=key_line, field=key,
                    what_th=f"มี {key} ซ้ำกัน (บรรทัด {keys[key]} และ {key_line})",
                    what_en=f"{key} appears twice (lines {keys[key]} and {key_line}).",
                    fix_th="รวมข้อมูลไว้ที่เดียวแล้วลบรายการที่ซ้ำ",
                    fix_en="Merge the two entries into one and delete the other.",
                ))
            keys[key] = key_line
            out[key] = _walk(value_node, loader, problems, file)
            out[key].line = key_line  # the key's line is where an officer looks for "d1-s1-r1:" or "score:"
        return Node(out, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_walk(item, loader, problems, file) for item in node.value], line)
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError):
        value = node.value  # e.g. 2026-13-01: kept as text so the field check can name it
    return Node(value, line)


def _plain(node: Node):
    if isinstance(node.value, dict):
        return {k: _plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [_plain(v) for v in node.value]
    return node.value


def load_yaml_with_lines(text: str, file: str) -> tuple[Node | None, list[Problem]]:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, [Problem(
            file=file, line=mark.line + 1 if mark else None,
            what_th=f"อ่านไฟล์ไม่ได้ รูปแบบ YAML ไม่ถูกต้อง ({error.problem})",
            what_en=f"The file cannot be read: the YAML is not valid ({error.problem}).",
            fix_th="ตรวจการย่อหน้า (ใช้ช่องว่าง ไม่ใช้แท็บ) เครื่องหมาย : และเครื่องหมายคำพูดในบรรทัดนี้และบรรทัดก่อนหน้า",
            fix_en="Check the indentation (spaces, not tabs), the colons and the quotes on this line and the one before.",
        )]
    finally:
        loader.dispose()
    if root is None:
        return None, []
    problems: list[Problem] = []
    return _walk(root, loader, problems, file), problems


# ---- Field checks ------------------------------------------------------------------------------------------

def _suggest(word: str, choices) -> tuple[str, str]:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        return "", ""
    return f" หรือหมายถึง {close[0]}?", f" Did you mean {close[0]}?"


def _text(node: Node, rec_id: str, name: str, file: str, problems: list[Problem]) -> dict[str, str]:
    """A string (shown in every language) or {th: ..., en: ...}."""
    value = node.value
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return {"*": str(value)}
    if isinstance(value, dict) and value and all(k in ("th", "en") for k in value) \
            and all(isinstance(v.value, str) and v.value.strip() for v in value.values()):
        return {k: v.value for k, v in value.items()}
    problems.append(Problem(
        file=file, line=node.line, field=f"{rec_id}.{name}",
        what_th=f"{name} ต้องเป็นข้อความ หรือข้อความแยกภาษา th และ en",
        what_en=f"{name} must be text, or text per language under th and en.",
        fix_th=f"เขียนเป็น {name}: ข้อความ หรือ {name}: {{th: ข้อความไทย, en: English text}} "
        "ถ้าข้อความมีเครื่องหมายจุลภาค (,) หรือทวิภาค (:) ให้ใส่ข้อความไว้ในเครื่องหมายคำพูด \"...\"",
        fix_en=f"Write {name}: some text, or {name}: {{th: Thai text, en: English text}}. "
        "Put a text with a comma (,) or a colon (:) in double quotes \"...\".",
    ))
    return {}


def _date(node: Node, where: str, file: str, problems: list[Problem]) -> dt.date | None:
    value = node.value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if value.year > 2400:
            problems.append(Problem(
                file=file, line=node.line, field=where,
                what_th=f"วันที่ {value.isoformat()} ใช้ปี พ.ศ.",
                what_en=f"The date {value.isoformat()} uses a Buddhist-era year.",
                fix_th=f"ใช้ปี ค.ศ. เช่น {value.year - BUDDHIST_ERA_OFFSET}-{value.month:02d}-{value.day:02d}",
                fix_en=f"Use the Gregorian year, e.g. {value.year - BUDDHIST_ERA_OFFSET}-{value.month:02d}-{value.day:02d}.",
            ))
            return None
        return value
    problems.append(Problem(
        file=file, line=node.line, field=where,
        what_th=f"อ่านวันที่ \"{value}\" ไม่ได้",
        what_en=f"The date \"{value}\" cannot be read.",
        fix_th="เขียนเป็น ปี ค.ศ.-เดือน-วัน เช่น 2026-12-31",
        fix_en="Write it as year-month-day with the Gregorian year, e.g. 2026-12-31.",
    ))
    return None


def _status(node: Node, rec_id: str, file: str, problems: list[Problem]) -> str | None:
    raw = node.value
    status = STATUS_ALIASES.get(str(raw).strip().lower()) if isinstance(raw, str) else None
    if status:
        return status
    hint_th, hint_en = _suggest(str(raw).strip().lower(), STATUS_ALIASES)
    problems.append(Problem(
        file=file, line=node.line, field=f"{rec_id}.status",
        what_th=f"ไม่รู้จักสถานะ \"{raw}\"{hint_th}",
        what_en=f"Unknown status \"{raw}\".{hint_en}",
        fix_th="ใช้ not-started (ยังไม่เริ่ม), in-progress (กำลังดำเนินการ) หรือ done (ดำเนินการแล้ว)",
        fix_en="Use not-started, in-progress or done.",
    ))
    return None


def _score(node: Node, rec_id: str, file: str, problems: list[Problem]) -> float | None:
    value = node.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100:
        return float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        what_th, what_en = f"คะแนน {value} อยู่นอกช่วง 0–100", f"The score {value} is outside 0–100."
    else:
        what_th, what_en = f"คะแนน \"{value}\" ไม่ใช่ตัวเลข", f"The score \"{value}\" is not a number."
    problems.append(Problem(
        file=file, line=node.line, field=f"{rec_id}.score", what_th=what_th, what_en=what_en,
        fix_th="ใส่ตัวเลขตั้งแต่ 0 ถึง 100 (ไม่ต้องมีเครื่องหมาย %) หรือลบบรรทัดนี้เพื่อใช้คะแนนตามสถานะ",
        fix_en="Give a number from 0 to 100 (without %), or delete the line to score by the status.",
    ))
    return None


def _evidence(node: Node, rec_id: str, file: str, problems: list[Problem]) -> tuple[EvidenceLink, ...]:
    where = f"{rec_id}.evidence"

    def bad(item: Node, what_th: str, what_en: str) -> None:
        problems.append(Problem(
            file=file, line=item.line, field=where, what_th=what_th, what_en=what_en,
            fix_th="เขียนเป็นรายการ แต่ละรายการมี url: (ขึ้นต้นด้วย https:// หรือ http://) และ title: (ไม่บังคับ)",
            fix_en="Write a list; each item has url: (starting with https:// or http://) and an optional title:.",
        ))

    if not isinstance(node.value, list):
        bad(node, "หลักฐานต้องเป็นรายการ (ขึ้นต้นแต่ละรายการด้วย - )", "Evidence must be a list (each item starts with - ).")
        return ()
    links = []
    for item in node.value:
        url, title = None, {}
        if isinstance(item.value, str):
            url = item.value
        elif isinstance(item.value, dict):
            unknown = [k for k in item.value if k not in ("url", "title")]
            if unknown:
                bad(item, f"หลักฐานมีช่องที่ไม่รู้จัก: {', '.join(unknown)}", f"Unknown evidence field(s): {', '.join(unknown)}.")
                continue
            url = item.value.get("url").value if "url" in item.value else None
            if "title" in item.value:
                title = _text(item.value["title"], rec_id, "evidence.title", file, problems)
        if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+\.[^\s]+$", url.strip()):
            bad(item, f"ลิงก์หลักฐาน \"{url}\" ไม่ใช่ที่อยู่เว็บที่ถูกต้อง", f"The evidence link \"{url}\" is not a valid web address.")
            continue
        links.append(EvidenceLink(url.strip(), title))
    return tuple(links)


def _agree(status: str, score: float, status_line: int, score_line: int, rec_id: str, file: str,
           problems: list[Problem]) -> None:
    band = SCORE_BANDS[status]
    if band["fits"](score):
        return
    shown = f"{score:g}"
    fitting = next(s for s, b in SCORE_BANDS.items() if b["fits"](score))
    problems.append(Problem(
        file=file, line=score_line, field=f"{rec_id}.score",
        what_th=f"สถานะ {status} ({STATUS_TH[status]}, บรรทัด {status_line}) ขัดกับคะแนน {shown}: "
        f"สถานะนี้ต้องมีคะแนน {band['th']}",
        what_en=f"The status {status} (line {status_line}) contradicts the score {shown}: "
        f"this status needs a score of {band['en']}.",
        fix_th=f"แก้สถานะเป็น {fitting} ({STATUS_TH[fitting]}) หรือแก้คะแนนให้ตรงกับสถานะ "
        "หรือลบ score: เพื่อใช้คะแนนตามสถานะ",
        fix_en=f"Change the status to {fitting}, or change the score to match the status, "
        "or delete score: to score by the status.",
    ))


def parse_progress(text: str, known_ids: list[str], file: str = "data/progress.yml") -> tuple[ProgressData, list[Problem]]:
    root, problems = load_yaml_with_lines(text, file)
    if root is None:
        return ProgressData({}), problems
    if not isinstance(root.value, dict):
        return ProgressData({}), problems + [Problem(
            file=file, line=root.line,
            what_th="ไฟล์ต้องขึ้นต้นด้วย updated: และ recommendations:",
            what_en="The file must start with updated: and recommendations:.",
            fix_th="ดูตัวอย่างในส่วนหัวของไฟล์ data/progress.yml", fix_en="See the example at the top of data/progress.yml.",
        )]
    for key, node in root.value.items():
        if key not in TOP_LEVEL:
            hint_th, hint_en = _suggest(key, TOP_LEVEL)
            problems.append(Problem(
                file=file, line=node.line, field=key,
                what_th=f"ไม่รู้จักหัวข้อ {key}{hint_th}", what_en=f"Unknown heading {key}.{hint_en}",
                fix_th="ไฟล์มีได้เพียง updated: และ recommendations:", fix_en="The file has only updated: and recommendations:.",
            ))
    updated = _date(root.value["updated"], "updated", file, problems) if "updated" in root.value else None
    recs = root.value.get("recommendations")
    entries: dict[str, Progress] = {}
    if recs is None or recs.value is None:
        return ProgressData(entries, updated), problems
    if not isinstance(recs.value, dict):
        return ProgressData(entries, updated), problems + [Problem(
            file=file, line=recs.line, field="recommendations",
            what_th="recommendations: ต้องตามด้วยรหัสข้อเสนอแนะ เช่น d1-s1-r1:",
            what_en="recommendations: must be followed by recommendation ids such as d1-s1-r1:.",
            fix_th="ย่อหน้ารหัสแต่ละตัวใต้ recommendations: แล้วใส่ข้อมูลใต้รหัส",
            fix_en="Indent each id under recommendations: and put its fields under the id.",
        )]
    known = set(known_ids)
    for rec_id, node in recs.value.items():
        if rec_id not in known:
            hint_th, hint_en = _suggest(rec_id, known_ids)
            problems.append(Problem(
                file=file, line=node.line, field=rec_id,
                what_th=f"ไม่มีข้อเสนอแนะรหัส {rec_id}{hint_th}",
                what_en=f"There is no recommendation with the id {rec_id}.{hint_en}",
                fix_th="ใช้รหัสจาก data/recommendations.yml (เช่น d1-s1-r1) หรือจากหน้าข้อเสนอแนะบนเว็บไซต์",
                fix_en="Use an id from data/recommendations.yml (e.g. d1-s1-r1), as shown on the recommendation's page.",
            ))
            continue
        entry = _entry(rec_id, node, file, problems)
        if entry:
            entries[rec_id] = entry
    return ProgressData(entries, updated), problems


def _entry(rec_id: str, node: Node, file: str, problems: list[Problem]) -> Progress | None:
    if not isinstance(node.value, dict):
        problems.append(Problem(
            file=file, line=node.line, field=rec_id,
            what_th=f"{rec_id} ไม่มีข้อมูล", what_en=f"{rec_id} has no fields.",
            fix_th="ใส่อย่างน้อย status: หรือ score: ใต้รหัส (ย่อหน้าเข้าไป) หรือลบรหัสนี้ออก",
            fix_en="Put at least status: or score: under the id (indented), or delete the id.",
        ))
        return None
    fields = node.value
    for name, value in fields.items():
        if name not in FIELDS:
            hint_th, hint_en = _suggest(name, FIELDS)
            problems.append(Problem(
                file=file, line=value.line, field=f"{rec_id}.{name}",
                what_th=f"ไม่รู้จักช่อง {name}{hint_th}", what_en=f"Unknown field {name}.{hint_en}",
                fix_th=f"ใช้ได้เฉพาะ {', '.join(FIELDS)}", fix_en=f"Use only {', '.join(FIELDS)}.",
            ))
    if "status" not in fields and "score" not in fields:
        problems.append(Problem(
            file=file, line=node.line, field=rec_id,
            what_th=f"{rec_id} ไม่มีทั้งสถานะและคะแนน", what_en=f"{rec_id} has neither a status nor a score.",
            fix_th="ใส่ status: (not-started, in-progress หรือ done) หรือ score: (0–100)",
            fix_en="Add status: (not-started, in-progress or done) or score: (0–100).",
        ))
    status = _status(fields["status"], rec_id, file, problems) if "status" in fields else None
    score = _score(fields["score"], rec_id, file, problems) if "score" in fields else None
    if status is not None and score is not None:
        _agree(status, score, fields["status"].line, fields["score"].line, rec_id, file, problems)
    return Progress(
        rec_id=rec_id, status=status, score=score,
        unit=_text(fields["unit"], rec_id, "unit", file, problems) if "unit" in fields else {},
        target=_date(fields["target"], f"{rec_id}.target", file, problems) if "target" in fields else None,
        evidence=_evidence(fields["evidence"], rec_id, file, problems) if "evidence" in fields else (),
        note=_text(fields["note"], rec_id, "note", file, problems) if "note" in fields else {},
        line=node.line,
    )

