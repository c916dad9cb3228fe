"""Interface strings, kept in data/ui.yml so a translator edits data, not templates."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from changwat.core.languages import KIT_DEFAULT, localise

DATA = Path(__file__).parents[1] / "data"


@lru_cache(maxsize=None)
def _all_strings() -> dict[str, dict[str, str]]:
    return yaml.safe_load((DATA / "ui.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def strings_for(lang: str, default: str = KIT_DEFAULT) -> dict[str, str]:
    """The strings of one language, built once: plugins ask for them on every page. Do not modify the result."""
    return localise(_all_strings(), lang, default)


def missing_translations(languages: list[str]) -> list[str]:
    return [f"{key}: {lang}" for key, values in _all_strings().items() for lang in languages if not values.get(lang)]
