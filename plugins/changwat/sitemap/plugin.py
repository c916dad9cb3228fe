"""changwat-sitemap: the site map page (แผนผังเว็บไซต์), drawn from the navigation of the page's language.

A page shows it with the component `sitemap` (front matter `components: [sitemap]`); the template reads the
navigation that MkDocs already puts in every page's context.
"""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from changwat.core.components import register_components

COMPONENTS = {"sitemap": "sitemap/sitemap.html"}


class SitemapConfig(Config):
    enabled = config_options.Type(bool, default=True)


class SitemapPlugin(BasePlugin[SitemapConfig]):
    def on_env(self, env, config, files):
        if self.config.enabled:
            register_components(env, COMPONENTS)
        return env
