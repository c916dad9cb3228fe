"""The plain modules, without a web framework or a database."""

from __future__ import annotations

import pytest

from changwat_service import feeds, paths, tokens, validation
from changwat_service.exports import _csv
from changwat_service.settings import SettingsError, load_settings, parse_rate_limits

SECRET = "s" * 40


def test_token_roundtrip_expiry_and_purpose():
    token = tokens.sign(SECRET, "confirm", {"ids": [1, 2]}, ttl_seconds=60, now=1000)
    assert tokens.verify(SECRET, "confirm", token, now=1059) == {"ids": [1, 2]}
    with pytest.raises(tokens.TokenError) as e:
        tokens.verify(SECRET, "confirm", token, now=1061)
    assert e.value.reason == "expired"
    with pytest.raises(tokens.TokenError):  # a confirm token is not an unsubscribe token
        tokens.verify(SECRET, "unsubscribe", token, now=1000)
    with pytest.raises(tokens.TokenError):
        tokens.verify("t" * 40, "confirm", token, now=1000)


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "AA", lambda t: "x" + t, lambda t: t.replace(".", ""),
                                    lambda t: "", lambda t: "a.b.c", lambda t: "é.é"])
def test_token_tampering_is_invalid(mangle):
    token = tokens.sign(SECRET, "unsubscribe", {"s": 5})
    with pytest.raises(tokens.TokenError):
        tokens.verify(SECRET, "unsubscribe", mangle(token))


# The rate limiter lives in the database now: its tests are in test_rate_limits.py.


def test_settings_from_env_and_file(tmp_path):
    with pytest.raises(SettingsError):
        load_settings(env={})
    with pytest.raises(SettingsError):
        load_settings(env={"CHANGWAT_SERVICE_SECRET": "short"})
    f = tmp_path / "service.toml"
    f.write_text('secret = "%s"\nretention_days = 90\nsmtp_port = 2525\n' % ("k" * 40))
    s = load_settings(env={"CHANGWAT_SERVICE_SETTINGS": str(f), "CHANGWAT_SMTP_PORT": "587",
                           "CHANGWAT_SERVICE_RATE_LIMITS": "form=2/60"})
    assert (s.retention_days, s.smtp_port, s.rate_limits) == (90, 587, {"form": (2, 60.0)})
    assert parse_rate_limits("off") == {}
    with pytest.raises(SettingsError):
        parse_rate_limits("form=lots")


@pytest.mark.parametrize("address, ok", [
    ("somchai@example.go.th", True), ("a.b+tag@Sub.Example.COM", True),
    ("no-at-sign", False), ("a@b", False), ("a@@b.com", False), ("a b@c.com", False),
    ("victim@example.com\r\nBcc: everyone@example.com", False), ("x@example.com\nSubject: hi", False),
    ("ก@example.com", False), ("a@" + "x" * 250 + ".com", False), ("<script>@x.com", False),
])
def test_email_validation(address, ok):
    errors = {}
    result = validation.email({"email": address}, errors)
    assert (result is not None and not errors) is ok
    if ok:
        assert result.split("@")[1] == result.split("@")[1].lower()


def test_case_form_limits_and_cleaning():
    cleaned, errors = validation.case_form({"subject": "x" * 201, "body": "y" * 5001, "name": "a\nb",
                                            "phone": "call me", "consent": "yes"}, "complaint")
    assert {e.key for e in errors.values()} >= {"err.too_long", "err.single_line", "err.invalid_phone"}
    assert set(errors) == {"subject", "body", "name", "phone"}
    cleaned, errors = validation.case_form({"subject": " ถนนชำรุด\x00 ", "body": "line1\r\nline2\x07",
                                            "consent": "on"}, "question")
    assert not errors
    assert cleaned["subject"] == "ถนนชำรุด" and cleaned["body"] == "line1\nline2"
    _, errors = validation.case_form({"subject": "s", "body": "b"}, "question")
    assert errors["consent"].key == "err.consent"


def test_survey_and_paths():
    assert validation.survey_form({"rating": "6"})[1]["rating"].key == "err.rating"
    assert validation.survey_form({"rating": "x"})[1]["rating"].key == "err.rating"
    cleaned, errors = validation.survey_form({"rating": "4", "page": "/en/news/x/?utm=1#top"})
    assert not errors and cleaned["page"] == "/en/news/x/"
    assert validation.page_path("https://evil.example/") is None
    assert validation.page_path("//evil.example/") is None
    assert validation.page_path("/a/../../etc") is None
    assert paths.page_section("/en/news/x/") == ("en", "news")
    assert paths.page_section("/") == ("th", "home")
    assert paths.feed_section("site/en/procurement/feed.xml") == ("en", "procurement")
    assert paths.feed_section("https://x.go.th/repo/news/2026-11-24-a/") == ("th", "news")
    assert paths.feed_section("site/feed.xml") == (None, None)


def test_tracking_code_format():
    from changwat_service.cases import new_code
    code = new_code("complaint")
    errors = {}
    assert validation.tracking_code({"code": code.lower()}, errors) == code and not errors
    validation.tracking_code({"code": "Q-OOOO-IIII"}, errors)  # O and I are not in the alphabet
    assert errors["code"].key == "err.code"


RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>t</title><link>https://x.go.th/</link><description>d</description>
<item><title>Road &lt;closed&gt;</title><link>https://x.go.th/en/news/road/</link><guid>g1</guid>
<description>&lt;p&gt;Details &amp;amp; more&lt;/p&gt;</description><pubDate>Mon, 24 Nov 2026 09:30:00 +0700</pubDate></item>
<item><title>About page</title><link>https://x.go.th/en/about/</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2026-11-24T00:00:00Z</updated>
<entry><title>ประกาศ</title><id>urn:1</id><link href="https://x.go.th/announcements/a/"/>
<updated>2026-11-24T02:00:00Z</updated><summary>สรุป</summary></entry></feed>""".encode()


def test_feeds_rss_and_atom():
    rss = feeds.parse(RSS, "site/en/feed.xml")
    assert len(rss) == 1  # the about page belongs to no section
    e = rss[0]
    assert (e.lang, e.section, e.key, e.title, e.summary) == ("en", "news", "https://x.go.th/en/news/road/",
                                                              "Road <closed>", "Details & more")
    assert e.published.isoformat() == "2026-11-24T09:30:00+07:00"
    atom = feeds.parse(ATOM, "https://x.go.th/announcements/feed.xml")
    assert [(a.lang, a.section, a.title) for a in atom] == [("th", "announcements", "ประกาศ")]


def test_csv_has_bom_and_neutralises_formulas():
    text = _csv(["a", "b"], [["=HYPERLINK(\"http://evil\")", "ปกติ"], ["+1", None]])
    assert text.startswith("\ufeffa,b\r\n")
    assert "'=HYPERLINK" in text and "'+1" in text and "ปกติ" in text
