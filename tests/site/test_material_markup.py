"""The built sample site has none of the markup defects of Material that the overrides and patches remove."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from changwat.core.strings import strings_for

ORIGINAL_POLYFILL = re.compile(r'"https?://[^"]+/resize-observer-polyfill')


@pytest.fixture(scope="module")
def pages(built_site):
    return {str(path.relative_to(built_site)): BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            for path in built_site.rglob("*.html")}


def lang_of(page) -> str:
    return page.html["lang"]


def test_no_checkbox_has_autocomplete_and_no_label_an_empty_tabindex(pages):
    assert len(pages) > 100
    for name, page in pages.items():
        assert not page.select('input[type="checkbox"][autocomplete]'), name
        assert not page.select('[tabindex=""]'), name
        assert not page.select("input[autocorrect]"), name
    # The toggles are still there (the patch removes one attribute, not the element).
    assert pages["index.html"].select_one('input#__drawer[type="checkbox"]')
    assert pages["index.html"].select_one('input#__search[type="checkbox"]')


def test_every_toc_title_label_has_its_toggle(pages):
    labels = divs = 0
    for name, page in pages.items():
        for title in page.select("nav.md-nav--secondary .md-nav__title"):
            if title.name == "label":
                labels += 1
                assert page.find(id=title["for"]) is not None, name
            else:
                divs += 1
    assert labels and divs  # both kinds occur in the sample site: the test looks at both


def test_the_menus_copy_of_the_toc_has_a_name_of_its_own(pages):
    seen = set()
    for name, page in pages.items():
        tocs = page.select("nav.md-nav--secondary")
        in_menu = [toc for toc in tocs if toc.find_parent("nav", class_="md-nav--primary")]
        sidebar = [toc for toc in tocs if toc not in in_menu]
        assert len(sidebar) == 1, name
        for toc in in_menu:
            seen.add(lang_of(page))
            assert toc["aria-label"] == strings_for(lang_of(page))["toc_in_menu"], name
            assert toc["aria-label"] != sidebar[0]["aria-label"], name
    assert seen == {"th", "en"}


def test_no_two_menus_of_a_page_share_a_name(pages):
    """Material leaves a section with its own page nameless: one such menu a page is fine, two are not (axe
    landmark-unique); partials/nav-item.html names the nested ones."""
    for name, page in pages.items():
        names = []
        for nav in page.find_all("nav"):
            if nav.find_parent("nav", class_="md-nav--secondary"):
                continue  # a heading's part of a table of contents: the menu's copy is hidden where the other shows
            if nav.get("aria-labelledby"):
                label = page.find(id=nav["aria-labelledby"])
                assert label is not None, (name, nav["aria-labelledby"])
                names.append(" ".join(label.get_text().split()))
            else:
                names.append(nav.get("aria-label", ""))
        assert len(names) == len(set(names)), (name, names)


def test_only_the_recommendations_pages_are_marked_as_their_section(pages):
    marked = {name for name, page in pages.items() if page.body.get("data-changwat-section")}
    assert marked and all(pages[name].body["data-changwat-section"] == "recommendations" for name in marked)
    assert marked == {name for name in pages if re.match(r"(en/)?recommendations/", name)}


def test_markdown_tables_are_named_in_their_pages_language(pages):
    regions = [(page, region) for page in pages.values() for region in page.select("div.changwat-table")]
    assert {lang_of(page) for page, _ in regions} == {"th", "en"}
    for page, region in regions:
        assert region["role"] == "region" and region["tabindex"] == "0"
        assert region.find("table", class_="changwat-table__table", recursive=False)
        if not region.find("caption"):
            assert region["aria-label"].startswith(strings_for(lang_of(page))["table"] + ":")


def test_the_shipped_bundle_self_hosts_the_polyfill_and_skips_alternate_sitemaps(built_site):
    [bundle] = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert not ORIGINAL_POLYFILL.search(text)
    assert '"/assets/changwat/site/vendor/resize-observer-polyfill.js"' in text
    assert '"link[rel=alternate]"' not in text
    assert (built_site / "assets/changwat/site/vendor/resize-observer-polyfill.js").is_file()


def test_a_nested_section_with_its_own_page_has_a_menu_named_after_it(minisite, tmp_path):
    """Not in the sample site: a section with its own page inside another one (navigation.indexes)."""
    from conftest import mkdocs_build

    docs = minisite.parent / "docs"
    for lang, words in {"th": ("คู่มือ", "ส่วนหนึ่ง", "หน้า"), "en": ("Guide", "Part one", "Page")}.items():
        for path, title in {"guide/index.md": words[0], "guide/part/index.md": words[1],
                            "guide/part/a.md": f"{words[2]} A", "guide/part/b.md": f"{words[2]} B"}.items():
            page = docs / lang / path
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"---\ntitle: {title}\ndescription: {title}\n---\n\n# {title}\n\n## {title} 1\n",
                            encoding="utf-8")
    config = minisite.read_text(encoding="utf-8")
    minisite.write_text(config + "  - คู่มือ:\n      - guide/index.md\n      - ส่วนหนึ่ง:\n"
                        "          - guide/part/index.md\n          - guide/part/a.md\n          - guide/part/b.md\n",
                        encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((tmp_path / "out" / "guide" / "part" / "a" / "index.html").read_text(), "lxml")
    nested = page.select_one('nav.md-nav[data-md-level="2"]')
    assert nested["aria-label"] == "ส่วนหนึ่ง" and not nested.get("aria-labelledby")
    top = page.select_one('nav.md-nav[data-md-level="1"]')
    assert top["aria-label"] == "คู่มือ" and not top.get("aria-labelledby")  # a top-level one too
