"""Whose service this is, for the header and footer of its pages: the office's name and province in Thai and
English. Read once, when the app is made, from the site's own data/office.yml (CHANGWAT_OFFICE_FILE) so the
office types its name in one place; CHANGWAT_OFFICE_NAME_TH/_EN and CHANGWAT_PROVINCE_TH/_EN replace a text
of the file (or stand alone where the service runs without the site's sources)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .settings import Settings, SettingsError

DEFAULT_NAME = {"th": "สำนักงานจังหวัด", "en": "Provincial Office"}


LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".webp": "image/webp", ".gif": "image/gif"}


@dataclass(frozen=True)
class Logo:
    """The site's logo (mkdocs.yml theme.logo), read once and served by the service itself at `url`."""
    content: bytes
    media_type: str
    url: str


@dataclass(frozen=True)
class Office:
    name: dict[str, str]
    province: dict[str, str]
    # How to reach the office (the receipt mail's signature): address and hours per language, phone, e-mail.
    contact: dict = field(default_factory=dict)
    logo: Logo | None = None

    def in_lang(self, lang: str) -> dict[str, str]:
        return {"name": self.name.get(lang) or self.name["th"], "province": self.province.get(lang) or ""}

    def contact_lines(self, lang: str) -> list[str]:
        c = self.contact
        lines = [self.in_lang(lang)["name"]]
        for key in ("address", "phone", "email", "hours"):
            value = c.get(key)
            if isinstance(value, dict):
                value = value.get(lang) or value.get("th")
            if value:
                lines.append(str(value).strip())
        return lines


def load_logo(settings: Settings) -> Logo | None:
    if not settings.office_logo:
        return None
    path = Path(settings.office_logo)
    media_type = LOGO_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise SettingsError(f"CHANGWAT_OFFICE_LOGO: {path} is not an image the pages can show "
                            f"({', '.join(LOGO_TYPES)}). Name the site's logo, e.g. docs/assets/images/logo.svg.")
    try:
        content = path.read_bytes()
    except OSError as e:
        raise SettingsError(f"CHANGWAT_OFFICE_LOGO: cannot read {path} ({e.__class__.__name__}: {e}). Name the "
                            "site's logo (mkdocs.yml theme.logo), e.g. docs/assets/images/logo.svg, or unset it.") from None
    # The content's hash in the name: browsers may keep it for a year, and a new logo gets a new address.
    tag = hashlib.sha256(content).hexdigest()[:12]
    return Logo(content, media_type, f"/static/office-logo-{tag}{path.suffix.lower()}")


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
    contact: dict = {}
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
        contact = {key: data[key] for key in ("address", "phone", "email", "hours") if data.get(key)}
    for lang in ("th", "en"):
        name[lang] = getattr(settings, f"office_name_{lang}") or name.get(lang) or ""
        province[lang] = getattr(settings, f"province_{lang}") or province.get(lang) or ""
    if not name["th"] and not name["en"]:
        name = dict(DEFAULT_NAME)
    # A name given in one language only stands for both, rather than a generic one in the other.
    name = {lang: name[lang] or name["th"] or name["en"] for lang in ("th", "en")}
    return Office(name=name, province=province, contact=contact, logo=load_logo(settings))
