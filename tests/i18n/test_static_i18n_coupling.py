"""The kit's one use of mkdocs-static-i18n's state (changwat/i18n/context.py add_to_i18n_sitemap): a release that
renames it fails here, not silently in sitemap.xml."""

from __future__ import annotations

from mkdocs_static_i18n.plugin import I18n


def test_the_i18n_plugin_still_keeps_its_files_per_language():
    assert I18n().i18n_files_per_language == {}


def test_generated_pages_are_in_the_sitemap(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    # The recommendations pages are generated (no Markdown in docs/): listed only through add_to_i18n_sitemap.
    assert "https://www.sample-province.go.th/recommendations/method/" in sitemap
    assert "https://www.sample-province.go.th/en/recommendations/method/" in sitemap
