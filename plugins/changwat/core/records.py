"""A data file's record as one dataclass: each field's metadata is the one definition of its label, kind, hint,
allowed form and whether it is required. RecordReader checks a file against it (core/office.py, home/data.py) and
the browser editor (editor/config.py) builds its fields from it, so the two cannot disagree.

Plain module, no MkDocs import.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from changwat.core.problems import Problem
from changwat.core.thai_dates import DateError, read_date

Text = dict  # {'th': ..., 'en': ...}


def spec(kind: str, th: str, en: str, hint_th: str = "", hint_en: str = "", *, multiline: bool = False,
         choices: dict[str, dict[str, str]] | None = None, default: Any = dataclasses.MISSING,
         pattern: tuple[str, str, str] | None = None, record: type | None = None, end_of_day: bool = False):
    """A dataclass field with what the loader and the editor both need.

    kind: text (one per language), value (one line, the same in every language), link (a page of the site or an
    https address), date, choice or list (of `record`). pattern: (regular expression, what to write in Thai, in
    English) for a value. end_of_day: a date without a time means the end of that day (an expiry). A field with a
    default is optional."""
    meta = {"kind": kind, "label": {"th": th, "en": en}, "hint": {"th": hint_th, "en": hint_en},
            "multiline": multiline, "choices": choices or {}, "pattern": pattern, "record": record,
            "end_of_day": end_of_day}
    return field(metadata=meta) if default is dataclasses.MISSING else field(default=default, metadata=meta)


def required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def compose(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The file's YAML as nodes (they keep their lines), or the problem that stops it being read."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), []
    except yaml.YAMLError as error:
        # An unclosed quote: the line where it opened, not the end of the file where the scanner gave up. Other
        # errors: where the parser stopped (its context would be the start of the whole mapping).
        scanning = str(getattr(error, "context", "") or "").startswith("while scanning")
        mark = (scanning and getattr(error, "context_mark", None)) or getattr(error, "problem_mark", None) \
            or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or error
        return None, [Problem(
            file=shown, line=mark.line + 1 if mark else None,
            what_th=f"อ่านไฟล์ไม่ได้ (YAML): {reason}", what_en=f"The file cannot be read (YAML): {reason}",
            fix_th="ตรวจเครื่องหมายคำพูดที่ไม่ได้ปิด การเยื้องบรรทัด และ : หลังชื่อช่อง",
            fix_en="Look for an unclosed quote, a wrong indentation or a missing : after a field name.")]


def node_of(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((value for k, value in mapping.value if k.value == key), None)


def _empty(node) -> bool:
    """Nothing written: no value, null, blank, an empty list, or texts left blank in every language (what the
    editor saves for an optional text nobody filled in)."""
    if node is None:
        return True
    if isinstance(node, yaml.ScalarNode):
        return node.tag == "tag:yaml.org,2002:null" or not node.value.strip()
    if isinstance(node, yaml.MappingNode):
        return all(_empty(value) for _, value in node.value)
    return not node.value


class RecordReader:
    """One data file checked against record dataclasses: every problem at the line of its YAML node, all in one
    round. docs_dir: where a link's page must exist (in every language); None skips that check."""

    def __init__(self, shown: str, languages: tuple[str, ...], docs_dir: Path | None = None):
        self.shown, self.languages, self.docs_dir = shown, languages, docs_dir
        self.problems: list[Problem] = []

    def problem(self, node, where: str | None, what_th, what_en, fix_th, fix_en):
        self.problems.append(Problem(file=self.shown, line=node.start_mark.line + 1 if node is not None else None,
                                     field=where, what_th=what_th, what_en=what_en, fix_th=fix_th, fix_en=fix_en))

    def record(self, record: type, node, where: str, label: dict[str, str], *, entry: bool = False) -> Any:
        """A mapping checked against the dataclass's fields; None after any problem. label names the record in
        messages ("ช่องบริการรายการที่ 2" / "Tile 2"); entry: it is an entry of a list (starts with -)."""
        before = len(self.problems)
        prefix = f"{where}." if where else ""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"{label['th']} ต้องเป็นชุดของ ชื่อ: ค่า",
                         f"{label['en']} must be a set of 'name: value' lines.",
                         "ขึ้นต้นรายการด้วย - แล้วตามด้วย ชื่อ: ค่า ทีละบรรทัด" if entry else
                         "เขียนทีละบรรทัดในรูป ชื่อ: ค่า เช่น phone: \"0 9999 1234\"",
                         "Start the entry with - and write one 'name: value' per line under it." if entry else
                         "Write one 'name: value' per line, e.g. phone: \"0 9999 1234\".")
            return None
        given = {str(key.value): (key, value) for key, value in node.value}
        known = {f.name: f for f in dataclasses.fields(record)}
        for key in sorted(given.keys() - known.keys()):
            self.problem(given[key][0], prefix + key, f"ไม่รู้จักช่อง {key}", f"Unknown field {key}.",
                         f"ใช้ชื่อที่รู้จัก: {', '.join(known)}", f"Use one of the known names: {', '.join(known)}.")
        values: dict[str, Any] = {}
        for name, f in known.items():
            meta, at = f.metadata, prefix + name
            key, value = given.get(name, (None, None))
            if _empty(value):
                if required(f):
                    # At its key, or at the entry it is missing from (a whole file without it has no line).
                    self.problem(key or (node if where else None), at,
                                 f"{label['th']} ไม่มี{meta['label']['th']} ({name})",
                                 f"{label['en']} has no {meta['label']['en'].lower()} ({name}).",
                                 f"เพิ่ม {name}: ในรายการนี้" if entry else f"เพิ่ม {name}: พร้อมค่าใน {self.shown}",
                                 f"Add {name}: to this entry." if entry else f"Add {name}: with its value to {self.shown}.")
                continue
            values[name] = self.field(meta, key, value, at, name)
        if len(self.problems) > before:
            return None
        made = record(**values)
        # A rule between fields (an alert's expiry after its start): the record says what is wrong, at which field.
        wrong = made.cross_check() if hasattr(made, "cross_check") else None
        if wrong:
            name, *texts = wrong
            self.problem(node_of(node, name) or node, prefix + name, *texts)
            return None
        return made

    def field(self, meta, key, value, where: str, name: str) -> Any:
        kind = meta["kind"]
        if kind == "text":
            return self.text(key, value, where, name, meta["multiline"])
        if kind == "list":
            return self.items(value, where, meta["record"])
        if kind == "link":
            return self.link(value, where)
        if kind == "date":
            return self.date(value, where, meta["end_of_day"])
        if kind == "choice":
            return self.choice(value, where, name, meta["choices"])
        return self.value(value, where, name, meta["pattern"])

    def text(self, key_node, node, where: str, name: str, multiline: bool) -> Text | None:
        example = "".join(f"\n  {code}: ..." for code in self.languages)
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"{name} ต้องเขียนแยกตามภาษา", f"{name} must be given per language.",
                         f"เขียนเป็น {name}:{example}", f"Write it as {name}:{example}")
            return None
        values = {}
        for key, value in node.value:
            if not isinstance(value, yaml.ScalarNode):
                self.problem(value, f"{where}.{key.value}", f"{name} ({key.value}) ต้องเป็นข้อความธรรมดา",
                             f"{name} ({key.value}) must be plain text.",
                             "เขียนข้อความต่อจาก : ในบรรทัดเดียว หรือหลัง | สำหรับหลายบรรทัด",
                             "Write the text after the : on the same line, or after | for several lines.")
                continue
            values[str(key.value)] = value.value.strip()
        for code in self.languages:
            if not values.get(code):
                self.problem(key_node or node, f"{where}.{code}", f"{name} ยังไม่มีภาษา {code}",
                             f"{name} has no '{code}' text.", f"เพิ่ม {code}: ใต้ {name}:", f"Add {code}: under {name}:.")
        if not multiline:
            for code, value in values.items():
                if "\n" in value:
                    self.problem(node, f"{where}.{code}", f"{name} ต้องอยู่ในบรรทัดเดียว", f"{name} must be one line.",
                                 "ลบการขึ้นบรรทัดใหม่", "Remove the line break.")
        return values

    def value(self, node, where: str, name: str, pattern) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, where, f"{name} ต้องเป็นค่าเดียว (ไม่แยกภาษา)", f"{name} must be a single value "
                         "(the same in every language).", f"เขียน {name}: ค่า ในบรรทัดเดียว",
                         f"Write {name}: and its value on one line.")
            return None
        text = node.value.strip()
        if pattern and not re.fullmatch(pattern[0], text):
            self.problem(node, where, f"{name} \"{text[:60]}\" ไม่ถูกรูปแบบ", f"{name} \"{text[:60]}\" is not in the "
                         "expected form.", f"เขียนเป็น{pattern[1]}", f"Write {pattern[2]}.")
            return None
        return text

    def link(self, node, where: str) -> str | None:
        value = node.value.strip() if isinstance(node, yaml.ScalarNode) else None
        if value and value.startswith("https://") and " " not in value:
            return value
        if value and value.endswith(".md") and not value.startswith(("/", "http")) and ".." not in value.split("/"):
            missing = [code for code in self.languages
                       if self.docs_dir is not None and not (self.docs_dir / code / value).is_file()]
            if missing:
                self.problem(node, where, f"ไม่พบหน้า {value} ({', '.join(missing)})",
                             f"There is no page {value} ({', '.join(missing)}).",
                             f"ใช้ที่อยู่ของหน้าที่มีอยู่ใน docs/{self.languages[0]}/ เช่น services/e-services.md",
                             f"Use the path of an existing page under docs/{self.languages[0]}/, "
                             "e.g. services/e-services.md.")
                return None
            return value
        self.problem(node, where, f"ลิงก์ \"{value or ''}\" ใช้ไม่ได้", f"The link \"{value or ''}\" cannot be used.",
                     "ใช้หน้าในเว็บไซต์ เช่น services/e-services.md หรือที่อยู่เว็บที่ขึ้นต้นด้วย https://",
                     "Use a page of the site (services/e-services.md) or an address starting with https://.")
        return None

    def date(self, node, where: str, end_of_day: bool) -> dt.datetime | None:
        raw = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
        try:
            when, has_time = read_date(raw)  # the items' rule: a Buddhist-era year is refused with the fix
        except DateError as error:
            self.problems.append(error.problem(self.shown, node.start_mark.line + 1, where))
            return None
        return when + dt.timedelta(days=1) if end_of_day and not has_time else when

    def choice(self, node, where: str, name: str, choices: dict) -> str | None:
        value = node.value.strip() if isinstance(node, yaml.ScalarNode) else None
        if value in choices:
            return value
        listed = ", ".join(f"{key} ({names['th']})" for key, names in choices.items())
        self.problem(node, where, f"{name} \"{value or ''}\" ไม่มีในรายการ", f"{name} \"{value or ''}\" is not one of "
                     "the choices.", f"ใช้อย่างใดอย่างหนึ่ง: {listed}", f"Use one of: {', '.join(choices)}.")
        return None

    def items(self, node, where: str, record: type, label: dict[str, str] | None = None) -> tuple | None:
        """A list of records; label names one entry ({"th": "ช่องบริการ", "en": "tile"})."""
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, where, f"{where} ต้องเป็นรายการ", f"{where} must be a list.",
                         "ขึ้นต้นแต่ละรายการด้วย - ", "Start each entry with - .")
            return None
        found = []
        for index, entry in enumerate(node.value, start=1):
            named = ({"th": f"{label['th']}รายการที่ {index}", "en": f"{label['en'].capitalize()} {index}"} if label
                     else {"th": f"รายการที่ {index} ของ {where}", "en": f"Entry {index} of {where}"})
            found.append(self.record(record, entry, f"{where}[{index}]", named, entry=True))
        return tuple(found) if all(found) else None
