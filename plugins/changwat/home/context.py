"""Glue: the home page's data files, read once per build and kept on config.extra["home"] for the templates.

changwat-site's on_config calls home_data(config): a wrong data/services.yml or data/alerts.yml stops the build
with every problem at its file and line. Templates read config.extra.home.tiles and .alerts (the alerts shown at
build time; an alert that expires between two builds stays until the next build).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from changwat.core.problems import ContentError
from changwat.core.thai_dates import BANGKOK
from changwat.home.data import HomeData, load_home
from changwat.i18n.context import languages_of

KEY = "home"


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
