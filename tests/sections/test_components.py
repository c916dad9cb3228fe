"""Page components on a real build of the mini site: a page names them in its front matter and the page template
renders them after the officer's text, in order; a misspelt name, a value that is not a list, or a component on a
page it cannot serve stops the build with the file, the line and the fix in Thai and English."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import mkdocs_build


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def set_front_matter(path: Path, line: str, after: str = "title:") -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, text in enumerate(lines) if text.startswith(after))
    lines.insert(at + 1, line)
    path.write_text("\n".join(lines), encoding="utf-8")


def without_components(path: Path) -> None:
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").split("\n")
                              if not line.startswith("components:")), encoding="utf-8")


def test_listing_latest_and_feeds_are_shown_where_named_and_in_order(minisite, tmp_path):
    docs = minisite.parent / "docs"
    for lang in ("th", "en"):
        follow = docs / lang / "follow.md"
        follow.write_text("---\ntitle: Follow\ncomponents: [feeds, latest]\nhidden: true\n---\n\n# Follow\n\n"
                          "Officer's text.\n", encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    for prefix in ("", "en/"):
        home = page(tmp_path / "out", prefix)
        assert home.select_one("article .changwat-latest .changwat-listing a")
        news = page(tmp_path / "out", prefix + "news/")
        assert news.select_one("article ol.changwat-listing .changwat-listing__title a")
        assert news.select_one("article p.changwat-feeds a[type='application/rss+xml']")
        article = page(tmp_path / "out", prefix + "follow/").select_one("article")
        html = str(article)
        text, table, latest = (html.find("Officer's text."), html.find('class="changwat-table"'),
                               html.find('class="changwat-latest"'))
        assert 0 < text < table < latest
        # The template wraps its table as changwat-site wraps a Markdown page's tables: a labelled, focusable
        # region (the label is the caption), with the class that keeps Material's script from wrapping it again.
        [feeds] = article.select("table")
        region = feeds.parent
        assert (region.name, region["class"], region["role"], region["tabindex"]) == \
            ("div", ["changwat-table"], "region", "0")
        assert region["aria-label"] == feeds.caption.get_text(strip=True) and feeds["class"] == ["changwat-table__table"]
        assert [a["href"] for a in feeds.select("tbody a")][:2] == \
            (["../rss.xml", "../atom.xml"] if prefix == "" else ["../rss.xml", "../atom.xml"])
        # Nothing of the old mechanism is left in the page.
        assert "changwat:" not in html


def test_a_page_without_components_shows_none(minisite, tmp_path):
    docs = minisite.parent / "docs"
    for lang in ("th", "en"):
        without_components(docs / lang / "index.md")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not page(tmp_path / "out", "").select(".changwat-latest")


def failed(minisite, tmp_path) -> str:
    result = mkdocs_build(minisite, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    return output


def test_an_unknown_component_stops_the_build_with_file_line_thai_and_english(minisite, tmp_path):
    index = minisite.parent / "docs" / "en" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("components: [latest]", "components: [latest, lastest]"),
                     encoding="utf-8")
    output = failed(minisite, tmp_path)
    assert "docs/en/index.md:4 (components)" in output
    assert 'ไม่รู้จักส่วนประกอบของหน้าชื่อ "lastest"' in output
    assert 'There is no page component called "lastest"' in output
    # The fix lists what there is to choose from.
    assert "feeds" in output and "sitemap" in output and "subscribe" in output


def test_components_must_be_a_list_of_names(minisite, tmp_path):
    index = minisite.parent / "docs" / "th" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("components: [latest]", "components: {latest: 5}"),
                     encoding="utf-8")
    output = failed(minisite, tmp_path)
    assert "docs/th/index.md:4 (components)" in output
    assert "components ต้องเป็นรายการ" in output and "components must be a list" in output


def test_a_listing_outside_a_section_index_stops_the_build(minisite, tmp_path):
    index = minisite.parent / "docs" / "th" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("components: [latest]", "components: [listing]"),
                     encoding="utf-8")
    output = failed(minisite, tmp_path)
    assert "docs/th/index.md (components)" in output
    assert "ส่วนประกอบ listing" in output and "The listing component" in output
