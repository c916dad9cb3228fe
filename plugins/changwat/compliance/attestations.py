"""data/attestations.yml: a person's word for a standard item the built site cannot show (domain, HTTPS, server,
documents), read with file:line for every mistake, in Thai and English.

    attestations:
      - item: X1                        # an item of checks/gws_items.yml that needs a person (kind manual)
        who: นายสมชาย ใจดี กลุ่มงานข้อมูลสารสนเทศ
        when: 2026-10-15                # the day the person checked (Gregorian year)
        evidence: https://...           # where the proof is: a report, a scan, a letter in e-filing
        note: ...                       # optional

An attestation is good for a year (VALID_DAYS): after that the item counts as not attested again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from changwat.core.problems import ContentError, Problem
from changwat.recommendations.progress import load_yaml_with_lines

VALID_DAYS = 365
FIELDS = ("item", "who", "when", "evidence", "note")
REQUIRED = ("item", "who", "when", "evidence")


@dataclass(frozen=True)
class Attestation:
    item: str
    who: str
    when: dt.date
    evidence: str
    note: str = ""
    line: int | None = None

    def expires(self) -> dt.date:
        return self.when + dt.timedelta(days=VALID_DAYS)

    def current(self, today: dt.date) -> bool:
        return today < self.expires()


def _problem(file, line, field, what_th, what_en, fix_th, fix_en) -> Problem:
    return Problem(file=file, line=line, field=field, what_th=what_th, what_en=what_en, fix_th=fix_th, fix_en=fix_en)


def parse_attestations(text: str, file: str, manual_ids: set[str], all_ids: set[str],
                       today: dt.date) -> list[Attestation]:
    """Every attestation of the file; ContentError with every problem (file:line, field) when any is wrong."""
    root, problems = load_yaml_with_lines(text, file)
    if root is None:
        if problems:
            raise ContentError(problems)
        return []
    entries = root.value.get("attestations") if isinstance(root.value, dict) else None
    if entries is None or not isinstance(entries.value, list):
        raise ContentError([_problem(
            file, root.line, "attestations",
            "ไฟล์ต้องมีหัวข้อ attestations: ตามด้วยรายการที่ขึ้นต้นด้วย -",
            "The file must have attestations: followed by a list of entries starting with -.",
            "ดูตัวอย่างที่ต้นไฟล์ data/attestations.yml", "See the example at the top of data/attestations.yml.")])
    found: list[Attestation] = []
    for node in entries.value:
        if not isinstance(node.value, dict):
            problems.append(_problem(file, node.line, None, "แต่ละรายการต้องมี item who when evidence",
                                     "Each entry needs item, who, when and evidence.",
                                     "เขียนแต่ละช่องในบรรทัดของตัวเอง", "Write each field on its own line."))
            continue
        fields = node.value
        bad = len(problems)
        for name in fields:
            if name not in FIELDS:
                problems.append(_problem(file, fields[name].line, name, f"ไม่รู้จักช่อง {name}",
                                         f"Unknown field {name}.", f"ใช้ได้เฉพาะ {', '.join(FIELDS)}",
                                         f"Only {', '.join(FIELDS)} are allowed."))
        for name in REQUIRED:
            value = fields.get(name)
            if value is None or value.value in (None, ""):
                problems.append(_problem(file, value.line if value else node.line, name,
                                         f"ไม่มีช่อง {name} ซึ่งต้องมี", f"The required field {name} is missing.",
                                         f"เพิ่ม {name}: ในรายการนี้", f"Add {name}: to this entry."))
        item = fields.get("item")
        if item is not None and item.value not in (None, ""):
            item_id = str(item.value)
            if item_id not in all_ids:
                problems.append(_problem(file, item.line, "item", f"ไม่มีข้อ {item_id} ในรายการมาตรฐาน",
                                         f"There is no standard item {item_id}.",
                                         "ใช้รหัสข้อตาม checks/gws_items.yml เช่น X1 N1 F13",
                                         "Use an item id of checks/gws_items.yml, e.g. X1, N1, F13."))
            elif item_id not in manual_ids:
                problems.append(_problem(file, item.line, "item",
                                         f"ข้อ {item_id} ตรวจจากเว็บไซต์โดยอัตโนมัติ ไม่ต้องมีผู้รับรอง",
                                         f"Item {item_id} is verified on the built site; it takes no attestation.",
                                         "ลบรายการนี้ หรือเปลี่ยนเป็นข้อที่ต้องตรวจโดยบุคคล",
                                         "Delete this entry or name an item that needs a person."))
        when = fields.get("when")
        day = None
        if when is not None and when.value not in (None, ""):
            day = when.value if isinstance(when.value, dt.date) and not isinstance(when.value, dt.datetime) else None
            if day is None:
                problems.append(_problem(file, when.line, "when", f"วันที่ {when.value} ไม่ถูกต้อง",
                                         f"The date {when.value} is not valid.",
                                         "เขียนวันที่แบบ 2026-10-15 (ปี ค.ศ.)", "Write the date like 2026-10-15."))
            elif day.year > today.year + 400:
                problems.append(_problem(file, when.line, "when", f"ปี {day.year} น่าจะเป็นปี พ.ศ.",
                                         f"The year {day.year} looks like a Buddhist-era year.",
                                         f"ใช้ปี ค.ศ. ({day.year - 543})", f"Use the Gregorian year ({day.year - 543})."))
            elif day > today:
                problems.append(_problem(file, when.line, "when", f"วันที่ {day} ยังมาไม่ถึง",
                                         f"The date {day} is in the future.",
                                         "ใช้วันที่ตรวจจริง", "Use the day the check was done."))
        evidence = fields.get("evidence")
        if evidence is not None and evidence.value not in (None, "") and \
                not str(evidence.value).startswith(("https://", "http://")):
            problems.append(_problem(file, evidence.line, "evidence", "หลักฐานต้องเป็นลิงก์ที่เปิดได้",
                                     "The evidence must be a link that opens.",
                                     "ใส่ลิงก์ที่ขึ้นต้นด้วย https:// ไปยังรายงานหรือเอกสาร",
                                     "Give a link starting with https:// to the report or document."))
        if len(problems) == bad:
            note = fields.get("note")
            found.append(Attestation(item=str(item.value), who=str(fields["who"].value), when=day,
                                     evidence=str(evidence.value), note=str(note.value) if note and note.value else "",
                                     line=node.line))
    if problems:
        raise ContentError(problems)
    return found


def read_attestations(path: Path, name: str, manual_ids: set[str], all_ids: set[str],
                      today: dt.date) -> list[Attestation]:
    """The file's attestations ([] when there is no file); ContentError as parse_attestations."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return parse_attestations(text, name, manual_ids, all_ids, today)


def latest(attestations: list[Attestation]) -> dict[str, Attestation]:
    """The newest attestation of each item."""
    out: dict[str, Attestation] = {}
    for a in attestations:
        if a.item not in out or a.when > out[a.item].when:
            out[a.item] = a
    return out
