"""The preview shows an edited page without building the whole site again; a full build stays the reference.

MkDocs still runs every plugin's events for every language it builds, so every list, feed and search index is
made as in a full build. What the preview saves is the per-page work, MkDocs' own two steps:
- converting a page's Markdown (`_populate_page`): the preview remembers what each page's source became (its
  meta, HTML, table of contents, title and anchors) and converts again only a page whose source changed;
- writing a page through its template (`_build_page`): only an edited page is written again, plus the pages that
  show its front matter (a section's list, the home page's latest items) when that changed, or every page of its
  language when its title changed (menus and breadcrumbs show titles). Every other page keeps the file the last
  build wrote: nothing it shows has changed.
A language none of whose pages changed is not built again at all (mkdocs-static-i18n builds each language).

Anything else means a full build, and the terminal says why: the first build, mkdocs.yml, data/, a template, an
image, a page added or removed, git history (pages show their last change), or a page becoming or ceasing to be
a draft. tests/preview/test_incremental.py checks that an edited page, its lists, feeds and search index come out
byte for byte as a full build makes them.

This is the one place Changwat changes MkDocs' and mkdocs-static-i18n's code (for the preview only):
PATCHED lists what it replaces, with the sha256 of the source it was written against; tests/preview checks them,
so an upgrade that changes them fails there first.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import mkdocs.commands.build as mkdocs_build
import mkdocs.utils as mkdocs_utils
import mkdocs_static_i18n.plugin as i18n_plugin
from mkdocs.plugins import BasePlugin, event_priority

from changwat.i18n.context import carry_i18n_sitemap, current_language

# The kit's page context, as the incremental build must know it: the keys through which a page shows other pages'
# front matter (a section's list, the home page's latest items, the site map's pages kept off the menu), and the
# keys that show only the page itself or the site's data. tests/preview/test_incremental.py fails on a key that
# is in neither.
SHOWS_OTHER_PAGES = frozenset({"changwat_listing", "changwat_latest", "changwat_sitemap_hidden"})
SHOWS_ITSELF = frozenset({
    "changwat_item", "changwat_feeds", "changwat_feed_table", "changwat_updated", "changwat_alternates",
    "changwat_toc", "changwat_section", "changwat_recommendations", "changwat_home", "changwat_audit",
    "changwat_statement", "changwat_visits", "changwat_survey", "changwat_qa"})

# What this module replaces (and relies on: build() calls the two page steps and utils.clean_directory by their
# module names; the i18n loop calls build() once per language) while the preview builds, and the sha256 of the
# code it was written against: MkDocs 1.6.1, mkdocs-static-i18n 1.3.1.
PATCHED = {
    "mkdocs.commands.build.build": "c476b64474acfaa20c08fdedc074238c6521bf320263065ee7de983ebf2032f9",
    "mkdocs.commands.build._populate_page": "31a70ea4caef1e127a9d65a0f346ee322bad00d673ef824d82acf807e61d91c2",
    "mkdocs.commands.build._build_page": "adcdbd14b236112697cafec9171bd281981f15a776e0d2f941a62e7bffd9a0d5",
    "mkdocs_static_i18n.plugin.I18n.on_post_build": "e70db1f72973bb706c219b3f442b8b7b2df2cb7d110c882f9a59559779372e0d",
}


def patched_sources() -> dict[str, str]:
    """The sha256 of each patched function's source as installed now."""
    objects = {
        "mkdocs.commands.build.build": mkdocs_build.build,
        "mkdocs.commands.build._populate_page": mkdocs_build._populate_page,
        "mkdocs.commands.build._build_page": mkdocs_build._build_page,
        "mkdocs_static_i18n.plugin.I18n.on_post_build": i18n_plugin.I18n.on_post_build,
    }
    return {name: hashlib.sha256(inspect.getsource(obj).encode()).hexdigest() for name, obj in objects.items()}


class FullBuildNeeded(Exception):
    """Raised during an incremental build that finds what only a full build can make (a page added or gone)."""

    def __init__(self, th: str, en: str):
        super().__init__(th, en)
        self.why = th, en


@dataclass
class Converted:
    """What MkDocs' _populate_page leaves on a page, for a source."""
    source: str
    markdown: str
    meta: dict
    content: str
    toc: object
    title_from_render: str | None
    present_anchor_ids: set | None
    links_to_anchors: dict | None   # src_uri of the page linked to -> {anchor: link}
    title: str | None
    front: dict                     # the meta as read: plugins normalise some values in `meta` while writing

    @classmethod
    def of(cls, page, source: str) -> "Converted":
        links = getattr(page, "links_to_anchors", None)
        return cls(source=source, markdown=page.markdown, meta=page.meta, content=page.content, toc=page.toc,
                   title_from_render=page._title_from_render,
                   present_anchor_ids=getattr(page, "present_anchor_ids", None),
                   links_to_anchors=None if links is None else {f.src_uri: v for f, v in links.items()},
                   title=page.title, front=dict(page.meta))

    def restore(self, page, files) -> None:
        page.markdown, page.meta, page.content, page.toc = self.markdown, self.meta, self.content, self.toc
        page._title_from_render = self.title_from_render
        page.present_anchor_ids = self.present_anchor_ids
        if self.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(src): links
                                     for src, links in self.links_to_anchors.items()
                                     if files.get_file_from_path(src) is not None}


