"""The service's public pages look like the office's site: its name and province, a way home in the page's
language, the site's colours and fonts, Buddhist-era dates on Thai pages; and they stay self-contained (no
third-party URL, the CSP header) and fit a 360 px phone."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from changwat_service import dates, links, subscriptions, tokens
from changwat_service.models import Case
from changwat_service.office import DEFAULT_NAME, load_office
from changwat_service.settings import SettingsError

from .conftest import ROOT, SITE_ORIGIN

OFFICE_FILE = str(ROOT / "data" / "office.yml")
OFFICE = {"th": ("สำนักงานจังหวัดตัวอย่าง", "จังหวัดตัวอย่าง"), "en": ("Sample Provincial Office", "Sample Province")}
HOME = {"th": f"{SITE_ORIGIN}/", "en": f"{SITE_ORIGIN}/en/"}
KIT_CSS = ROOT / "overrides" / "site" / "changwat.css"
SERVICE_CSS = ROOT / "service" / "changwat_service" / "static" / "service.css"
# 2026-11-24 10:30 in Bangkok, stored as the service stores every time: in UTC.
RECEIVED = dt.datetime(2026, 11, 24, 3, 30, tzinfo=dt.timezone.utc)
UPDATED = dt.datetime(2026, 12, 31, 18, 5, tzinfo=dt.timezone.utc)  # 1 January 2027 (2570) in Bangkok


@pytest.fixture
def office_client(make_client):
    return make_client(office_file=OFFICE_FILE)


def _case(database, **times) -> str:
    from changwat_service import cases
    code, _ = cases.submit_once(database, "complaint", "th", {"subject": "s", "body": "b"})
    with database.write() as s:
        case = s.query(Case).filter_by(code=code).one()
        case.created_at, case.updated_at = times["created"], times["updated"]
    return code


def public_pages(client, database) -> dict[tuple[str, str], object]:
    """Every page a citizen can land on from a mail link, the site's forms or a mistyped address, per language."""
    code = _case(database, created=RECEIVED, updated=UPDATED)
    settings = client.app.state.settings
    out = {}
    for lang in ("th", "en"):
        ids = subscriptions.subscribe(database, f"look-{lang}@example.com", lang, ["news"])
        confirm = links.confirm(settings, lang, ids, f"look-{lang}@example.com").split("testserver", 1)[1]
        unsubscribe = links.unsubscribe(settings, ids[0]).split("testserver", 1)[1]
        delete = tokens.sign(settings.secret, "delete", {"c": 1, "k": code}, 3600)
        pages = {
            "index": f"/{lang}/",
            "status-form": f"/{lang}/status",
            "status": f"/{lang}/status?code={code}",
            "status-miss": f"/{lang}/status?code=C-0000-0000",
            "thanks": f"/{lang}/thanks/complaint?code={code}",
            "confirm": confirm,
            "delete-confirm": f"/{lang}/delete/confirm?token={delete}",
            "bad-link": f"/{lang}/subscribe/confirm?token=nonsense",
            "not-found": f"/{lang}/no/such/page",
        }
        for name, path in pages.items():
            out[(lang, name)] = client.get(path)
        # The unsubscribe link has no language in its path: the page takes the subscriber's.
        out[(lang, "unsubscribe")] = client.get(unsubscribe)
        csrf = re.search(r'name="csrf" value="([^"]+)"', out[(lang, "unsubscribe")].text).group(1)
        out[(lang, "unsubscribed")] = client.post(unsubscribe, data={"csrf": csrf})
    return out


def _urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action|srcset)="([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)


