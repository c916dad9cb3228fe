"""changwat-recommendations: the digital-government recommendations section, generated from data/*.yml.

Pages (overview, a page per dimension, per recommendation and per status, the method and the open data page)
are virtual: nothing is written to docs/. Each shows the page component `recommendations` (see
changwat.core.components), whose template picks the page's own template and reads its view from the context. Scores, validation, evidence and exports live in
changwat.recommendations; this module only hands them to MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url

from changwat.core.components import register_components, shown_components
from changwat.core.thai_dates import machine_date
from changwat.core.problems import ContentError, Problem
from changwat.recommendations.evidence import judge, parse_evidence_map, read_reports
from changwat.recommendations.export import downloads
from changwat.recommendations.model import load_report
from changwat.recommendations.progress import parse_progress
from changwat.recommendations.scoring import DISPLAY_STATUSES, score_report
from changwat.recommendations.views import (
    DICTIONARY, DOWNLOAD_FORMATS, DOWNLOADS, ROOT, Views, generated_markdown, menu_parents, nav_tree, plan_pages,
    status_label,
)
from changwat.sections.items import human_size
from changwat.core.strings import strings_for
from changwat.i18n.context import add_to_i18n_sitemap, current_language, languages_of, site_model

log = logging.getLogger("mkdocs.plugins.changwat.recommendations")
COMPONENTS = {"recommendations": "recommendations/page.html"}
ASSETS = ("assets/changwat/recommendations/recommendations.css", "assets/changwat/recommendations/recommendations.js")


class RecommendationsConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # Relative to the folder of mkdocs.yml.
    report = config_options.Type(str, default="data/recommendations.yml")
    progress = config_options.Type(str, default="data/progress.yml")
    evidence = config_options.Type(str, default="data/site-evidence.yml")
    checks_report = config_options.Type(str, default="reports/checks.json")
    audit_report = config_options.Type(str, default="reports/audit.json")


class RecommendationsPlugin(BasePlugin[RecommendationsConfig]):
    active = False

    def on_config(self, config):
        base = Path(config.config_file_path or ".").parent
        path = {key: base / self.config[key] for key in ("report", "progress", "evidence", "checks_report", "audit_report")}
        self.active = self.config.enabled and path["report"].is_file()
        if not self.active:
            if self.config.enabled and _nav_mentions(config.nav, f"{ROOT}/"):
                raise PluginError(str(ContentError([_missing(self.config.report)])))
            log.info("No %s: the recommendations section is not built.", self.config.report)
            return config
        report = load_report(path["report"])
        ids = [r.id for r in report.recommendations]
        progress, problems = (parse_progress(path["progress"].read_text(encoding="utf-8"), ids, self.config.progress)
                              if path["progress"].is_file() else (parse_progress("", ids), []))
        mapping, evidence_problems = (parse_evidence_map(path["evidence"].read_text(encoding="utf-8"), ids,
                                                         self.config.evidence)
                                      if path["evidence"].is_file() else (parse_evidence_map("", ids), []))
        if problems or evidence_problems:
            raise PluginError(str(ContentError(problems + evidence_problems)))
        try:
            reports = read_reports(path["checks_report"], path["audit_report"],
                                   self.config.checks_report, self.config.audit_report)
        except ContentError as e:
            raise PluginError(str(e)) from None
        evidence = judge(mapping, *reports)
        self.progress, self.scores = progress, score_report(report, progress, evidence)
        return config

    # After mkdocs-static-i18n (-100): it rebuilds every file from docs/, which would lose virtual pages.
    @event_priority(-110)
    def on_files(self, files, config):
        if not self.active:
            return files
        lang, langs = current_language(config), languages_of(config)
        self.ui = strings_for(lang)
        self.specs = {spec.key: spec for spec in plan_pages(self.scores, self.ui, lang)}
        self.page_keys = {}
        added = []
        for spec in self.specs.values():
            file = _virtual(config, lang, langs, spec.path, generated_markdown(spec, self.progress.updated))
            _alternates(file, config, spec.path)
            files.append(file)
            added.append(file)
            self.page_keys[file.src_uri] = spec.key
        self.metadata = self._metadata(config, lang)
        self.files = []
        for name, content in downloads(self.scores, lang, self._status_labels(), self.metadata).items():
            files.append(_virtual(config, lang, langs, f"{DOWNLOADS}/{name}", content))
            self.files.append({"name": name, "size": len(content)})
        # mkdocs-static-i18n lists pages for sitemap.xml in its own on_files: add ours to that list.
        add_to_i18n_sitemap(config, lang, added)
        return files

    def on_nav(self, nav, config, files):
        if not self.active:
            return nav
        lang = current_language(config)
        page_of = {key: files.get_file_from_path(f"{lang}/{spec.path}").page for key, spec in self.specs.items()}
        overview = page_of["overview"]
        section = overview.parent
        if section is None:  # nav lists the overview as a single page: give the section its own menu entry
            section = Section(self.ui["rec_section_title"], [overview])
            nav.items[nav.items.index(overview)] = section
            overview.parent = section
        # Other entries the site lists in the same menu section (e.g. compliance.md) stay, after ours.
        others = [item for item in section.children if item is not overview]
        section.children = [overview, *(_nav_item(item, page_of, section) for item in nav_tree(self.scores, self.ui, lang)),
                             *others]
        for key, parent in menu_parents(self.scores).items():
            page_of[key].parent = page_of[parent]
        nav.pages = _pages(nav.items)
        for previous, following in zip(nav.pages, nav.pages[1:]):
            previous.next_page, following.previous_page = following, previous
        nav.pages[0].previous_page, nav.pages[-1].next_page = None, None
        return nav

    def on_env(self, env, config, files):
        self.env = env
        if self.active:
            register_components(env, COMPONENTS)
            # The section's style and script on its own pages only (main.html, by changwat_section): the rest of
            # the site's first view skips them.
            css, js = ASSETS
            env.globals.setdefault("changwat_section_assets", {})["recommendations"] = {"styles": [css],
                                                                                       "scripts": [js]}
        return env

    def on_page_context(self, context, page, config, nav):
        if not self.active:
            return context
        shown, problems = shown_components(page), []
        key = self.page_keys.get(page.file.src_uri)
        if "recommendations" in shown and key is None:
            problems.append(_not_generated(page.file.src_uri))
        if problems:
            raise PluginError(str(ContentError(problems)))
        if key is None:
            return context
        # base.html marks <body data-changwat-section>: the section's stylesheet gives its deeper, denser menu
        # 24 px targets (WCAG 2.5.8) without changing the rest of the site.
        context["changwat_section"] = "recommendations"
        lang, langs = current_language(config), languages_of(config)

        def link(neutral_url: str) -> str:
            return get_relative_url(langs.url(neutral_url, lang), page.url)

        views = Views(self.scores, self.progress, self.ui, lang, link)
        kind, _, name = key.partition(":")
        if kind == "rec":
            template, view = "recommendation.html", views.recommendation(name)
        elif kind == "dimension":
            template, view = "dimension.html", views.dimension(name)
        elif kind == "status":
            template, view = "status.html", views.status_page(name)
        elif kind == "open-data":
            files_view = [{**f, "url": link(f"{DOWNLOADS}/{f['name']}"), "size": human_size(f["size"], lang),
                           "format": next(fmt for n, fmt, _ in DOWNLOAD_FORMATS if n == f["name"]),
                           "type": next(t for n, _, t in DOWNLOAD_FORMATS if n == f["name"])}
                          for f in self.files]
            template, view = "open-data.html", views.open_data(files_view, self.metadata)
        else:
            template, view = f"{kind}.html", getattr(views, kind)()
        context["changwat_recommendations"] = {"template": f"recommendations/{template}", "v": view}
        return context

    def _status_labels(self) -> dict[str, str]:
        return {status: status_label(self.ui, status) for status in DISPLAY_STATUSES}

    def _metadata(self, config, lang: str) -> dict:
        """data.go.th's dataset fields, in the page's language."""
        office = site_model(config).office.for_language(lang, languages_of(config).default)
        name, province = office["name"], office["province"]
        ui = self.ui
        return {
            "title": ui["rec_dataset_title"].format(office=name),
            "description": ui["rec_dataset_description"],
            "objective": ui["rec_dataset_objective"],
            "update_frequency": ui["rec_dataset_frequency"],
            "geographic_coverage": province,
            "format": "CSV, JSON, XML",
            "licence": ui["rec_licence_name"],
            "licence_url": ui["rec_licence_url"],
            "maintainer": name,
            "maintainer_email": office["email"],
            "last_updated": machine_date(self.progress.updated) if self.progress.updated else "",
            "language": lang,
            "keywords": [k.strip() for k in ui["rec_dataset_keywords"].split(",")],
            "score_kind": ui["rec_dataset_score_kind"],
            "data_dictionary": DICTIONARY,
        }


def _virtual(config, lang: str, langs, neutral_path: str, content) -> File:
    # Not in nav as far as MkDocs knows (no "not included in the nav" notice): on_nav places them itself.
    file = File.generated(config, f"{lang}/{neutral_path}", content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    dest = neutral_path
    if file.is_documentation_page():
        dest = neutral_path[: -len(".md")] + ".html" if neutral_path.endswith("/index.md") \
            else neutral_path[: -len(".md")] + "/index.html"
    file.dest_uri = langs.url(dest, lang)
    return file


def _alternates(file: File, config, neutral_path: str) -> None:
    """The attributes mkdocs-static-i18n gives its own files (its sitemap.xml and language menu read them)."""
    lang, langs = current_language(config), languages_of(config)
    file.alternates = {}
    for code in langs.codes:
        twin = file if code == lang else _virtual(config, code, langs, neutral_path, "")
        file.alternates[code] = twin
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = neutral_path


def _nav_item(item, page_of: dict, parent):
    if item[0] == "page":
        page = page_of[item[1]]
        page.parent = parent
        return page
    section = Section(item[1], [])
    section.parent = parent
    section.children = [_nav_item(child, page_of, section) for child in item[2]]
    return section


def _pages(items) -> list:
    pages = []
    for item in items:
        if isinstance(item, Section):
            pages += _pages(item.children)
        elif getattr(item, "is_page", False):
            pages.append(item)
    return pages


def _nav_mentions(nav, prefix: str) -> bool:
    if isinstance(nav, str):
        return nav.startswith(prefix)
    if isinstance(nav, dict):
        return any(_nav_mentions(v, prefix) for v in nav.values())
    if isinstance(nav, list):
        return any(_nav_mentions(v, prefix) for v in nav)
    return False


def _not_generated(src_uri: str) -> Problem:
    return Problem(
        file=f"docs/{src_uri}", field="components",
        what_th="ส่วนประกอบ recommendations ใช้ได้เฉพาะหน้าที่ระบบสร้างจาก data/recommendations.yml",
        what_en="The recommendations component only works on the pages built from data/recommendations.yml",
        fix_th="ลบ recommendations ออกจาก components ของหน้านี้ แล้วลิงก์ไปยังหน้า recommendations/ แทน",
        fix_en="Remove recommendations from this page's components, and link to the recommendations/ pages instead.",
    )


def _missing(path: str) -> Problem:
    return Problem(
        file="mkdocs.yml", field="nav",
        what_th=f"เมนูมีหน้าข้อเสนอแนะ แต่ไม่พบไฟล์ข้อมูล {path}",
        what_en=f"The menu lists the recommendations pages, but the data file {path} does not exist.",
        fix_th=f"คืนไฟล์ {path} (ดู data/README.md) หรือลบหน้า recommendations/ ออกจาก nav",
        fix_en=f"Restore {path} (see data/README.md), or remove the recommendations/ entry from nav.",
    )
