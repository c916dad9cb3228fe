"""Dates as Thai citizens read them: Thai month names with the Buddhist-era year; English keeps the Gregorian year.

Babel supplies the month names (CLDR data); it has no Buddhist calendar, so the era offset is added here.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from changwat.core.problems import Problem

BANGKOK = ZoneInfo("Asia/Bangkok")
BUDDHIST_ERA_OFFSET = 543
# A four-digit year above this is a Buddhist-era year (พ.ศ. 2401 = ค.ศ. 1858): no page of a provincial website
# is dated after 2400 CE, and every Buddhist-era year of a living document is above it.
BUDDHIST_ERA_FROM = 2400
EARLIEST_YEAR = 1900
TEXT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
YEAR_MONTH_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?P<time>[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*$")


class DateError(ValueError):
    """A front-matter date the kit refuses: kind is "unreadable" or "buddhist" (with the year)."""

    def __init__(self, kind: str, raw, year: int | None = None, suggestion: str | None = None):
        super().__init__(kind)
        self.kind, self.raw, self.year, self.suggestion = kind, raw, year, suggestion

    def problem(self, file: str, line: int | None, field: str) -> Problem:
        if self.kind == "buddhist":
            # Refused, not converted: the file, its name (YYYY-MM-DD-slug.md, written by make new-item), the
            # editor's date widget and the feeds all carry the Gregorian year; a silently converted 2569 would
            # leave one file with two calendars, and a typo such as 2062 would look like a Buddhist-era year.
            example = f"{field}: {self.suggestion}"
            return Problem(
                file=file, line=line, field=field,
                what_th=f"ปี {self.year} เป็นปี พ.ศ. แต่ในไฟล์ต้องใช้ปี ค.ศ. (เว็บไซต์แสดงปี พ.ศ. ให้เอง)",
                what_en=f"The year {self.year} is a Buddhist-era year; files use the Gregorian year "
                        "(the Thai pages show the Buddhist-era year themselves).",
                fix_th=f"ใช้ ค.ศ. {self.year - BUDDHIST_ERA_OFFSET} แทน: {example}",
                fix_en=f"Write it as {self.year - BUDDHIST_ERA_OFFSET}: {example}")
        raw = str(self.raw) if len(str(self.raw)) <= 60 else str(self.raw)[:60] + "…"
        return Problem(
            file=file, line=line, field=field,
            what_th=f"อ่านวันที่ \"{raw}\" ไม่ได้ (ไม่มีวันที่นี้ในปฏิทิน หรือรูปแบบไม่ถูกต้อง)",
            what_en=f"The date \"{raw}\" cannot be read (no such day, or not year-month-day).",
            fix_th=f"เขียนเป็น ปี ค.ศ.-เดือน-วัน และเวลาถ้ามี เช่น {field}: 2026-11-24 หรือ {field}: 2026-11-24 09:30",
            fix_en=f"Write year-month-day, and the time if any, e.g. {field}: 2026-11-24 or {field}: 2026-11-24 09:30")


def read_date(value) -> tuple[dt.datetime, bool]:
    """A front-matter date (YAML date or datetime, or text) as an aware Bangkok time and whether it has a time.

    Raises DateError for a Buddhist-era year or anything that is not a day of the calendar."""
    if isinstance(value, dt.datetime):
        has_time, year = True, value.year
    elif isinstance(value, dt.date):
        has_time, year = False, value.year
    elif isinstance(value, str):
        parsed = None
        for fmt in TEXT_FORMATS:
            try:
                parsed = dt.datetime.strptime(value.strip(), fmt)
            except ValueError:
                continue
            has_time = fmt != "%Y-%m-%d"
            break
        shape = YEAR_MONTH_DAY.match(value)
        if shape and int(shape.group(1)) > BUDDHIST_ERA_FROM:
            # Also when the day exists only in the Gregorian year (2567-02-29 is 2024-02-29).
            year = int(shape.group(1))
            fixed = f"{year - BUDDHIST_ERA_OFFSET}-{int(shape.group(2)):02d}-{int(shape.group(3)):02d}"
            raise DateError("buddhist", value, year, fixed + (shape["time"] or ""))
        if parsed is None:
            raise DateError("unreadable", value)
        value, year = parsed, parsed.year
    else:
        raise DateError("unreadable", value)
    if year > BUDDHIST_ERA_FROM:
        shown = value.strftime("%Y-%m-%d %H:%M" if has_time else "%Y-%m-%d")
        suggestion = f"{year - BUDDHIST_ERA_OFFSET}{shown[4:]}"
        raise DateError("buddhist", shown, year, suggestion)
    if year < EARLIEST_YEAR:
        raise DateError("unreadable", value)
    if has_time:
        return to_bangkok(value), True
    return to_bangkok(value), False


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
