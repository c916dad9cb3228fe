"""Server-rendered pages are W3C-valid (the project's pinned Nu checker) and the snippets work in MkDocs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, select_autoescape

from changwat_service import links, officers, subscriptions

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SNIPPETS = ROOT / "service" / "changwat_service" / "site_snippets"


def pages(client, database) -> dict[str, str]:
    officers.create(database, "somsri", "correct horse battery staple")
    out = {}
    for lang in ("th", "en"):
        for path in ("", "question", "complaint", "subscribe", "survey?page=/news/", "status", "delete",
                     "thanks/question?code=Q-0000-0000", "thanks/survey?page=/news/", "admin/login"):
            out[f"{lang}-{path or 'index'}"] = client.get(f"/{lang}/{path}").text
        out[f"{lang}-err-complaint"] = client.post(f"/{lang}/complaint", data={"email": "x", "phone": "y"}).text
        out[f"{lang}-err-subscribe"] = client.post(f"/{lang}/subscribe", data={"email": "x"}).text
        out[f"{lang}-err-survey"] = client.post(f"/{lang}/survey", data={"rating": "0"}).text
        out[f"{lang}-status-miss"] = client.get(f"/{lang}/status?code=Q-0000-0000").text
        out[f"{lang}-404"] = client.get(f"/{lang}/nope/nope").text
        ids = subscriptions.subscribe(database, f"reader-{lang}@example.com", lang, ["news"])
        subscriptions.confirm(database, ids, f"reader-{lang}@example.com")
        unsubscribe = links.unsubscribe(client.app.state.settings, ids[0]).split("testserver", 1)[1]
        out[f"{lang}-unsubscribe"] = client.get(unsubscribe).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', out[f"{lang}-unsubscribe"]).group(1)
        out[f"{lang}-unsubscribed"] = client.post(unsubscribe, data={"csrf": csrf}).text
    login = client.get("/th/admin/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
    client.post("/th/admin/login", data={"username": "somsri", "password": "correct horse battery staple", "csrf": csrf})
    client.post("/en/question", data={"subject": "<b>s</b>", "body": "b", "consent": "yes"})
    for lang in ("th", "en"):
        out[f"{lang}-admin"] = client.get(f"/{lang}/admin/").text
        out[f"{lang}-admin-list"] = client.get(f"/{lang}/admin/questions").text
        case = re.search(r'/admin/cases/(\d+)', out[f"{lang}-admin-list"]).group(1)
        out[f"{lang}-admin-case"] = client.get(f"/{lang}/admin/cases/{case}").text
    return out


@pytest.fixture(scope="module")
def db_url(tmp_path_factory):
    """Markup does not depend on the database: these tests run once, on SQLite."""
    from changwat_service.db import migrate
    url = f"sqlite:///{tmp_path_factory.mktemp('markup') / 'markup.sqlite3'}"
    migrate(url)
    return url


def test_pages_are_valid_html(client, database, tmp_path):
    java = shutil.which("java")
    assert java and VNU.is_file(), "the Nu Html Checker (npm ci) and Java are needed: run `make test`"
    files = []
    for name, html in pages(client, database).items():
        assert re.match(r'<!DOCTYPE html>\n<html lang="(th|en)">', html), name
        f = tmp_path / f"{name.replace('/', '_').replace('?', '_')}.html"
        f.write_text(html, encoding="utf-8")
        files.append(str(f))
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_every_field_has_a_label(client):
    for path in ("/th/question", "/en/complaint", "/th/subscribe", "/en/survey", "/th/status", "/en/delete",
                 "/th/admin/login"):
        html = client.get(path).text
        ids = re.findall(r'<(?:input|textarea|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
        assert ids, path
        for field_id in ids:
            assert f'<label for="{field_id}">' in html, (path, field_id)


class Page:
    url = "en/news/2026-11-24-flood/"


@pytest.mark.parametrize("name", ["case.html", "subscribe.html", "survey.html", "status.html", "delete.html"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_snippets_render_in_a_mkdocs_like_context(name, lang):
    env = Environment(loader=FileSystemLoader(SNIPPETS), autoescape=select_autoescape(default=True))
    html = env.from_string("{% set svc_url = 'https://service.example.go.th/' %}{% set kind = 'complaint' %}"
                           "{% include '" + name + "' %}").render(lang=lang, page=Page())
    action = re.search(r'action="([^"]+)"', html).group(1)
    assert action.startswith(f"https://service.example.go.th/{lang}/")
    if name == "survey.html":
        assert 'name="page" value="/en/news/2026-11-24-flood/"' in html
    if name != "status.html":
        assert "data-changwat-form" in html and 'name="website"' in html
    if name != "status.html":  # the only form that asks for nothing personal
        assert ("วัตถุประสงค์" in html or "ไม่ต้องระบุชื่อ" in html or "เราใช้อีเมลนี้" in html) if lang == "th" else \
            ("Purpose" in html or "Do not give your name" in html or "We use this address" in html)


def test_javascript_has_no_dependencies():
    js = (SNIPPETS / "changwat-forms.js").read_text(encoding="utf-8")
    assert "import " not in js and "require(" not in js and "http" not in js.replace("https://service.example", "")
    assert "sendBeacon" in js and "fetch(" in js and "document.cookie" not in js and "localStorage" not in js


def test_pages_have_no_accessibility_violations(client, database, tmp_path):
    """The service's own pages (forms, errors, status, back office) through the gate's axe check."""
    from changwat.checks import axe
    from changwat.checks.site import Site

    root = tmp_path / "pages"
    for name, html in pages(client, database).items():
        page = root / re.sub(r"[^a-z0-9-]+", "-", name) / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(html, encoding="utf-8")
    static = root / "static"
    static.mkdir()
    for asset in ("changwat-forms.css", "changwat-forms.js"):
        shutil.copy(SNIPPETS / asset, static / asset)
    shutil.copy(ROOT / "service" / "changwat_service" / "static" / "service.css", static / "service.css")
    variants = tmp_path / "variants.yml"
    variants.write_text("tags: [wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, best-practice]\npages: []\nvariants: {}\n",
                        encoding="utf-8")
    result = axe.run(Site(root, "http://127.0.0.1/"), variants)
    blocking = [f"{f.page}: {f.rule} {f.element[:120]}" for f in result.findings if f.blocking]
    assert result.pages_checked >= 30
    assert blocking == []
