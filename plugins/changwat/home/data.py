"""The home page's data files: services tiles (data/services.yml) and alerts (data/alerts.yml), checked into typed
records. Plain module, no MkDocs import: home/context.py reads them once per build, editor/config.py builds the
editor's fields from the same dataclass fields (their metadata is the one definition of label, kind, hint and
whether a field is required).

Alerts are shown from their start to the end of their expiry day, Bangkok time. Dates follow the items' rule: a
four-digit year above 2400 is a Buddhist-era year and is refused with the Gregorian year to write instead (the
file, the editor's date widget and the feeds use the Gregorian year; a converted year would leave two calendars in
one file).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from changwat.core.problems import Problem
from changwat.core.records import required, spec  # noqa: F401 (editor/config.py reads home.required)
from changwat.core.thai_dates import DateError, read_date

Text = dict  # {'th': ..., 'en': ...}
LEVELS = {"info": {"th": "แจ้งให้ทราบ", "en": "Information"},
          "warning": {"th": "เตือน", "en": "Warning"},
          "danger": {"th": "อันตราย", "en": "Danger"}}


LINK_HINT = ("หน้าในเว็บไซต์ เช่น services/e-services.md หรือที่อยู่เว็บ https://...",
             "a page of the site (services/e-services.md) or an address https://...")


@dataclass(frozen=True)
class Tile:
    """A services tile of the home page."""
    title: Text = spec("text", "ชื่อบริการ", "Title")
    text: Text = spec("text", "คำอธิบายสั้น", "Short text", multiline=True)
    link: str = spec("link", "ลิงก์", "Link", *LINK_HINT)


@dataclass(frozen=True)
class Alert:
    """An alert at the top of the home page, shown from start to the end of expires (Bangkok time)."""
    level: str = spec("choice", "ระดับ", "Level", choices=LEVELS)
    title: Text = spec("text", "หัวข้อ", "Title")
    text: Text = spec("text", "ข้อความ", "Text", multiline=True)
    start: dt.datetime = spec("date", "เริ่มแสดง", "Shown from", "วันแรกที่แสดง (ปี ค.ศ.)",
                              "the first day it is shown (Gregorian year)")
    expires: dt.datetime = spec("date", "หมดอายุ", "Expires", "วันสุดท้ายที่แสดง (ปี ค.ศ.)",
                                "the last day it is shown (Gregorian year)")
    link: str | None = spec("link", "ลิงก์ (ไม่บังคับ)", "Link (optional)", *LINK_HINT, default=None)

    def shown_at(self, now: dt.datetime) -> bool:
        return self.start <= now < self.expires


@dataclass(frozen=True)
class DataFile:
    """Where a kind of record lives: data/<name>.yml, a list under `key`."""
    name: str
    key: str
    record: type
    label: dict[str, str]
    item: dict[str, str]


SERVICES = DataFile("services", "tiles", Tile, {"th": "ช่องบริการ", "en": "Services tiles"},
                    {"th": "ช่องบริการ", "en": "tile"})
ALERTS = DataFile("alerts", "alerts", Alert, {"th": "ประกาศด่วน", "en": "Alerts"},
                  {"th": "ประกาศด่วน", "en": "alert"})
FILES = (SERVICES, ALERTS)


@dataclass(frozen=True)
class HomeData:
    tiles: tuple[Tile, ...] = ()
    alerts: tuple[Alert, ...] = ()

    def active_alerts(self, now: dt.datetime) -> tuple[Alert, ...]:
        return tuple(a for a in self.alerts if a.shown_at(now))


class _Reader:
    """One data file's problems, each at the line of its YAML node."""

    def __init__(self, shown: str, languages: tuple[str, ...], docs_dir: Path | None):
        self.shown, self.languages, self.docs_dir = shown, languages, docs_dir
        self.problems: list[Problem] = []

    def problem(self, node, where: str | None, what_th, what_en, fix_th, fix_en):
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(file=self.shown, line=line, field=where, what_th=what_th, what_en=what_en,
                                     fix_th=fix_th, fix_en=fix_en))

    def text(self, node, where: str, name: str, multiline: bool) -> Text | None:
        if not isinstance(node, yaml.MappingNode):
            example = ", ".join(f"{code}: ..." for code in self.languages)
            self.problem(node, where, f"{name} ต้องเขียนแยกตามภาษา", f"{name} must be given per language.",
                         f"เขียน {name}: {{{example}}}", f"Write {name}: {{{example}}}")
            return None
        values = {}
        for key, value in node.value:
            if not isinstance(value, yaml.ScalarNode):
                self.problem(value, f"{where}.{key.value}", "ข้อความต้องเป็นข้อความธรรมดา",
                             "The text must be plain text.", "เขียนข้อความในบรรทัดเดียว หรือใช้ | สำหรับหลายบรรทัด",
                             "Write the text on one line, or after | for several lines.")
                continue
            values[str(key.value)] = value.value.strip()
        for code in self.languages:
            if not values.get(code):
                self.problem(node, f"{where}.{code}", f"{name} ยังไม่มีภาษา {code}", f"{name} has no '{code}' text.",
                             f"เพิ่ม {code}: ใต้ {name}", f"Add {code}: under {name}.")
        if not multiline:
            for code, value in values.items():
                if "\n" in value:
                    self.problem(node, f"{where}.{code}", f"{name} ต้องอยู่ในบรรทัดเดียว", f"{name} must be one line.",
                                 "ลบการขึ้นบรรทัดใหม่", "Remove the line break.")
        return values

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
                     "the choices.", f"ใช้อย่างใดอย่างหนึ่ง: {listed}",
                     f"Use one of: {', '.join(choices)}.")
        return None

    def record(self, kind: DataFile, node, index: int):
        where = f"{kind.key}[{index}]"
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, f"{kind.item['th']}รายการที่ {index} ต้องเป็นชุดของ ชื่อ: ค่า",
                         f"{kind.item['en'].capitalize()} {index} must be a set of 'name: value' lines.",
                         "ขึ้นต้นรายการด้วย - แล้วตามด้วย ชื่อ: ค่า ทีละบรรทัด",
                         "Start the entry with - and write one 'name: value' per line under it.")
            return None
        given = {str(k.value): (k, v) for k, v in node.value}
        known = {f.name: f for f in dataclasses.fields(kind.record)}
        values: dict[str, Any] = {}
        before = len(self.problems)
        for key in sorted(given.keys() - known.keys()):
            self.problem(given[key][0], f"{where}.{key}", f"ไม่รู้จักช่อง {key}", f"Unknown field {key}.",
                         f"ใช้ชื่อที่รู้จัก: {', '.join(known)}", f"Use one of the known names: {', '.join(known)}.")
        for name, f in known.items():
            meta = f.metadata
            value = given.get(name, (None, None))[1]
            empty = value is None or isinstance(value, yaml.ScalarNode) and (
                value.tag == "tag:yaml.org,2002:null" or not value.value.strip())
            if empty:
                if required(f):
                    self.problem(value or node, f"{where}.{name}", f"{kind.item['th']}รายการที่ {index} ไม่มี "
                                 f"{meta['label']['th']} ({name})", f"{kind.item['en'].capitalize()} {index} has no "
                                 f"{meta['label']['en'].lower()} ({name}).", f"เพิ่ม {name}: ในรายการนี้",
                                 f"Add {name}: to this entry.")
                continue
            at = f"{where}.{name}"
            if meta["kind"] == "text":
                parsed = self.text(value, at, name, meta["multiline"])
            elif meta["kind"] == "link":
                parsed = self.link(value, at)
            elif meta["kind"] == "date":
                parsed = self.date(value, at, end_of_day=name == "expires")
            else:
                parsed = self.choice(value, at, name, meta["choices"])
            values[name] = parsed
        if len(self.problems) > before:
            return None
        if kind is ALERTS and values["expires"] <= values["start"]:
            self.problem(given["expires"][1], f"{where}.expires", "วันหมดอายุอยู่ก่อนวันเริ่มแสดง",
                         "The alert expires before it starts.", "ตรวจ start: และ expires: ให้ expires อยู่หลัง start",
                         "Check start: and expires:; expires must come after start.")
            return None
        return kind.record(**values)


