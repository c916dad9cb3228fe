import datetime as dt

from changwat.core.thai_dates import human_date, human_datetime, machine_date, to_bangkok


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
