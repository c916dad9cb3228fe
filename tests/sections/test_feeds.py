"""RSS 2.0 and Atom feeds per language and section, checked with feedparser against the items."""

from __future__ import annotations

import feedparser

from conftest import mkdocs_build
from test_sections import add_news

SITE_URL = "https://www.sample-province.go.th/"


def parse(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_feeds_match_items_in_both_languages(minisite, tmp_path):
    add_news(minisite.parent / "docs", 4)
    site = tmp_path / "out"
    assert mkdocs_build(minisite, site).returncode == 0
    for prefix, lang in (("", "th"), ("en/", "en")):
        for name in ("rss.xml", "atom.xml", "news/rss.xml", "news/atom.xml"):
            feed = parse(site / prefix / name)
            assert feed.feed.get("language", lang).startswith(lang)
            assert len(feed.entries) == 5
            published = [e.published for e in feed.entries]
            assert "+0700" in published[0] or "+07:00" in published[0]
            times = [e.published_parsed for e in feed.entries]
            assert times == sorted(times, reverse=True)
            for entry in feed.entries:
                assert entry.link.startswith(SITE_URL + prefix)
                local = site / entry.link[len(SITE_URL):] / "index.html"
                assert local.is_file(), entry.link
        for section in ("announcements", "procurement"):
            assert len(parse(site / prefix / section / "rss.xml").entries) == 0


def test_feed_ids_survive_a_title_edit(minisite, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert mkdocs_build(minisite, first).returncode == 0
    item = minisite.parent / "docs" / "th" / "news" / "2026-11-20-flood-relief.md"
    item.write_text(item.read_text(encoding="utf-8").replace("จังหวัดมอบถุงยังชีพ", "จังหวัดแจกถุงยังชีพ"),
                    encoding="utf-8")
    assert mkdocs_build(minisite, second).returncode == 0
    before, after = parse(first / "atom.xml").entries[0], parse(second / "atom.xml").entries[0]
    assert before.title != after.title and before.id == after.id
    assert before.id.startswith("tag:www.sample-province.go.th,2026:th/news/")


def test_every_page_announces_its_feeds(minisite, tmp_path):
    site = tmp_path / "out"
    assert mkdocs_build(minisite, site).returncode == 0
    html = (site / "en" / "news" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/rss+xml"' in html and 'href="../rss.xml"' in html and 'href="rss.xml"' in html
    assert 'type="application/atom+xml"' in (site / "index.html").read_text(encoding="utf-8")


def test_attachments_become_enclosures_and_are_listed_on_the_item(minisite, tmp_path):
    docs = minisite.parent / "docs"
    (docs / "assets" / "form.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 2048)
    for lang in ("th", "en"):
        item = docs / lang / "news" / "2026-11-20-flood-relief.md"
        item.write_text(item.read_text(encoding="utf-8").replace(
            "image_alt:", "attachments:\n  - file: ../../assets/form.pdf\n    title: แบบคำร้อง\nimage_alt:"),
            encoding="utf-8")
    site = tmp_path / "out"
    result = mkdocs_build(minisite, site)
    assert result.returncode == 0, result.stderr
    entry = parse(site / "rss.xml").entries[0]
    enclosure = entry.enclosures[0]
    assert enclosure.href == SITE_URL + "assets/form.pdf" and enclosure.type == "application/pdf"
    assert int(enclosure.length) == 2057
    page = (site / "news" / "2026-11-20-flood-relief" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../assets/form.pdf">แบบคำร้อง</a> (PDF, 2 KB)' in page


def test_an_empty_feed_has_a_fixed_date_so_builds_repeat(tmp_path):
    from changwat.sections.feeds import EMPTY_FEED_UPDATED, write_feeds

    def build(where):
        return write_feeds(site_dir=where, site_url="https://x.go.th/", lang="th", prefix="", site_title="ก",
                           site_description="ข", sections={"news": "ข่าว"}, folders={"news": "news"},
                           entries={"news": []})

    first, second = build(tmp_path / "a"), build(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    rss = (tmp_path / "a" / "news" / "rss.xml").read_text(encoding="utf-8")
    assert f"<lastBuildDate>{EMPTY_FEED_UPDATED.strftime('%a, %d %b %Y')}" in rss
