"""The language check on the gate fixture and on broken variants of its clean page."""
import shutil
from pathlib import Path

import pytest

from changwat.checks import i18n
from changwat.checks.site import Site, read_site_url

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gate" / "site"
SITE_URL = "https://gate.example.go.th/"


@pytest.fixture(scope="module")
def result():
    return i18n.run(Site(FIXTURE, SITE_URL))


def test_thai_page_marked_english(result):
    [f] = result.findings
    assert (f.page, f.rule, f.line) == ("wrong-lang/", "html-lang", 2)
    assert 'lang="en"' in f.element and "Thai" in f.message


def test_clean_pages_pass(result):
    assert result.pages_checked == 22
    assert not [f for f in result.findings if f.page in ("clean/", "en/clean/", "404.html", "en/404.html", "", "en/")]


@pytest.fixture
def copy(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    return site


def edit(site, rel, old, new):
    p = site / rel
    text = p.read_text()
    assert old in text
    p.write_text(text.replace(old, new))


def rules_on(site, page):
    return sorted(f.rule for f in i18n.run(Site(site, SITE_URL)).findings if f.page == page)


def test_missing_english_twin(copy):
    shutil.rmtree(copy / "en/clean")
    assert rules_on(copy, "clean/") == ["hreflang-broken", "lang-switch-wrong-target", "missing-twin"]


def test_missing_thai_404_twin(copy):
    (copy / "404.html").unlink()
    assert "missing-twin" in rules_on(copy, "en/404.html")


def test_missing_hreflang_x_default(copy):
    edit(copy, "en/clean/index.html", '<link rel="alternate" hreflang="x-default" href="https://gate.example.go.th/clean/">', "")
    assert rules_on(copy, "en/clean/") == ["hreflang-missing"]


def test_relative_or_foreign_or_wrong_hreflang(copy):
    edit(copy, "clean/index.html", 'hreflang="th" href="https://gate.example.go.th/clean/"', 'hreflang="th" href="/clean/"')
    edit(copy, "clean/index.html", 'hreflang="en" href="https://gate.example.go.th/en/clean/"',
         'hreflang="en" href="https://other.example.org/en/clean/"')
    edit(copy, "en/clean/index.html", 'hreflang="en" href="https://gate.example.go.th/en/clean/"',
         'hreflang="en" href="https://gate.example.go.th/en/"')
    assert rules_on(copy, "clean/") == ["hreflang-not-absolute", "hreflang-wrong-host"]
    assert rules_on(copy, "en/clean/") == ["hreflang-wrong-page"]


def test_language_switch_to_home_instead_of_twin(copy):
    edit(copy, "en/clean/index.html", 'href="../../clean/" hreflang="th"', 'href="../../" hreflang="th"')
    [f] = [f for f in i18n.run(Site(copy, SITE_URL)).findings if f.page == "en/clean/"]
    assert f.rule == "lang-switch-wrong-target" and "changwat-lang-switch" in f.element


def test_language_switch_missing_or_mislabelled(copy):
    edit(copy, "clean/index.html", 'hreflang="en" lang="en">English', ">English")
    edit(copy, "en/clean/index.html", 'hreflang="th" lang="th"', 'hreflang="th" lang="en"')
    assert rules_on(copy, "clean/") == ["lang-switch-missing"]
    assert rules_on(copy, "en/clean/") == ["lang-switch-attributes"]


def test_no_site_url_is_a_tool_failure():
    [f] = i18n.run(Site(FIXTURE, "")).findings
    assert f.severity == "tool" and "--site-url" in f.fix


def test_site_url_read_without_mkdocs(tmp_path):
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: x\nsite_url: 'https://www.example.go.th/sub/'  # comment\n"
                   "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    assert read_site_url(yml) == "https://www.example.go.th/sub/"