def _stat(path: Path) -> tuple[int, int]:
    s = path.stat()
    return s.st_mtime_ns, s.st_size


def _walk(root: Path):
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            yield Path(folder) / name


@dataclass
class Inputs:
    """What a build reads, as found before it: the Markdown pages by name, everything else by time and size."""
    pages: frozenset[str]
    world: dict[str, tuple[int, int]]

    @classmethod
    def scan(cls, config_file: Path, docs_dir: Path, roots: list[Path]) -> "Inputs":
        pages, world = set(), {}
        for path in _walk(docs_dir):
            if path.suffix == ".md":
                pages.add(path.relative_to(docs_dir).as_posix())
            else:
                world[str(path)] = _stat(path)
        for root in [config_file, *roots]:
            if root.is_file():
                world[str(root)] = _stat(root)
            elif root.is_dir():
                for path in _walk(root):
                    world.setdefault(str(path), _stat(path))
        git = _git_dir(config_file.resolve().parent)
        if git is not None:  # a commit changes the "last updated" dates pages show (git's index changes on reads)
            head = (git / "HEAD").read_text(encoding="utf-8").strip() if (git / "HEAD").is_file() else ""
            refs = [git / "HEAD", git / "packed-refs"]
            if head.startswith("ref: "):
                refs.append(git / head[5:])
            for path in refs:
                if path.is_file():
                    world[str(path)] = _stat(path)
        return cls(frozenset(pages), world)

    def why_not_same(self, other: "Inputs") -> tuple[str, str] | None:
        """Why a build from these inputs cannot reuse the build from `other`, in Thai and English; None if it can."""
        if self.pages != other.pages:
            added, gone = sorted(self.pages - other.pages), sorted(other.pages - self.pages)
            name = (added or gone)[0]
            return (f"มีหน้า{'ใหม่' if added else 'ที่ลบไป'} ({name})", f"a page was {'added' if added else 'removed'} "
                    f"({name})")
        changed = sorted(set(self.world.items()) ^ set(other.world.items()))
        if changed:
            return f"{changed[0][0]} เปลี่ยน", f"{changed[0][0]} changed"
        return None


def _git_dir(folder: Path) -> Path | None:
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").is_dir():
            return candidate / ".git"
    return None


@dataclass
class Language:
    """One language's pages as the last build left them."""
    converted: dict[str, Converted] = field(default_factory=dict)   # src_uri -> converted page
    showing_others: set[str] = field(default_factory=set)          # pages whose context shows other pages


class _Templates(jinja2.BytecodeCache):
    """Compiled templates kept from one preview build to the next (MkDocs makes a new Jinja environment for each
    build); Jinja checks each against its template's source, so an edited template is compiled again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _Observer(BasePlugin):
    """Notes which pages show other pages' front matter: after every other plugin has filled the context."""

    def __init__(self, record, templates: _Templates):
        super().__init__()
        self.record = record
        self.templates = templates

    def on_env(self, env, config, files):
        env.bytecode_cache = self.templates
        return env

    @event_priority(-1000)
    def on_page_context(self, context, page, config, nav):
        self.record(current_language(config), page.file.src_uri, bool(SHOWS_OTHER_PAGES & context.keys()))
        return context


