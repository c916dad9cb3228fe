"""A data file's record as one dataclass: each field's metadata is the one definition of its label, kind, hint,
allowed form and whether it is required. The loaders (core/office.py, home/data.py) check a file against it and
the browser editor (editor/config.py) builds its fields from it, so the two cannot disagree.

Plain module, no MkDocs import.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from typing import Any


def spec(kind: str, th: str, en: str, hint_th: str = "", hint_en: str = "", *, multiline: bool = False,
         choices: dict[str, dict[str, str]] | None = None, default: Any = dataclasses.MISSING,
         pattern: tuple[str, str, str] | None = None, record: type | None = None):
    """A dataclass field with what the loader and the editor both need.

    kind: text (one per language), value (one line, the same in every language), link, date, choice or list (of
    `record`). pattern: (regular expression, what to write in Thai, in English) for a value. A field with a default
    is optional."""
    meta = {"kind": kind, "label": {"th": th, "en": en}, "hint": {"th": hint_th, "en": hint_en},
            "multiline": multiline, "choices": choices or {}, "pattern": pattern, "record": record}
    return field(metadata=meta) if default is dataclasses.MISSING else field(default=default, metadata=meta)


def required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
