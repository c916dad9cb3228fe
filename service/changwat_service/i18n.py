"""Every string a citizen or officer reads, in Thai and English. Templates and JSON answers both use these."""

from __future__ import annotations

from pathlib import Path

import yaml

from . import LANGUAGES

# Kept in data/strings.yml so a translator edits data, not code.
TEXT: dict[str, dict[str, str]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "strings.yml").read_text(encoding="utf-8"))


def t(key: str, lang: str, **params) -> str:
    entry = TEXT[key]
    text = entry.get(lang) or entry["th"]
    return text.format(**params) if params else text


def lang_or_default(value: str | None) -> str:
    return value if value in LANGUAGES else "th"
