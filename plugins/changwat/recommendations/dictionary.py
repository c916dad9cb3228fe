"""The open data's data dictionary: what every column of the downloads means, from dictionary.yml.

The one description (dictionary.yml, next to this module) gives the open data page its tables and the
downloads folder its data-dictionary.csv and data-dictionary.json, both in Thai and English. The test
tests/recommendations/test_recommendations_dictionary.py holds it to what export.py writes.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SOURCE = Path(__file__).with_name("dictionary.yml")
CSV_FIELDS = ("table", "files", "field", "type_th", "type_en", "values_th", "values_en", "meaning_th", "meaning_en")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    type_label: dict[str, str]
    values: dict[str, str]
    meaning: dict[str, str]


@dataclass(frozen=True)
class Table:
    key: str
    title: dict[str, str]
    files: dict[str, dict[str, str]]     # file name -> where in it, {th, en}
    fields: tuple[Field, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@lru_cache(maxsize=1)
def load_dictionary(path: Path = SOURCE) -> tuple[Table, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    types = data["types"]
    return tuple(
        Table(key, dict(t["title"]), {name: dict(where) for name, where in t["files"].items()},
              tuple(Field(f["name"], f["type"], dict(types[f["type"]]), dict(f.get("values") or {}), dict(f["meaning"]))
                    for f in t["fields"]))
        for key, t in data["tables"].items()
    )


def table(key: str) -> Table:
    return next(t for t in load_dictionary() if t.key == key)


def rows() -> list[dict]:
    return [{"table": t.key, "files": " ".join(t.files), "field": f.name,
             "type_th": f.type_label["th"], "type_en": f.type_label["en"],
             "values_th": f.values.get("th", ""), "values_en": f.values.get("en", ""),
             "meaning_th": f.meaning["th"], "meaning_en": f.meaning["en"]}
            for t in load_dictionary() for f in t.fields]


def dictionary_csv() -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, CSV_FIELDS)
    writer.writeheader()
    writer.writerows(rows())
    return ("\ufeff" + out.getvalue()).encode("utf-8")   # a byte order mark, as the other CSV files, for Excel


def dictionary_json() -> bytes:
    data = {"tables": [{"table": t.key, "title": t.title, "files": t.files,
                        "fields": [{"name": f.name, "type": f.type, "type_label": f.type_label,
                                    "values": f.values, "meaning": f.meaning} for f in t.fields]}
                       for t in load_dictionary()]}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def view(lang: str) -> list[dict]:
    """The tables as the open data page shows them, in one language."""
    return [{"key": t.key, "title": t.title[lang], "files": list(t.files),
             "fields": [{"name": f.name, "type": f.type_label[lang], "values": f.values.get(lang, ""),
                         "meaning": f.meaning[lang]} for f in t.fields]}
            for t in load_dictionary()]
