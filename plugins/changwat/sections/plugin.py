"""changwat-sections: news, announcements and procurement notices: checked front matter, paginated listings,
the home page's latest news, and RSS 2.0 + Atom feeds per language and section.

Material's blog plugin does not work with mkdocs-static-i18n (squidfunk/mkdocs-material#4863), hence this.
"""

from __future__ import annotations

import math
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from changwat.core.components import register_components, shown_components
from changwat.core.thai_dates import human_date, human_datetime, machine_date
from changwat.sections.feeds import FeedEntry, feed_paths, write_feeds
from changwat.core.front_matter import FrontMatterError, split_front_matter
from changwat.sections.pagination import page_numbers, page_path
from changwat.core.problems import ContentError, Problem
from changwat.sections.items import (human_size, is_draft, newest_first, parse_item, section_definitions,
                                     section_of)
from changwat.core.strings import strings_for
from changwat.i18n.context import current_language, languages_of, remove_from_i18n_sitemap

log = get_plugin_logger(__name__)

# Page components (front matter `components: [...]`, see changwat.core.components) and their templates.
COMPONENTS = {"listing": "sections/listing.html", "latest": "sections/latest.html", "feeds": "sections/feeds-table.html"}


class SectionsConfig(Config):
    enabled = config_options.Type(bool, default=True)
    per_page = config_options.Type(int, default=10)
    latest_count = config_options.Type(int, default=5)
    feed_items = config_options.Type(int, default=50)


