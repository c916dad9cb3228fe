"""The service's `notify --site` reads the feeds Changwat's sections plugin writes (names, languages, sections)."""

from __future__ import annotations

from changwat_service import feeds

from conftest import mkdocs_build


def test_notify_finds_and_places_every_item_of_a_built_site(minisite, tmp_path):
    site = tmp_path / "out"
    assert mkdocs_build(minisite, site).returncode == 0
    found = feeds.discover(str(site))
    assert {p[len(str(site)) + 1:] for p in found} >= {"rss.xml", "atom.xml", "news/rss.xml", "en/rss.xml",
                                                      "en/news/atom.xml", "procurement/rss.xml"}
    entries = {(e.lang, e.section, e.link) for e in feeds.load(found)}
    assert entries == {
        ("th", "news", "https://www.sample-province.go.th/news/2026-11-20-flood-relief/"),
        ("en", "news", "https://www.sample-province.go.th/en/news/2026-11-20-flood-relief/"),
    }