def test_every_public_page_is_the_offices_in_its_language(office_client, database):
    pages = public_pages(office_client, database)
    assert len(pages) == 22
    for (lang, name), response in pages.items():
        html, where = response.text, f"{lang} {name} ({response.status_code})"
        assert response.headers["content-type"].startswith("text/html"), where
        assert f'<html lang="{lang}">' in html, where
        office, province = OFFICE[lang]
        header = html.split('<header class="cw-header">', 1)[1].split("</header>", 1)[0]
        assert office in header and province in header, where
        assert f"– {office}</title>" in html, where
        # Home is the site's home page in the same language, in the header, the breadcrumb and the footer.
        assert html.count(f'href="{HOME[lang]}"') >= 3, where
        assert 'name="viewport" content="width=device-width, initial-scale=1"' in html, where
        # Nothing from a third party: every address is the service's own (relative) or the office's site.
        for url in _urls(html):
            parts = urlsplit(url)
            assert not parts.netloc or url.startswith(SITE_ORIGIN + "/"), f"{where}: {url}"
        assert "<style" not in html and " style=" not in html, where  # the CSP forbids inline styles
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "style-src 'self'" in csp, where


def test_status_dates_are_buddhist_era_in_thai_and_gregorian_in_english(office_client, database):
    code = _case(database, created=RECEIVED, updated=UPDATED)
    th = office_client.get(f"/th/status?code={code}").text
    en = office_client.get(f"/en/status?code={code}").text
    assert '<time datetime="2026-11-24T10:30+07:00">24 พฤศจิกายน 2569 10.30 น.</time>' in th
    assert '<time datetime="2027-01-01T01:05+07:00">1 มกราคม 2570 01.05 น.</time>' in th
    assert '<time datetime="2026-11-24T10:30+07:00">24 November 2026 10:30</time>' in en
    assert '<time datetime="2027-01-01T01:05+07:00">1 January 2027 01:05</time>' in en
    visible_th = re.sub(r"<[^>]+>", " ", th)
    assert "2026" not in visible_th and "2569" not in re.sub(r"<[^>]+>", " ", en)


