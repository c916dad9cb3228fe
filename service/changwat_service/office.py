"""Whose service this is, for the header and footer of its pages: the office's name and province in Thai and
English. Read once, when the app is made, from the site's own data/office.yml (CHANGWAT_OFFICE_FILE) so the
office types its name in one place; CHANGWAT_OFFICE_NAME_TH/_EN and CHANGWAT_PROVINCE_TH/_EN replace a text
of the file (or stand alone where the service runs without the site's sources)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .settings import Settings, SettingsError

DEFAULT_NAME = {"th": "สำนักงานจังหวัด", "en": "Provincial Office"}


@dataclass(frozen=True)
class Office:
    name: dict[str, str]
    province: dict[str, str]

    def in_lang(self, lang: str) -> dict[str, str]:
        return {"name": self.name.get(lang) or self.name["th"], "province": self.province.get(lang) or ""}


def _texts(data: dict, key: str, path: str) -> dict[str, str]:
    value = data.get(key) or {}
    if isinstance(value, str):  # one text for both languages
        value = {"th": value, "en": value}
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: `{key}` must have th: and en: texts (CHANGWAT_OFFICE_FILE).")
    return {lang: str(value[lang]).strip() for lang in ("th", "en") if value.get(lang)}


def load_office(settings: Settings) -> Office:
    name: dict[str, str] = {}
    province: dict[str, str] = {}
    if settings.office_file:
        path = Path(settings.office_file)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as e:
            raise SettingsError(f"CHANGWAT_OFFICE_FILE: cannot read {path} ({e.__class__.__name__}: {e}). "
                                "Name the site's data/office.yml, or unset it and set CHANGWAT_OFFICE_NAME_TH "
                                "and _EN.") from None
        if not isinstance(data, dict):
            raise SettingsError(f"CHANGWAT_OFFICE_FILE: {path} is not the site's data/office.yml (no name: in it).")
        name, province = _texts(data, "name", str(path)), _texts(data, "province", str(path))
    for lang in ("th", "en"):
        name[lang] = getattr(settings, f"office_name_{lang}") or name.get(lang) or ""
        province[lang] = getattr(settings, f"province_{lang}") or province.get(lang) or ""
    if not name["th"] and not name["en"]:
        name = dict(DEFAULT_NAME)
    # A name given in one language only stands for both, rather than a generic one in the other.
    name = {lang: name[lang] or name["th"] or name["en"] for lang in ("th", "en")}
    return Office(name=name, province=province)