def load_file(kind: DataFile, path: Path, shown: str, languages: tuple[str, ...],
              docs_dir: Path | None = None) -> tuple[tuple, list[Problem]]:
    """The records of one data file and every problem in it. A missing file is an empty list (the feature is
    optional); a file that is there must be right."""
    if not path.is_file():
        return (), []
    reader = _Reader(shown, languages, docs_dir)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        reader.problems.append(Problem(
            file=shown, line=mark.line + 1 if mark else None,
            what_th=f"อ่านไฟล์ไม่ได้ (YAML): {getattr(error, 'problem', None) or error}",
            what_en=f"The file cannot be read (YAML): {getattr(error, 'problem', None) or error}",
            fix_th="ตรวจเครื่องหมายคำพูดที่ไม่ได้ปิด การเยื้องบรรทัด และ : หลังชื่อช่อง",
            fix_en="Look for an unclosed quote, a wrong indentation or a missing : after a field name."))
        return (), reader.problems
    except UnicodeDecodeError:
        reader.problem(None, None, "ไฟล์ไม่ได้บันทึกเป็น UTF-8", "The file is not saved as UTF-8.",
                       "บันทึกไฟล์ใหม่เป็น UTF-8", "Save the file again as UTF-8.")
        return (), reader.problems
    items = None
    if isinstance(root, yaml.MappingNode):
        items = next((v for k, v in root.value if k.value == kind.key), None)
    elif root is None:
        return (), []
    if items is None or (isinstance(items, yaml.ScalarNode) and items.value in ("", "null", "~")):
        if isinstance(root, yaml.MappingNode) and items is not None:
            return (), []
        reader.problem(root, kind.key, f"ไฟล์ต้องมีรายการ {kind.key}:", f"The file must have a list {kind.key}:.",
                       f"เขียน {kind.key}: แล้วตามด้วยรายการที่ขึ้นต้นด้วย - (หรือ {kind.key}: [] ถ้ายังไม่มี)",
                       f"Write {kind.key}: followed by entries starting with - (or {kind.key}: [] for none).")
        return (), reader.problems
    if not isinstance(items, yaml.SequenceNode):
        reader.problem(items, kind.key, f"{kind.key}: ต้องเป็นรายการ", f"{kind.key}: must be a list.",
                       "ขึ้นต้นแต่ละรายการด้วย - ", "Start each entry with - .")
        return (), reader.problems
    records = tuple(r for r in (reader.record(kind, node, i) for i, node in enumerate(items.value, start=1)) if r)
    return (records if not reader.problems else ()), reader.problems


def load_home(data_dir: Path, languages: tuple[str, ...], docs_dir: Path | None = None,
              shown_dir: str = "data") -> tuple[HomeData, list[Problem]]:
    """Both files, all problems in one round."""
    problems: list[Problem] = []
    loaded = {}
    for kind in FILES:
        records, found = load_file(kind, data_dir / f"{kind.name}.yml", f"{shown_dir}/{kind.name}.yml", languages,
                                   docs_dir)
        loaded[kind.name] = records
        problems += found
    return HomeData(tiles=loaded["services"], alerts=loaded["alerts"]), problems
