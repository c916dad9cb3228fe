import datetime as dt

import pytest

from changwat.core.thai_dates import BANGKOK, DateError, human_date, human_datetime, machine_date, read_date, to_bangkok


def test_thai_dates_use_thai_months_and_buddhist_era():
    assert human_date(dt.date(2026, 11, 24), "th") == "24 พฤศจิกายน 2569"
    assert human_date(dt.date(2026, 1, 1), "th", "short") == "1 ม.ค. 2569"


def test_english_dates_keep_the_gregorian_year():
    assert human_date(dt.date(2026, 11, 24), "en") == "24 November 2026"


def test_times_are_bangkok_time():
    utc = dt.datetime(2026, 11, 23, 20, 0, tzinfo=dt.timezone.utc)
    assert human_date(utc, "th") == "24 พฤศจิกายน 2569"
    assert human_datetime(dt.datetime(2026, 11, 24, 9, 5), "th") == "24 พฤศจิกายน 2569 09.05 น."
    assert machine_date(dt.datetime(2026, 11, 24, 9, 5)) == "2026-11-24T09:05+07:00"
    assert to_bangkok(dt.date(2026, 11, 24)).utcoffset() == dt.timedelta(hours=7)


# ---- front-matter dates (read_date): Gregorian years in files, Buddhist-era years refused with the fix ----------


def test_a_date_without_a_time_is_midnight_in_bangkok():
    when, has_time = read_date(dt.date(2026, 11, 30))
    assert (when, has_time) == (dt.datetime(2026, 11, 30, 0, 0, tzinfo=BANGKOK), False)
    assert read_date("2026-11-30") == (when, False)
    assert read_date("2026-11-30 10:15") == (dt.datetime(2026, 11, 30, 10, 15, tzinfo=BANGKOK), True)


@pytest.mark.parametrize("value, suggestion", [
    (dt.datetime(2569, 11, 30, 10, 0), "2026-11-30 10:00"),
    (dt.date(2569, 11, 30), "2026-11-30"),
    ("2567-02-29", "2024-02-29"),           # a day only the Gregorian year has: still named a Buddhist-era year
    ("2569-1-5 09:30", "2026-01-05 09:30"),
])
def test_a_buddhist_era_year_is_refused_with_the_gregorian_date_to_write(value, suggestion):
    with pytest.raises(DateError) as caught:
        read_date(value)
    problem = caught.value.problem("docs/th/news/x.md", 3, "date")
    assert caught.value.kind == "buddhist" and problem.line == 3
    assert "เป็นปี พ.ศ." in problem.what_th and "Buddhist-era" in problem.what_en
    assert f"date: {suggestion}" in problem.fix_th and f"date: {suggestion}" in problem.fix_en


@pytest.mark.parametrize("value", ["2026-13-45", "30/11/2569", "tomorrow", 5, 1.5, True, [2026], None,
                                    dt.date(1, 1, 1), "x" * 10_000])
def test_anything_else_that_is_not_a_day_is_unreadable(value):
    with pytest.raises(DateError) as caught:
        read_date(value)
    problem = caught.value.problem("docs/th/a.md", 2, "updated")
    assert caught.value.kind == "unreadable" and "updated: 2026-11-24" in problem.fix_en
    assert len(problem.what_en) < 200
