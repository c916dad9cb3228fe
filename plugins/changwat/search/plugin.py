"""changwat-search: Thai-aware site search in place of Material's lunr search (which cannot find a Thai word in
the middle of a sentence: anchors-and-known-problems.md §4.3). Each language gets its own index of its own pages;
the browser fetches its manifest when a citizen starts searching, then only the pieces a query needs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from changwat.core.thai_dates import DateError, human_date, read_date
from changwat.search.extract import page_text
from changwat.search.index import Entry, build_shards, index_path
from changwat.sections.items import section_definitions, section_of
from changwat.search.segment import SegmenterUnavailable, check_segmenter, load_cache, save_cache
from changwat.i18n.context import current_language, languages_of

BROKEN = ("ปัญหา: สร้างดัชนีค้นหาภาษาไทยไม่ได้ เพราะ{why}\n"
          "วิธีแก้: ติดตั้งแพ็กเกจของโครงการใหม่ด้วย `make build` หรือ `.venv/bin/pip install -c constraints.txt -e .`\n"
          "Problem: the Thai search index cannot be built: {why}\n"
          "Fix: reinstall the project's packages (`make build`, or `.venv/bin/pip install -c constraints.txt -e .`).")


class SearchConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # Words already cut in earlier builds, kept out of git (.gitignore: /.cache/).
    cache_file = config_options.Type(str, default=".cache/changwat-search/thai-words.json")


class SearchPlugin(BasePlugin[SearchConfig]):
    def on_config(self, config):
        if self.config.enabled:
            try:
                check_segmenter()
            except SegmenterUnavailable as error:
                raise PluginError(BROKEN.format(why=error)) from error
            self.cache_path = Path(config.config_file_path).parent / self.config.cache_file
            load_cache(self.cache_path)
        return config

    def on_pre_build(self, config):
        self.entries: list[Entry] = []

    def on_post_page(self, output, page, config):
        if self.config.enabled:
            self.entries.append(Entry(url=page.url, text=page_text(output), **self._item_facts(page, config)))
        return output

    @staticmethod
    def _item_facts(page, config) -> dict:
        """A section item's section name and date, as its page shows them (changwat-sections checked them)."""
        if not page.file.abs_src_path:
            return {}
        rel = Path(page.file.abs_src_path).relative_to(Path(config.docs_dir)).as_posix()
        found = section_of(rel, languages_of(config).codes)
        if not found:
            return {}
        name, lang = found
        facts = {"section": section_definitions()[name]["title"][lang]}
        try:
            facts["date"] = human_date(read_date(page.meta["date"])[0], lang)
        except (KeyError, DateError):
            pass
        return facts

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        lang = current_language(config)
        try:
            files = build_shards(lang, self.entries)
        except SegmenterUnavailable as error:
            raise PluginError(BROKEN.format(why=error)) from error
        folder = Path(config.site_dir) / index_path(lang)
        for path, data in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(data, encoding="utf-8")
        save_cache(self.cache_path)
