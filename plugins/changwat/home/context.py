"""Glue: the home page's data files, read once per build and kept on config.extra["home"] for the templates.

changwat-site's on_config calls home_data(config): a wrong data/services.yml or data/alerts.yml stops the build
with every problem at its file and line. Templates read config.extra.home.tiles and .alerts (the alerts shown at
build time; an alert that expires between two builds stays until the next build). home_view shapes them for
the home page's template (overrides/home/home.html) in the page's language, every link relative to the page;
the sections' items come from changwat-sections (component "latest").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from changwat.core.problems import ContentError
from changwat.core.thai_dates import BANGKOK
from changwat.home.data import LEVELS, HomeData, load_home
from changwat.i18n.context import current_language, languages_of

KEY = "home"
TEMPLATE = "home/home.html"


def home_data(config: MkDocsConfig, now: dt.datetime | None = None) -> HomeData:
    """Loaded on the first call of a build; later calls (each language's pass) reuse it."""
    loaded = config.extra.get(KEY)
    if isinstance(loaded, HomeData):
        return loaded
    root = Path(config.config_file_path).resolve().parent
    data, problems = load_home(root / "data", languages_of(config).codes, Path(config.docs_dir))
    if problems:
        raise PluginError(str(ContentError(problems)))
    shown = HomeData(tiles=data.tiles, alerts=data.active_alerts(now or dt.datetime.now(BANGKOK)))
    config.extra[KEY] = shown
    return shown


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