class SectionsPlugin(BasePlugin[SectionsConfig]):
    # After mkdocs-static-i18n (-100) has picked this language's files and set their addresses.
    @event_priority(-110)
    def on_files(self, files, config):
        lang, docs_dir = current_language(config), Path(config.docs_dir)
        self.items, self.item_files, problems, drafts = {}, {}, [], []
        for file in files.documentation_pages():
            if not file.abs_src_path:
                continue
            rel = Path(file.abs_src_path).relative_to(docs_dir).as_posix()
            found = section_of(rel, languages_of(config).codes)
            if not found or found[1] != lang:
                continue
            source = file.content_string
            try:
                meta, _ = split_front_matter(source)
            except FrontMatterError as e:
                problems.append(e.problem(f"docs/{rel}"))
                continue
            if is_draft(meta):
                drafts.append(file)
                continue
            item, item_problems = parse_item(source, meta, rel, found[0], lang, docs_dir)
            problems += item_problems
            if item:
                self.items[file.src_uri] = item
                self.item_files[item] = file
        if problems:
            raise PluginError(str(ContentError(problems)))
        # A draft is not built at all: no page, so no list, feed, search entry or sitemap.xml line points to it.
        for file in drafts:
            files.remove(file)
            log.info("ฉบับร่าง ยังไม่เผยแพร่ / a draft, not published: docs/%s", file.src_uri)
        remove_from_i18n_sitemap(config, lang, drafts)
        self.by_section = {
            name: newest_first(i for i in self.items.values() if i.section == name) for name in section_definitions()
        }
        for name, items in self.by_section.items():
            for number in range(2, math.ceil(len(items) / self.config.per_page) + 1):
                files.append(self._listing_page(config, name, number))
        return files

    def on_env(self, env, config, files):
        self.env = env
        register_components(env, COMPONENTS)
        return env

    def on_page_context(self, context, page, config, nav):
        # Runs after on_env (page content is converted before the environment exists), so templates are ready.
        item = self.items.get(page.file.src_uri)
        if item:
            context["changwat_item"] = {**self._view(item, page, config),
                                        "section": self._item_section(item, page, config, nav)}
        section = self._section_of_listing(page)
        # Every page announces the language's feed of all items; a listing also its own section's feed.
        context["changwat_feeds"] = self._feed_links(config, page, None) + (
            self._feed_links(config, page, section) if section else [])
        shown = shown_components(page)
        if "listing" in shown:
            if section is None:
                raise PluginError(str(ContentError([self._not_a_listing(page)])))
            number = self._listing_number(page)
            context["changwat_listing"] = self._listing(page, config, section, number)
            chunk = self._chunk(section, number)
            if number > 1 and chunk:
                # A generated page has no file history: it last changed when its newest item was published.
                context["changwat_updated"] = {"human": human_date(chunk[0].published, current_language(config)),
                                               "machine": machine_date(chunk[0].published.date())}
        if "latest" in shown:
            context["changwat_latest"] = self._latest(page, config)
        if "feeds" in shown:
            context["changwat_feed_table"] = self._feed_table(page, config)
        return context

    def on_post_build(self, config):
        lang = current_language(config)
        site_url = config.site_url or "/"
        names = {name: d["title"][lang] for name, d in section_definitions().items()}
        entries = {name: [self._feed_entry(item, config) for item in items[: self.config.feed_items]]
                   for name, items in self.by_section.items()}
        write_feeds(
            site_dir=Path(config.site_dir), site_url=site_url, lang=lang,
            prefix=languages_of(config).prefix(lang),
            site_title=config.site_name, site_description=config.site_description or config.site_name,
            sections=names, folders={n: d["folder"] for n, d in section_definitions().items()},
            entries=entries,
        )

    # ---- helpers -----------------------------------------------------------------------------------

    def _item_section(self, item, page, config, nav) -> dict:
        """An item's place in the site: the breadcrumb (home, then its section's list) and the link back to that
        list. Items are not in the menu (there would be hundreds): the item is placed under the menu section that
        holds its list, so Material marks that section's tab and menu active as on the list itself; MkDocs
        deactivates the page, and with it that section, once the page is written."""
        lang, langs = current_language(config), languages_of(config)
        definition = section_definitions()[item.section]
        listing = next((p for p in nav.pages if p.file.src_uri == f"{lang}/{definition['folder']}/index.md"), None)
        listing_url = listing.url if listing else langs.url(page_path(definition["folder"], 1), lang)
        if listing is not None and listing.parent is not None and page.parent is None:
            page.parent = listing.parent
            page.active = True
        strings = strings_for(lang)
        home = nav.homepage
        return {
            "title": definition["title"][lang],
            "url": get_relative_url(listing_url, page.url),
            "back": strings.get(f"items_back_{item.section}") or strings["home_see_all"].format(
                title=definition["title"][lang]),
            "home": {"title": home.title if home else strings["home"],
                     "url": get_relative_url(home.url if home else langs.url("", lang), page.url)},
        }

    def _listing_page(self, config, section: str, number: int) -> File:
        lang, folder = current_language(config), section_definitions()[section]["folder"]
        title = section_definitions()[section]["title"][lang]
        label = strings_for(lang)["page_n"].format(n=number)
        file = File.generated(config, f"{lang}/{folder}/page/{number}.md",
                              content=f"---\ntitle: {title} ({label})\ncomponents: [listing]\n---\n\n# {title}\n")
        file.dest_uri = languages_of(config).url(f"{page_path(folder, number)}index.html", lang)
        return file

    def _section_of_listing(self, page) -> str | None:
        parts = Path(page.file.src_uri).parts
        for name, definition in section_definitions().items():
            folder = definition["folder"]
            if (len(parts) == 3 and parts[1] == folder and parts[2] == "index.md") or \
                    (len(parts) == 4 and parts[1] == folder and parts[2] == "page"):
                return name
        return None

    def _listing_number(self, page) -> int:
        parts = Path(page.file.src_uri).parts
        return int(Path(parts[3]).stem) if len(parts) == 4 and parts[2] == "page" else 1

    def _not_a_listing(self, page) -> Problem:
        folders = ", ".join(f"docs/<lang>/{d['folder']}/index.md" for d in section_definitions().values())
        return Problem(
            file=f"docs/{page.file.src_uri}", field="components",
            what_th="ส่วนประกอบ listing (รายการข่าวแบ่งหน้า) ใช้ได้เฉพาะหน้าแรกของหมวดข่าว ประกาศ หรือจัดซื้อจัดจ้าง",
            what_en="The listing component (a section's paged list) only works on a section's own index page",
            fix_th=f"ลบ listing ออกจาก components ของหน้านี้ หรือใช้ latest แทน (หน้าที่ใช้ listing ได้: {folders})",
            fix_en=f"Remove listing from this page's components, or use latest instead (listing pages: {folders})")

    def _listing(self, page, config, section, number) -> dict:
        items = self.by_section.get(section, [])
        per_page = self.config.per_page
        total = max(1, math.ceil(len(items) / per_page))
        lang, langs = current_language(config), languages_of(config)
        folder = section_definitions()[section]["folder"]

        def url(n):
            return get_relative_url(langs.url(page_path(folder, n), lang), page.url)

        pages = [None if n is None else {"number": n, "current": n == number, "url": url(n)}
                 for n in page_numbers(total, number)]
        chunk = self._chunk(section, number)
        return {"items": [self._view(item, page, config) for item in chunk], "pages": pages, "page_count": total,
                "current": number, "prev_url": url(number - 1) if number > 1 else None,
                "next_url": url(number + 1) if number < total else None,
                "feeds": self._feed_links(config, page, section)}

    def _chunk(self, section, number) -> list:
        per_page = self.config.per_page
        return self.by_section.get(section, [])[(number - 1) * per_page: number * per_page]

    def _latest(self, page, config) -> dict:
        lang = current_language(config)
        listing = languages_of(config).url(f"{section_definitions()['news']['folder']}/", lang)
        items = self.by_section["news"][: self.config.latest_count]
        # Every section's newest items, for the portal home page's announcements and procurement notices.
        sections = {name: {"title": d["title"][lang],
                           "url": get_relative_url(languages_of(config).url(f"{d['folder']}/", lang), page.url),
                           "items": [self._view(item, page, config)
                                     for item in self.by_section.get(name, [])[: self.config.latest_count]]}
                    for name, d in section_definitions().items()}
        return {"items": [self._view(item, page, config) for item in items],
                "section_url": get_relative_url(listing, page.url), "sections": sections}

    def _feed_table(self, page, config) -> dict:
        lang = current_language(config)
        rows = [{"title": strings_for(lang)["all_items"], "feeds": self._feed_links(config, page, None)}]
        rows += [{"title": d["title"][lang], "feeds": self._feed_links(config, page, name)}
                 for name, d in section_definitions().items()]
        return {"rows": rows}

    def _feed_links(self, config, page, section) -> list[dict]:
        lang, langs = current_language(config), languages_of(config)
        folder = section_definitions()[section]["folder"] if section else None
        title = section_definitions()[section]["title"][lang] if section else config.site_name
        return [{"type": kind, "title": f"{title} ({label})",
                 "url": get_relative_url(langs.url(path, lang), page.url)}
                for kind, label, path in feed_paths(folder)]

    def _feed_entry(self, item, config) -> FeedEntry:
        site_url = config.site_url or "/"
        return FeedEntry(
            id_path=f"{item.lang}/{item.section}/{item.slug}",
            url=site_url + self.item_files[item].url,
            title=item.title, summary=item.summary, published=item.published,
            category=section_definitions()[item.section]["categories"][item.category][item.lang],
            enclosures=[(site_url + a.src, a.size, a.mime) for a in item.attachments],
        )

    def _view(self, item, page, config) -> dict:
        lang = current_language(config)
        categories = section_definitions()[item.section]["categories"]

        def site_relative(src: str) -> str:
            # Shared files under docs/assets keep their path in the site.
            return get_relative_url(src, page.url)

        return {
            "title": item.title,
            "url": get_relative_url(self.item_files[item].url, page.url),
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
