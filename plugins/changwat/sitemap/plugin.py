"""changwat-sitemap: the site map page (แผนผังเว็บไซต์), drawn from the navigation of the page's language."""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

SITEMAP_MARK = "<!-- changwat:sitemap -->"


class SitemapConfig(Config):
    enabled = config_options.Type(bool, default=True)


class SitemapPlugin(BasePlugin[SitemapConfig]):
    def on_env(self, env, config, files):
        self.env = env
        return env

    def on_page_context(self, context, page, config, nav):
        if SITEMAP_MARK in page.content:
            tree = self.env.get_template("sitemap/sitemap.html").render(
                nav=nav, page=page, base_url=context.get("base_url", ""), ui=self.env.globals["ui"])
            page.content = page.content.replace(SITEMAP_MARK, tree)
        return context
