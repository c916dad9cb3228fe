"""changwat-search: Thai-aware site search in place of Material's lunr search (which cannot find a Thai word in
the middle of a sentence: anchors-and-known-problems.md §4.3). Each language gets its own index of its own pages;
the browser fetches its manifest when a citizen starts searching, then only the pieces a query needs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from changwat.core.thai_dates import DateError, human_date, read_date
from changwat.search.extract import page_text
from changwat.search.index import Entry, build_shards, index_path
from changwat.sections.items import section_definitions, section_of
from changwat.search import cuts, segment
from changwat.search.segment import SegmenterUnavailable, check_segmenter
from changwat.i18n.context import current_language, languages_of

log = logging.getLogger("mkdocs.plugins.changwat.search")

BROKEN = ("ปัญหา: สร้างดัชนีค้นหาภาษาไทยไม่ได้ เพราะ{why}\n"
          "วิธีแก้: ติดตั้งแพ็กเกจของโครงการใหม่ด้วย `make build` หรือ `.venv/bin/pip install -c constraints.txt -e .`\n"
          "Problem: the Thai search index cannot be built: {why}\n"
          "Fix: reinstall the project's packages (`make build`, or `.venv/bin/pip install -c constraints.txt -e .`).")


class SearchConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # Thai words cut in earlier builds, one file per page, beside mkdocs.yml and committed (search/cuts.py).
    cuts_dir = config_options.Type(str, default="search-cuts")


class SearchPlugin(BasePlugin[SearchConfig]):
    # Only a full `mkdocs build` (or a build through the API, which says nothing) sees every page, so only it may
    # drop the cuts no page uses any more; a preview (`changwat serve`, `mkdocs serve`) or a --dirty build may not.
    full_build = True

    def on_startup(self, *, command, dirty):
        self.full_build = command == "build" and not dirty

    def on_config(self, config):
        if self.config.enabled:
            try:
                check_segmenter()
                header = segment.signature()
            except SegmenterUnavailable as error:
                raise PluginError(BROKEN.format(why=error)) from error
            folder = Path(config.config_file_path).parent / self.config.cuts_dir
            if getattr(self, "cuts", None) is None or self.cuts.root != folder:  # once per site, not per language
                self.cuts = cuts.Folder(folder, self.config.cuts_dir, header, segment.BOUNDARY)
                found, messages = self.cuts.load()
                for message in messages:  # not warnings: one would fail a --strict build, and nothing is wrong
                    log.info(message)
                segment.remember(found)
                self.cut_files: set[str] = set()
        return config

    # The preview's incremental build (cli/incremental.py) writes again only the pages an edit touched; it
    # calls carry_over() first, and the other pages' entries are the last build's, in their build order. MkDocs
    # keeps a plugin with on_startup from one preview build to the next, so `previous` may be this very plugin.
    # The preview calls it with None before a full build; `mkdocs build` never calls it.
    carrying = False

    def carry_over(self, previous: "SearchPlugin | None") -> None:
        self.carrying = previous is not None
        if previous is not None and previous is not self:
            self.pages, self.written = dict(getattr(previous, "pages", {})), dict(getattr(previous, "written", {}))
            if getattr(previous, "cuts", None) is not None:
                self.cuts, self.cut_files = previous.cuts, previous.cut_files

    def on_pre_build(self, config):
        if current_language(config) == languages_of(config).default:  # a build starts with the first language
            if not self.carrying or not hasattr(self, "pages"):
                self.pages: dict[str, dict[str, tuple[Entry, set[str]]]] = {}  # lang -> page -> (entry, runs)
                self.written: dict[str, dict[str, str]] = {}  # lang -> path in its index folder -> text
            self.kept = dict(self.pages)
            self.carrying = False
        self.built: dict[str, tuple[Entry, set[str]]] = {}

    def on_post_page(self, output, page, config):
        if self.config.enabled:
            # Read in the built page: the template adds text (Material's h1, an item's title and date line).
            entry = Entry(url=page.url, text=page_text(output), **self._item_facts(page, config))
            self.built[page.file.src_uri] = entry, segment.thai_runs(entry.text)
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
        pages = {**self.kept.get(lang, {}), **self.built}  # a page written again keeps its place
        self.pages[lang] = pages
        try:
            files = build_shards(lang, [entry for entry, _ in pages.values()])
        except SegmenterUnavailable as error:
            raise PluginError(BROKEN.format(why=error)) from error
        folder = Path(config.site_dir) / index_path(lang)
        before = self.written.get(lang, {})
        for path, data in files.items():
            if before.get(path) != data:  # after an edit in the preview, most pieces are as the last build wrote
                target = folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(data, encoding="utf-8")
        for path in before.keys() - files.keys():  # a piece the index no longer has (a shard split otherwise)
            (folder / path).unlink(missing_ok=True)
        self.written[lang] = files
        self._save_cuts(lang, languages_of(config).codes, pages)

    def _save_cuts(self, lang: str, languages: tuple[str, ...], pages: dict[str, tuple[Entry, set[str]]]) -> None:
        """Each page's file with exactly its runs. After the last language of a full build, the files of pages
        gone are removed too; never after a preview or a --dirty build, which do not see every page."""
        if lang == languages[0]:  # every build, full or not, starts with the first language
            self.cut_files, self.languages_built = set(), set()
        self.languages_built.add(lang)
        for src_uri, (_, runs) in pages.items():
            name = cuts.page_file(src_uri)
            if src_uri in self.built:  # a page carried over from the last build has its file as it was then
                self.cuts.save(name, segment.known(runs))
            self.cut_files.add(name)
        if self.full_build and self.languages_built >= set(languages):
            self.cuts.prune(self.cut_files)