class Incremental:
    """The preview's memory of its last good build, and the build that reuses it."""

    def __init__(self):
        self.languages: dict[str, Language] = {}
        self.inputs: Inputs | None = None
        self.previous_config = None
        self.rendered: list[str] = []   # "lang:src_uri" of pages written by the last build, for the terminal
        self.templates = getattr(self, "templates", None) or _Templates()

    # ---- deciding -------------------------------------------------------------------------------

    def why_full(self, inputs: Inputs) -> tuple[str, str] | None:
        if self.inputs is None or self.previous_config is None:
            return None  # the first build: nothing to say
        return inputs.why_not_same(self.inputs)

    def forget(self) -> None:
        self.__init__()

    # ---- building -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def building(self, config, inputs: Inputs, incremental: bool):
        """While MkDocs builds `config`: remember every page; if `incremental`, reuse what is remembered."""
        if not incremental:  # a full build empties the site folder: nothing of the last build is left to reuse
            self.forget()
        state = _Build(self, config, incremental)
        config.plugins["changwat-preview"] = _Observer(state.observe, self.templates)
        if incremental:
            carry_i18n_sitemap(config, self.previous_config)
        # A plugin that keeps pages' facts (changwat-search) is told whether to keep the last build's.
        for name, plugin in config.plugins.items():
            carry = getattr(plugin, "carry_over", None)
            if carry is not None:
                carry(self.previous_config.plugins.get(name) if incremental else None)
        saved = (mkdocs_build._populate_page, mkdocs_build._build_page, i18n_plugin.build, mkdocs_utils.clean_directory)
        original_populate, original_build_page, original_build = saved[:3]

        def populate(page, config, files, dirty=False):
            state.populate(original_populate, page, config, files, dirty)

        def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
            if state.wanted(page, config, doc_files):
                original_build_page(page, config, doc_files, nav, env, dirty, excluded)

        def build_language(config, dirty=False, **kwargs):
            lang = config.plugins["i18n"].current_language
            if state.skips(lang):
                return
            original_build(config, dirty=dirty, **kwargs)

        mkdocs_build._populate_page, mkdocs_build._build_page, i18n_plugin.build = populate, build_page, build_language
        if incremental:  # the pages not written again stay in the site folder
            mkdocs_utils.clean_directory = lambda path: None
        try:
            yield state
        finally:
            mkdocs_build._populate_page, mkdocs_build._build_page, i18n_plugin.build, mkdocs_utils.clean_directory = saved
        # Only a build that ended well is remembered.
        self.languages = state.languages
        self.inputs = inputs
        self.previous_config = config
        self.rendered = state.rendered


class _Build:
    def __init__(self, memory: Incremental, config, incremental: bool):
        self.incremental = incremental
        self.before = memory.languages
        self.languages = {lang: Language(dict(l.converted), set(l.showing_others)) for lang, l in self.before.items()} \
            if incremental else {}
        self.edited: dict[str, list[str]] = {}       # lang -> src_uris converted again
        self.wanted_pages: dict[str, set[str] | None] = {}  # lang -> pages to write (None: all)
        self.rendered: list[str] = []
        self.edited_languages = self._edited_languages(config) if incremental else None

    def _edited_languages(self, config) -> set[str]:
        docs_dir = Path(config.docs_dir)
        edited = set()
        for lang, language in self.before.items():
            for src_uri, converted in language.converted.items():
                path = docs_dir / src_uri
                if path.is_file() and path.read_text(encoding="utf-8-sig") != converted.source:
                    edited.add(lang)
                    break
        return edited

    def skips(self, lang: str) -> bool:
        """A language is built again only if one of its pages changed (or when the build is full)."""
        return self.incremental and lang not in self.edited_languages

    def populate(self, original, page, config, files, dirty) -> None:
        lang = current_language(config)
        language = self.languages.setdefault(lang, Language())
        source = page.file.content_string
        known = language.converted.get(page.file.src_uri)
        if self.incremental and known is not None and known.source == source:
            known.restore(page, files)
            return
        original(page, config, files, dirty)
        language.converted[page.file.src_uri] = Converted.of(page, source)
        if self.incremental:
            self.edited.setdefault(lang, []).append(page.file.src_uri)

    def wanted(self, page, config, doc_files) -> bool:
        lang = current_language(config)
        if lang not in self.wanted_pages:
            self.wanted_pages[lang] = self._plan(lang, doc_files)
        wanted = self.wanted_pages[lang]
        if wanted is None or page.file.src_uri in wanted:
            self.rendered.append(f"{lang}:{page.file.src_uri}")
            return True
        return False

    def _plan(self, lang: str, doc_files) -> set[str] | None:
        if not self.incremental:
            return None
        language = self.languages[lang]
        before = self.before.get(lang, Language())
        present = {f.src_uri for f in doc_files}
        if present != set(before.converted):
            # A draft published or made a draft again: it joins or leaves lists, feeds, the sitemap.
            raise FullBuildNeeded("หน้าที่เผยแพร่เปลี่ยนไป (ฉบับร่าง)", "the published pages changed (a draft)")
        language.converted = {k: v for k, v in language.converted.items() if k in present}
        edited = self.edited.get(lang, [])
        if any(language.converted[p].title != before.converted[p].title for p in edited):
            return None  # menus, breadcrumbs and the sitemap page show titles
        wanted = set(edited)
        if any(language.converted[p].front != before.converted[p].front for p in edited):
            wanted |= before.showing_others
        return wanted

    def observe(self, lang: str, src_uri: str, shows_others: bool) -> None:
        language = self.languages.setdefault(lang, Language())
        if shows_others:
            language.showing_others.add(src_uri)
        else:
            language.showing_others.discard(src_uri)