def test_back_office_dates_follow_the_page_language(office_client, database):
    from changwat_service import officers
    officers.create(database, "somsri", "correct horse battery staple")
    _case(database, created=RECEIVED, updated=UPDATED)
    login = office_client.get("/th/admin/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
    office_client.post("/th/admin/login", data={"username": "somsri", "password": "correct horse battery staple",
                                                "csrf": csrf})
    assert "24 พฤศจิกายน 2569 10.30 น." in office_client.get("/th/admin/complaints").text
    assert "24 November 2026 10:30" in office_client.get("/en/admin/complaints").text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_service_dates_agree_with_the_kits(lang):
    """One rule for dates: the service's copy gives the kit's text (Babel's CLDR month names, its era offset
    and clock) for every day of 1999-2001 and 2025-2028, at a time that is the previous day in UTC."""
    from changwat.core import thai_dates as kit
    checked = 0
    for start, end in ((dt.date(1999, 1, 1), dt.date(2001, 12, 31)), (dt.date(2025, 1, 1), dt.date(2028, 12, 31))):
        day = start
        while day <= end:
            when = dt.datetime(day.year, day.month, day.day, 20, 7, tzinfo=dt.timezone.utc)
            assert dates.human_datetime(when, lang) == kit.human_datetime(when, lang), when
            assert dates.human_date(when, lang) == kit.human_date(when, lang), when
            assert dates.machine_datetime(when) == kit.machine_date(when), when
            day += dt.timedelta(days=1)
            checked += 1
    assert checked == 365 * 7 + 2  # 2000 and 2028 are leap years


def _variables(css: str) -> dict[str, str]:
    """Custom properties and their first value, comments left out."""
    out: dict[str, str] = {}
    for name, value in re.findall(r"(--[\w-]+):\s*([^;]+);", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        out.setdefault(name, " ".join(value.split()))
    return out


def test_service_colours_and_fonts_are_the_kits():
    """The service keeps the kit's values (it ships without the kit): each names the kit's variable it copies,
    and that variable's first value in the kit's stylesheet (the default colour scheme) is the same."""
    service = SERVICE_CSS.read_text(encoding="utf-8")
    root = service.split(":root {", 1)[1].split("}", 1)[0]
    copies = dict(re.findall(r"(--[\w-]+):[^;]+;\s*/\*\s*=\s*(--[\w-]+)", root))
    own, kit = _variables(root), _variables(KIT_CSS.read_text(encoding="utf-8"))
    assert set(copies) == set(own), "every value of the service's palette names the kit's variable it copies"
    for name, theirs in copies.items():
        assert own[name] == kit[theirs], f"{name} copies {theirs}"
    assert own["--changwat-accent"] == "#0b4f8a" and own["--changwat-header"] == "#14532d"
    assert own["--changwat-font"].startswith('"Noto Sans Thai"')
    # Every colour the service's pages and forms draw with beyond these is a fixed neutral or the error red,
    # never a second accent.
    forms = (ROOT / "service" / "changwat_service" / "site_snippets" / "changwat-forms.css").read_text(encoding="utf-8")
    assert "#1a4b8c" not in service + forms and "var(--changwat-accent" in forms


def make_settings(**values):
    from changwat_service.settings import load_settings

    from .conftest import SECRET
    return load_settings(env={}, secret=SECRET, **values)


def test_office_from_the_sites_file_from_settings_or_a_default():
    assert load_office(make_settings()).name == DEFAULT_NAME
    from_file = load_office(make_settings(office_file=OFFICE_FILE))
    assert from_file.in_lang("th") == {"name": OFFICE["th"][0], "province": OFFICE["th"][1]}
    assert from_file.in_lang("en") == {"name": OFFICE["en"][0], "province": OFFICE["en"][1]}
    replaced = load_office(make_settings(office_file=OFFICE_FILE, office_name_en="Office of Sample"))
    assert replaced.in_lang("en")["name"] == "Office of Sample" and replaced.in_lang("th")["name"] == OFFICE["th"][0]
    alone = load_office(make_settings(office_name_th="สำนักงานจังหวัดน่าน", province_th="จังหวัดน่าน"))
    assert alone.in_lang("en") == {"name": "สำนักงานจังหวัดน่าน", "province": ""}
    with pytest.raises(SettingsError, match="CHANGWAT_OFFICE_FILE"):
        load_office(make_settings(office_file=str(ROOT / "data" / "no-such-office.yml")))


def test_office_settings_from_the_environment():
    from changwat_service.settings import load_settings
    settings = load_settings(env={"CHANGWAT_SERVICE_SECRET": "s" * 40, "CHANGWAT_OFFICE_FILE": OFFICE_FILE,
                                  "CHANGWAT_PROVINCE_EN": "Sample"})
    assert load_office(settings).in_lang("en") == {"name": OFFICE["en"][0], "province": "Sample"}


def test_service_pages_fit_a_360_px_phone(tmp_path):
    """Chromium with phone emulation (360x800, DPR 3, touch): no sideways scroll on the longest pages, the
    office's name whole in the header, the site's header green, accent and Thai-first font actually applied.
    Its own SQLite service: the layout does not depend on the database, one browser run is enough."""
    from changwat.checks.browser import chromium, emulate
    from changwat_service.db import Database
    from changwat_service.settings import load_settings
    from changwat_service.web.app import create_app

    from .conftest import SECRET
    from .test_idempotency import running_service
    db_url = f"sqlite:///{tmp_path / 'look.sqlite3'}"
    database = Database(db_url)
    app = create_app(load_settings(env={}, secret=SECRET, db_url=db_url, site_origin=SITE_ORIGIN,
                                   office_file=OFFICE_FILE, office_logo=str(LOGO), rate_limits="off"), database)
    code = _case(database, created=RECEIVED, updated=UPDATED)
    with running_service(app) as url, chromium() as driver:
        emulate(driver, 360, 800, 3)
        for path in (f"/th/status?code={code}", f"/en/status?code={code}", f"/th/thanks/complaint?code={code}",
                     "/th/complaint", "/en/", "/th/no/such/page"):
            driver.get(url + path)
            facts = driver.execute_script("""
                var brand = document.querySelector('.cw-brand__name'), h = getComputedStyle(document.querySelector('.cw-header'));
                var a = document.querySelector('main a') || document.querySelector('.cw-crumbs a');
                return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                        brandCut: brand.scrollWidth > brand.clientWidth, header: h.backgroundColor,
                        logo: document.querySelector('.cw-brand__logo').naturalWidth,
                        link: getComputedStyle(a).color, font: getComputedStyle(document.body).fontFamily};""")
            assert facts["inner"] == 360, path
            assert facts["scroll"] <= 360, (path, facts)
            assert not facts["brandCut"], (path, facts)
            assert facts["logo"] > 0, (path, facts)  # the logo loaded (same origin, the CSP's img-src 'self')
            assert facts["header"] == "rgb(20, 83, 45)", (path, facts)
            assert facts["link"] == "rgb(11, 79, 138)", (path, facts)
            assert facts["font"].startswith('"Noto Sans Thai"'), (path, facts)
    database.dispose()


def test_a_wrong_office_file_stops_the_service_with_a_message_not_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    from .conftest import SECRET, SERVICE
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHANGWAT_")}
    env.update(CHANGWAT_SERVICE_SECRET=SECRET, CHANGWAT_SERVICE_DB_URL=f"sqlite:///{tmp_path / 's.sqlite3'}",
               CHANGWAT_OFFICE_FILE=str(tmp_path / "office.yml"),
               PYTHONPATH=os.pathsep.join(filter(None, [str(SERVICE), env.get("PYTHONPATH")])))
    result = subprocess.run([sys.executable, "-m", "changwat_service", "migrate"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "CHANGWAT_OFFICE_FILE" in result.stderr and str(tmp_path / "office.yml") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "s.sqlite3").exists()  # stopped before touching the database


LOGO = ROOT / "docs" / "assets" / "images" / "logo.svg"  # the site's logo: mkdocs.yml theme.logo


def test_the_sites_logo_beside_the_offices_name_served_by_the_service(make_client):
    client = make_client(office_file=OFFICE_FILE, office_logo=str(LOGO))
    for lang in ("th", "en"):
        brand = BeautifulSoup(client.get(f"/{lang}/").text, "html.parser").select_one("a.cw-brand")
        # Inside the link that names the office, so the image adds nothing to say: alt="".
        img = brand.select_one("img.cw-brand__logo")
        src = img["src"] if img else ""
        assert re.fullmatch(r"/static/office-logo-[0-9a-f]{12}\.svg", src) and img["alt"] == "", brand
        assert OFFICE[lang][0] in brand.get_text(), brand
        logo = client.get(src)
        assert logo.status_code == 200 and logo.content == LOGO.read_bytes()
        assert logo.headers["content-type"] == "image/svg+xml"
        # The same headers as every answer: an SVG opened on its own runs no script, and is not sniffed.
        assert "default-src 'none'" in logo.headers["content-security-policy"]
        assert logo.headers["x-content-type-options"] == "nosniff"
        assert "img-src 'self'" in client.get(f"/{lang}/").headers["content-security-policy"]
    assert client.get("/static/office-logo-000000000000.svg").status_code == 404
    # Without the setting the header shows the name alone, and there is nothing to fetch.
    plain = make_client(office_file=OFFICE_FILE)
    assert "cw-brand__logo" not in plain.get("/th/").text
    assert plain.get(src).status_code == 404


def test_a_wrong_logo_setting_names_the_setting():
    with pytest.raises(SettingsError, match="CHANGWAT_OFFICE_LOGO"):
        load_office(make_settings(office_logo=str(ROOT / "docs" / "assets" / "images" / "no-such-logo.svg")))
    with pytest.raises(SettingsError, match="CHANGWAT_OFFICE_LOGO"):
        load_office(make_settings(office_logo=str(ROOT / "mkdocs.yml")))  # not an image
