"""Reading and writing a JSON file as frozen dataclasses: the one way every file between the parts is handled.

A format is a frozen dataclass; its type hints are the format. ``read`` checks every field's type and every
required field, and stops at the first mismatch with a ContractError that names the file and the field, in
Thai and English, with the fix. ``write`` serialises with ``dataclasses.asdict`` and renames into place, so a
reader never sees half a file.

Standard library only, and no import from either package: this very file is also ``changwat.contracts.typed``
(a symlink in the repository, a copy in the built wheel), so the participation service, deployed alone, and
the site kit share it without depending on each other.

Field metadata understood by ``decode``: ``one_of`` (allowed values), ``form`` ("date" 2026-11-05,
"month" 2026-11, "datetime" 2026-11-24T03:00:00+00:00). Unknown keys in a file are ignored: a newer writer
may add a field without breaking an older reader; a breaking change raises the format's ``version``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import tempfile
import types
import typing
from pathlib import Path



def _month(text: str) -> dt.date:
    if len(text) != 7:
        raise ValueError(text)
    return dt.date.fromisoformat(f"{text}-01")


FORMS = {
    "date": (dt.date.fromisoformat, "วันที่แบบ 2026-11-05", "a date like 2026-11-05"),
    "month": (_month, "เดือนแบบ 2026-11", "a month like 2026-11"),
    "datetime": (dt.datetime.fromisoformat, "วันเวลาแบบ 2026-11-24T03:00:00+00:00",
                 "a date and time like 2026-11-24T03:00:00+00:00"),
}
KINDS = {  # type -> (Thai, English) for messages
    str: ("ข้อความ", "text"), int: ("จำนวนเต็ม", "a whole number"), float: ("ตัวเลข", "a number"),
    bool: ("true หรือ false", "true or false"), list: ("รายการ [...]", "a list [...]"),
    dict: ("ออบเจกต์ {...}", "an object {...}"), type(None): ("null", "null"),
}


class ContractError(ValueError):
    """A file between the parts does not match its format: which file, which field, what is wrong, the fix."""

    def __init__(self, file: str, field: str, what_th: str, what_en: str, fix_th: str = "", fix_en: str = ""):
        self.file, self.field = file, field
        self.what_th, self.what_en, self.fix_th, self.fix_en = what_th, what_en, fix_th, fix_en
        super().__init__(self.explain())

    def where(self) -> str:
        return f"{self.file} ({self.field})" if self.field else self.file

    def explain(self) -> str:
        lines = [self.where(), f"  ปัญหา: {self.what_th}"]
        if self.fix_th:
            lines.append(f"  วิธีแก้: {self.fix_th}")
        lines.append(f"  Problem: {self.what_en}")
        if self.fix_en:
            lines.append(f"  How to fix: {self.fix_en}")
        return "\n".join(lines)

    def with_fix(self, fix_th: str, fix_en: str) -> ContractError:
        return ContractError(self.file, self.field, self.what_th, self.what_en, fix_th, fix_en)


def _kind(value) -> tuple[str, str]:
    for t in (bool, int, float, str, list, dict, type(None)):
        if isinstance(value, t):
            return KINDS[t]
    return type(value).__name__, type(value).__name__


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


class _Decoder:
    def __init__(self, file: str):
        self.file = file

    def fail(self, where: str, what_th: str, what_en: str):
        raise ContractError(self.file, where or "(whole file)", what_th, what_en)

    def wrong_type(self, where: str, expected: tuple[str, str], value):
        found = _kind(value)
        self.fail(where, f"ต้องเป็น{expected[0]} แต่พบ{found[0]} {_shown(value)}",
                  f"expected {expected[1]}, found {found[1]} {_shown(value)}")

    def value(self, tp, value, where: str, meta=None):
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            if value is None and type(None) in args:
                return None
            inner = [a for a in args if a is not type(None)]
            if len(inner) != 1:
                raise TypeError(f"unsupported union {tp}")
            return self.value(inner[0], value, where, meta)
        if dataclasses.is_dataclass(tp):
            return self.record(tp, value, where)
        if origin is tuple:
            if not isinstance(value, list):
                self.wrong_type(where, KINDS[list], value)
            return tuple(self.value(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
        if origin is dict:
            if not isinstance(value, dict):
                self.wrong_type(where, KINDS[dict], value)
            return {k: self.value(args[1], v, f"{where}.{k}" if where else k) for k, v in value.items()}
        if tp is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.wrong_type(where, KINDS[float], value)
            return value
        if tp in (str, int, bool):
            if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
                self.wrong_type(where, KINDS[tp], value)
            self.check_meta(value, where, meta or {})
            return value
        raise TypeError(f"unsupported type {tp} at {where}")

    def check_meta(self, value, where: str, meta) -> None:
        allowed = meta.get("one_of")
        if allowed is not None and value not in allowed:
            choices = ", ".join(map(str, allowed))
            self.fail(where, f"ค่า {_shown(value)} ใช้ไม่ได้ ต้องเป็นค่าใดค่าหนึ่งใน {choices}",
                      f"{_shown(value)} is not allowed: it must be one of {choices}")
        form = meta.get("form")
        if form:
            parse, th, en = FORMS[form]
            try:
                parse(value)
            except ValueError:
                self.fail(where, f"ต้องเป็น{th} แต่พบ {_shown(value)}", f"expected {en}, found {_shown(value)}")

    def record(self, cls, value, where: str):
        if not isinstance(value, dict):
            self.wrong_type(where, KINDS[dict], value)
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):
            inner = f"{where}.{f.name}" if where else f.name
            if f.name not in value:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    self.fail(inner, f"ไม่มีช่อง {f.name} ซึ่งต้องมี", f"the required field {f.name} is missing")
                continue
            kwargs[f.name] = self.value(hints[f.name], value[f.name], inner, f.metadata)
        return cls(**kwargs)


def decode(cls, data, file: str = "(data)"):
    """``data`` (parsed JSON) as an instance of the dataclass ``cls``, or ContractError naming file and field."""
    return _Decoder(file).record(cls, data, "")


def read(cls, path: Path, name: str | None = None, fix_th: str = "", fix_en: str = ""):
    """The JSON file at ``path`` as ``cls``; None when the file does not exist (nothing has written it yet).
    Anything else that is wrong (unreadable, cut short, hand-edited out of shape, a newer format) raises
    ContractError naming ``name`` (how the officer knows the file; the path by default) and the field."""
    name = name or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise ContractError(name, "", f"อ่านไฟล์ไม่ได้ ({e})", f"the file cannot be read ({e})", fix_th, fix_en)
    try:
        data = json.loads(text)
    except ValueError as e:
        raise ContractError(name, f"line {e.lineno}" if hasattr(e, "lineno") else "",
                            "ไฟล์ไม่ใช่ JSON ที่สมบูรณ์ (อาจถูกตัดกลางคันหรือแก้ไขด้วยมือ)",
                            f"the file is not complete JSON (cut short or edited by hand?): {e}",
                            fix_th, fix_en) from None
    try:
        result = decode(cls, data, name)
    except ContractError as e:
        raise e.with_fix(fix_th, fix_en) from None
    supported = getattr(cls, "VERSION", None)
    version = getattr(result, "version", None)
    if supported is not None and version != supported:
        raise ContractError(name, "version",
                            f"ไฟล์รูปแบบรุ่น {version} แต่โปรแกรมนี้อ่านได้เฉพาะรุ่น {supported}",
                            f"the file is format version {version}; this program reads version {supported}",
                            fix_th, fix_en)
    return result


def dumps(obj, indent: int = 2) -> str:
    return json.dumps(dataclasses.asdict(obj), ensure_ascii=False, indent=indent) + "\n"


def write(path: Path, obj, indent: int = 2) -> Path:
    """``obj`` (a format's dataclass) as JSON at ``path``: written beside it, then renamed into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(dumps(obj, indent))
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the build may run as another user
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
