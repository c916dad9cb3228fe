"""Dates as the service's readers see them: Thai month names and the Buddhist-era year on Thai pages, the
Gregorian year on English pages, always in Bangkok time.

The site kit has the same rule (changwat.core.thai_dates.human_datetime, with Babel's month names); the service
is deployed without the kit (deploy/Dockerfile.service installs service/ alone), so it keeps this small copy,
and tests/service/test_look.py checks that both give the same text for every day of several years.
"""

from __future__ import annotations

import datetime as dt

BUDDHIST_ERA_OFFSET = 543
# Thailand has kept UTC+7 without daylight saving since 1920: a fixed offset needs no tz database in the image.
BANGKOK = dt.timezone(dt.timedelta(hours=7), "Asia/Bangkok")
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
               "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June",
                  "July", "August", "September", "October", "November", "December")


def to_bangkok(value: dt.datetime | str) -> dt.datetime:
    """An aware time (or its ISO text) in Bangkok time. The service stores UTC: a naive value is UTC."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(BANGKOK)


def human_date(value: dt.datetime | str, lang: str) -> str:
    """'24 พฤศจิกายน 2569' in Thai, '24 November 2026' in English."""
    when = to_bangkok(value)
    if lang == "th":
        return f"{when.day} {THAI_MONTHS[when.month - 1]} {when.year + BUDDHIST_ERA_OFFSET}"
    return f"{when.day} {ENGLISH_MONTHS[when.month - 1]} {when.year}"


def human_datetime(value: dt.datetime | str, lang: str) -> str:
    """'24 พฤศจิกายน 2569 10.30 น.' in Thai (the Thai way of writing the time), '24 November 2026 10:30' in English."""
    when = to_bangkok(value)
    clock = f"{when:%H.%M} น." if lang == "th" else f"{when:%H:%M}"
    return f"{human_date(when, lang)} {clock}"


def machine_datetime(value: dt.datetime | str) -> str:
    """For <time datetime>: Bangkok time with its +07:00 offset."""
    return to_bangkok(value).isoformat(timespec="minutes")
