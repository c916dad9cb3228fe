"""Dates as Thai citizens read them: Thai month names with the Buddhist-era year; English keeps the Gregorian year.

Babel supplies the month names (CLDR data); it has no Buddhist calendar, so the era offset is added here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

BANGKOK = ZoneInfo("Asia/Bangkok")
BUDDHIST_ERA_OFFSET = 543


def to_bangkok(value: dt.datetime | dt.date) -> dt.datetime:
    """A date alone means midnight in Bangkok; a naive time is Bangkok time; an aware time is converted."""
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=BANGKOK)
    if value.tzinfo is None:
        return value.replace(tzinfo=BANGKOK)
    return value.astimezone(BANGKOK)


def human_date(value: dt.datetime | dt.date, lang: str, size: str = "long") -> str:
    """'24 พฤศจิกายน 2569' / '24 พ.ย. 2569' in Thai; '24 November 2026' / '24 Nov 2026' in English."""
    when = to_bangkok(value).date()
    month = "MMMM" if size == "long" else "MMM"
    if lang == "th":
        return f"{format_date(when, f'd {month}', locale='th')} {when.year + BUDDHIST_ERA_OFFSET}"
    return format_date(when, f"d {month} y", locale="en")


def human_datetime(value: dt.datetime, lang: str) -> str:
    when = to_bangkok(value)
    clock = format_time(when, "HH.mm", locale="th") + " น." if lang == "th" else format_time(when, "HH:mm", locale="en")
    return f"{human_date(when, lang)} {clock}"


def machine_date(value: dt.datetime | dt.date) -> str:
    """For <time datetime>: a date stays a date; a time keeps its +07:00 offset."""
    if isinstance(value, dt.datetime):
        return to_bangkok(value).isoformat(timespec="minutes")
    return value.isoformat()
