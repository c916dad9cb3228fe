"""The site map component: the navigation of the page's language as nested lists, after the page's text."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import mkdocs_build


def test_the_sitemap_component_lists_the_menu_of_the_pages_language(minisite, tmp_path):
    docs = minisite.parent / "docs"
    for lang, title in (("th", "แผนผังเว็บไซต์"), ("en", "Sitemap")):
        (docs / lang / "sitemap.md").write_text(
            f"---\ntitle: {title}\ncomponents: [sitemap]\n---\n\n# {title}\n\nAll pages.\n", encoding="utf-8")
    config = minisite.read_text(encoding="utf-8")
    minisite.write_text(config.replace("      - news/index.md\n", "      - news/index.md\n  - sitemap.md\n"),
                        encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    for prefix, home, news in (("", "หน้าแรก", "ข่าวสาร"), ("en/", "Home", "News")):
        page = BeautifulSoup((tmp_path / "out" / prefix / "sitemap" / "index.html").read_text(encoding="utf-8"), "lxml")
        nav = page.select_one("article nav.changwat-sitemap")
        assert nav and nav["aria-label"]
        top = [li.find(["a", "span"]).get_text(strip=True) for li in nav.select(":scope > ul > li")]
        assert top[:2] == [home, news]
        assert nav.select_one("a[href='../news/']")
        assert str(page.article).find("All pages.") < str(page.article).find("changwat-sitemap")


def test_a_hidden_page_is_off_the_menu_but_on_the_site_map(minisite, tmp_path):
    docs = minisite.parent / "docs"
    for lang, title in (("th", "แผนผังเว็บไซต์"), ("en", "Sitemap")):
        (docs / lang / "sitemap.md").write_text(
            f"---\ntitle: {title}\ncomponents: [sitemap]\n---\n\n# {title}\n", encoding="utf-8")
    for lang, title in (("th", "ผลการประชุม"), ("en", "Meeting results")):
        (docs / lang / "results.md").write_text(f"---\ntitle: {title}\nhidden: true\n---\n\n# {title}\n",
                                                encoding="utf-8")
    config = minisite.read_text(encoding="utf-8")
    minisite.write_text(config.replace("      - news/index.md\n", "      - news/index.md\n  - sitemap.md\n"),
                        encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    for prefix, title in (("", "ผลการประชุม"), ("en/", "Meeting results")):
        page = BeautifulSoup((tmp_path / "out" / prefix / "sitemap" / "index.html").read_text(encoding="utf-8"), "lxml")
        links = {a.get_text(strip=True): a["href"] for a in page.select("article nav.changwat-sitemap a")}
        assert links[title] == "../results/"
        menu = page.select_one("nav.md-nav--primary")
        assert menu is not None and title not in menu.get_text()
        assert (tmp_path / "out" / prefix / "results" / "index.html").is_file()
