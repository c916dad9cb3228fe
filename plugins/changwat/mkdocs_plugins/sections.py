"""changwat-sections: news, announcements and procurement notices, their listings and the home page's latest news."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

from ..dates import human_date, human_datetime, machine_date
from ..front_matter import split_front_matter
from ..problems import ContentError
from ..sections import human_size, newest_first, parse_item, section_definitions, section_of
from ..twins import language_url
from ._context import current_language, default_language, languages

LISTING_MARK = "<!-- changwat:listing -->"
LATEST_MARK = "<!-- changwat:latest -->"


class SectionsConfig(Config):
    enabled = config_options.Type(bool, default=True)
    latest_count = config_options.Type(int, default=5)


class SectionsPlugin(BasePlugin[SectionsConfig]):
    def on_nav(self, nav, config, files):
        lang, docs_dir = current_language(config), Path(config.docs_dir)
        self.items, self.item_files, problems = {}, {}, []
        for file in files.documentation_pages():
            rel = Path(file.abs_src_path).relative_to(docs_dir).as_posix()
            found = section_of(rel, languages(config))
            if not found or found[1] != lang:
                continue
            source = file.content_string
            meta, _ = split_front_matter(source)
            item, item_problems = parse_item(source, meta, rel, found[0], lang, docs_dir)
            problems += item_problems
            if item:
                self.items[file.src_uri] = item
                self.item_files[item] = file
        if problems:
            raise PluginError(str(ContentError(problems)))
        self.by_section = {
            name: newest_first(i for i in self.items.values() if i.section == name) for name in section_definitions()
        }
        return nav

    def on_env(self, env, config, files):
        self.env = env
        return env

    def on_page_context(self, context, page, config, nav):
        # Runs after on_env (page content is converted before the environment exists), so templates are ready.
        item = self.items.get(page.file.src_uri)
        if item:
            context["changwat_item"] = self._view(item, page, config)
        if LISTING_MARK in page.content:
            section = self._section_of_index(page)
            page.content = page.content.replace(LISTING_MARK, self._render(
                "listing.html", page, config, self.by_section.get(section, []), section))
        if LATEST_MARK in page.content:
            page.content = page.content.replace(LATEST_MARK, self._render(
                "latest.html", page, config, self.by_section["news"][: self.config.latest_count], "news"))
        return context

    def _section_of_index(self, page) -> str | None:
        folder = Path(page.file.src_uri).parent.name
        return next((name for name, d in section_definitions().items() if d["folder"] == folder), None)

    def _render(self, template, page, config, items, section) -> str:
        definition = section_definitions()[section] if section else {"title": {}}
        lang = current_language(config)
        views = [self._view(item, page, config) for item in items]
        section_url = ""
        if section:
            listing = language_url(f"{definition['folder']}/", lang, default_language(config))
            section_url = get_relative_url(listing, page.url)
        return self.env.get_template(f"partials/changwat/{template}").render(
            items=views, section_title=definition["title"].get(lang), section_url=section_url,
            ui=self.env.globals["ui"],
        )

    def _view(self, item, page, config) -> dict:
        lang = current_language(config)
        categories = section_definitions()[item.section]["categories"]
        item_url = self.item_files[item].url

        def site_relative(src: str) -> str:
            # Shared files under docs/assets keep their path in the site.
            return get_relative_url(src, page.url)

        return {
            "title": item.title,
            "url": get_relative_url(item_url, page.url),
            "date_human": human_datetime(item.published, lang) if item.has_time else human_date(item.published, lang),
            "date_machine": machine_date(item.published if item.has_time else item.published.date()),
            "summary": item.summary,
            "category": categories[item.category][lang],
            "image": site_relative(item.image) if item.image else None,
            "image_site_path": item.image,
            "image_alt": item.image_alt,
            "attachments": [
                {"title": a.title, "url": site_relative(a.src), "kind": a.kind, "size": human_size(a.size, lang)}
                for a in item.attachments
            ],
        }
