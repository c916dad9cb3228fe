"""Form validation with no web framework: raw values in, cleaned values and per-field error keys out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import SECTIONS

# Deliberately narrower than RFC 5322: what real mailboxes use, and nothing that could smuggle a header.
EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
PHONE_RE = re.compile(r"^[0-9+\- ]{3,20}$")
CODE_RE = re.compile(r"^[QC]-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
PAGE_RE = re.compile(r"^/[A-Za-z0-9\-._~/%]{0,299}$")

HONEYPOT = "website"


@dataclass(frozen=True)
class Error:
    key: str
    params: dict | None = None


def clean_text(value, multiline: bool) -> str:
    """Normalise and drop control characters; HTML is left as typed and escaped wherever it is shown."""
    text = unicodedata.normalize("NFC", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    allowed = "\n\t" if multiline else "\t"
    text = "".join(ch for ch in text if ch in allowed or unicodedata.category(ch)[0] != "C" or ch == "\u200b")
    return text.strip()


def _text(values, errors, name, *, max_len, required=False, multiline=False):
    raw = values.get(name)
    if not multiline and isinstance(raw, str) and ("\n" in raw or "\r" in raw):
        errors[name] = Error("err.single_line")
        return ""
    text = clean_text(raw, multiline)
    if required and not text:
        errors[name] = Error("err.required")
    elif len(text) > max_len:
        errors[name] = Error("err.too_long", {"max": max_len})
    return text


def email(values, errors, name="email", required=False) -> str | None:
    raw = values.get(name)
    if isinstance(raw, str) and ("\n" in raw or "\r" in raw or "\x00" in raw):
        errors[name] = Error("err.invalid_email")  # header injection attempt
        return None
    text = (raw or "").strip() if isinstance(raw, str) else ""
    if not text:
        if required:
            errors[name] = Error("err.required")
        return None
    if len(text) > 254 or not EMAIL_RE.match(text):
        errors[name] = Error("err.invalid_email")
        return None
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def _consent(values, errors):
    if str(values.get("consent") or "").lower() not in ("1", "on", "yes", "true"):
        errors["consent"] = Error("err.consent")


def case_form(values: dict, kind: str) -> tuple[dict, dict[str, Error]]:
    errors: dict[str, Error] = {}
    cleaned = {
        "name": _text(values, errors, "name", max_len=100) or None,
        "email": email(values, errors),
        "subject": _text(values, errors, "subject", max_len=200, required=True),
        "body": _text(values, errors, "body", max_len=5000, required=True, multiline=True),
        "phone": None,
    }
    if kind == "complaint":
        phone = _text(values, errors, "phone", max_len=20)
        if phone and "phone" not in errors and not PHONE_RE.match(phone):
            errors["phone"] = Error("err.invalid_phone")
        cleaned["phone"] = phone or None
    _consent(values, errors)
    return cleaned, errors


def subscribe_form(values: dict) -> tuple[dict, dict[str, Error]]:
    errors: dict[str, Error] = {}
    address = email(values, errors, required=True)
    sections = values.get("sections") or []
    if isinstance(sections, str):
        sections = [sections]
    chosen = [s for s in SECTIONS if s in sections]
    if not chosen:
        errors["sections"] = Error("err.sections")
    _consent(values, errors)
    return {"email": address, "sections": chosen}, errors


def survey_form(values: dict) -> tuple[dict, dict[str, Error]]:
    errors: dict[str, Error] = {}
    try:
        rating = int(str(values.get("rating") or ""))
    except ValueError:
        rating = 0
    if not 1 <= rating <= 5:
        errors["rating"] = Error("err.rating")
    comment = _text(values, errors, "comment", max_len=1000, multiline=True)
    page = page_path(values.get("page")) or "/"
    return {"rating": rating, "comment": comment or None, "page": page}, errors


def page_path(value) -> str | None:
    """A site path without query or fragment, or None when it does not look like one."""
    if not isinstance(value, str):
        return None
    path = value.split("?", 1)[0].split("#", 1)[0].strip()
    if not PAGE_RE.match(path) or "//" in path or "/../" in path:
        return None
    return path


def tracking_code(values: dict, errors: dict, name="code") -> str:
    code = str(values.get(name) or "").strip().upper()
    if not code:
        errors[name] = Error("err.required")
    elif not CODE_RE.match(code):
        errors[name] = Error("err.code")
    return code


def honeypot_filled(values: dict) -> bool:
    return bool(str(values.get(HONEYPOT) or "").strip())
