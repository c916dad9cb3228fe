"""Glue: what the home page's template (overrides/home/home.html) shows from config.extra.home, in the page's
language, with every link relative to the page. The sections' items come from changwat-sections (component
"latest"); this module only shapes the services tiles and the current alerts."""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from changwat.home.context import home_data
from changwat.home.data import LEVELS
from changwat.i18n.context import current_language, languages_of

TEMPLATE = "home/home.html"


def is_home(page) -> bool:
    return page.meta.get("template") == TEMPLATE


def page_url(link: str, use_directory_urls: bool) -> str:
    """A site page's language-neutral address: services/e-services.md -> services/e-services/."""
    stem = link[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] if use_directory_urls else stem + ".html"
    return stem + "/" if use_directory_urls else stem + ".html"


def home_view(config, page) -> dict:
    lang, languages = current_language(config), languages_of(config)
    data = home_data(config)

    def href(link: str | None) -> str | None:
        if not link or link.startswith("https://"):
            return link
        return get_relative_url(languages.url(page_url(link, config.use_directory_urls), lang), page.url)

    tiles = [{"title": t.title[lang], "text": t.text[lang], "url": href(t.link)} for t in data.tiles]
    alerts = [{"level": a.level, "level_label": LEVELS[a.level][lang], "title": a.title[lang], "text": a.text[lang],
               "url": href(a.link)} for a in data.alerts]
    return {"tiles": tiles, "alerts": alerts}
