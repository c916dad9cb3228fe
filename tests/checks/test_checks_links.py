"""The internal-link check on the gate fixture and on small sites made here."""
from pathlib import Path

import pytest

from changwat.checks import links
from changwat.checks.site import Site

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gate" / "site"
SITE_URL = "https://gate.example.go.th/"


@pytest.fixture(scope="module")
def result():
    return links.run(Site(FIXTURE, SITE_URL))


def test_broken_internal_link(result):
    [f] = [f for f in result.findings if f.page == "broken-link/"]
    assert f.rule == "broken-link" and f.line == 22
    assert f.element.startswith('<a href="../no-such-page/">') and "/no-such-page/" in f.message


def test_missing_fragment(result):
    [f] = [f for f in result.findings if f.page == "missing-fragment/"]
    assert f.rule == "missing-fragment" and "no-such-section" in f.message and "clean/" in f.message
    assert 'href="../clean/#no-such-section"' in f.element


def test_only_the_planted_defects(result):
    assert sorted(f.page for f in result.findings) == ["broken-link/", "missing-fragment/"]
    assert result.pages_checked == 22


def make_site(tmp_path, body, name="index.html", css=None):
    (tmp_path / "about").mkdir(exist_ok=True)
    (tmp_path / "about/index.html").write_text('<h2 id="history">ประวัติ</h2><a name="old">x</a>')
    (tmp_path / "files").mkdir(exist_ok=True)
    (tmp_path / "files/form.pdf").write_bytes(b"%PDF-1.4")
    if css:
        (tmp_path / "site.css").write_text(css)
    (tmp_path / name).write_text(f"<!doctype html><html><body>\n{body}\n</body></html>")
    return links.run(Site(tmp_path, SITE_URL))


@pytest.mark.parametrize("body", [
    '<a href="about/">ok</a>', '<a href="about">directory without slash</a>', '<a href="about/#history">id</a>',
    '<a href="about/#old">a name</a>', '<a href="#top">top</a>', '<a href="files/form.pdf?v=2">pdf</a>',
    '<a href="https://gate.example.go.th/about/">own, absolute</a>', '<a href="/about/">site-absolute</a>',
    '<a href="https://www.example.org/x">external</a>', '<a href="https://ราชการ.ไทย/">Thai domain</a>',
    '<a href="mailto:saraban@example.go.th">mail</a>', '<a href="mailto:?subject=%E0%B8%81&amp;body=x">share</a>', '<a href="tel:+66 2 123 4567">tel</a>',
    '<img alt="" src="data:image/gif;base64,R0lGOD">', '<a href="#" role="button">menu</a>',
    '<h2 id="%E0%B8%81">ก</h2><a href="#%E0%B8%81">percent-encoded Thai id</a>',
])
def test_good_links_pass(tmp_path, body):
    assert make_site(tmp_path, body).findings == []


@pytest.mark.parametrize("body, rule", [
    ('<a href="#">nowhere</a>', "empty-fragment"),
    ('<a href="#nope">nope</a>', "missing-fragment"),
    ('<a href="about/#nope">nope</a>', "missing-fragment"),
    ('<img alt="x" srcset="files/a.png 1x, files/form.pdf 2x">', "broken-link"),
    ('<link rel="stylesheet" href="missing.css">', "broken-link"),
    ('<script src="js/app.js"></script>', "broken-link"),
    ('<form action="search/"><input name="q"></form>', "broken-link"),
    ('<a href="https://gate.example.go.th/gone/">own host, gone</a>', "broken-link"),
    ('<a href="https://exa mple.org/">bad host</a>', "malformed-url"),
    ('<a href="mailto:not-an-address">mail</a>', "malformed-url"),
    ('<a href="tel:call-us">tel</a>', "malformed-url"),
    ('<a href="javascript:void(0)">js</a>', "unsupported-scheme"),
    ('<a href="">empty</a>', "empty-link"),
    ('<a href="../../etc/passwd">out of the site</a>', "broken-link"),
])
def test_bad_links_are_found(tmp_path, body, rule):
    [f] = make_site(tmp_path, body).findings
    assert f.rule == rule and f.page == "" and f.line == 2


def test_css_url_must_resolve(tmp_path):
    r = make_site(tmp_path, "<p>x</p>", css='body { background: url("img/bg.png"); }\n.a { background: url(data:x) }')
    [f] = r.findings
    assert f.page == "site.css" and f.rule == "broken-link" and "img/bg.png" in f.message
