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

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from changwat.core.problems import Problem
from changwat.core.records import RecordReader, compose, spec

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
                                "the last day it is shown (Gregorian year)", end_of_day=True)
    link: str | None = spec("link", "ลิงก์ (ไม่บังคับ)", "Link (optional)", *LINK_HINT, default=None)

    def shown_at(self, now: dt.datetime) -> bool:
        return self.start <= now < self.expires

    def cross_check(self) -> tuple[str, str, str, str, str] | None:
        if self.expires > self.start:
            return None
        return ("expires", "วันหมดอายุอยู่ก่อนวันเริ่มแสดง", "The alert expires before it starts.",
                "ตรวจ start: และ expires: ให้ expires อยู่หลัง start", "Check start: and expires:; expires must come after start.")


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


def load_file(kind: DataFile, path: Path, shown: str, languages: tuple[str, ...],
              docs_dir: Path | None = None) -> tuple[tuple, list[Problem]]:
    """The records of one data file and every problem in it. A missing file is an empty list (the feature is
    optional); a file that is there must be right."""
    if not path.is_file():
        return (), []
    reader = RecordReader(shown, languages, docs_dir)
    try:
        root, problems = compose(path.read_text(encoding="utf-8"), shown)
    except UnicodeDecodeError:
        reader.problem(None, None, "ไฟล์ไม่ได้บันทึกเป็น UTF-8", "The file is not saved as UTF-8.",
                       "บันทึกไฟล์ใหม่เป็น UTF-8", "Save the file again as UTF-8.")
        return (), reader.problems
    if problems:
        return (), problems
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
    records = reader.items(items, kind.key, kind.record, kind.item) or ()
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
