"""changwat-sitemap: the site map page (แผนผังเว็บไซต์), drawn from the navigation of the page's language.

A page shows it with the component `sitemap` (front matter `components: [sitemap]`); the template reads the
navigation that MkDocs already puts in every page's context, then the pages kept off the menu on purpose
(front matter `hidden: true`, see content_lint/check.py), so that every published page is reachable.
"""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from changwat.core.components import register_components, shown_components

COMPONENTS = {"sitemap": "sitemap/sitemap.html"}


def hidden_pages(files) -> list:
    """This language's built pages whose front matter says hidden: true, in file order."""
    return [file.page for file in files.documentation_pages()
            if getattr(file, "page", None) is not None and file.page.meta.get("hidden") is True]


class SitemapConfig(Config):
    enabled = config_options.Type(bool, default=True)


class SitemapPlugin(BasePlugin[SitemapConfig]):
    def on_nav(self, nav, config, files):
        self.files = files
        return nav

    def on_env(self, env, config, files):
        if self.config.enabled:
            register_components(env, COMPONENTS)
        return env

    def on_page_context(self, context, page, config, nav):
        if self.config.enabled and "sitemap" in shown_components(page):
            context["changwat_sitemap_hidden"] = [p for p in hidden_pages(self.files) if p not in nav.pages]
        return context
