"""changwat-participation: the participation service's forms on the site (questions, complaints, status,
e-mail news, deletion requests, and the survey in every page's footer), the published answers and statistics
from the service's exports, and the forms script and style as the site's own files.

A page shows them as components (front matter `components: [question, qa]`, see changwat.core.components):
question, complaint, status, subscribe, delete (forms) and qa, survey-results, visits (exports), each the template
participation/NAME.html with its data in the context.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import TemplateNotFound
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from changwat.core.components import register_components, shown_components
from changwat.core.problems import ContentError
from changwat.participation.service_forms import (
    DATA_VIEWS, EXPORTS, FORMS, SITE_ASSETS, SNIPPET_TEMPLATES, ParticipationError, check_service_url,
    generated_view, load_export, qa_view, section_labels, snippets_dir, survey_view, visits_view,
)
from changwat.i18n.context import current_language, languages_of
from changwat.sections.items import section_definitions
from changwat.site.slim import minify_css, minify_script

STYLES = ("assets/changwat-forms.css", "assets/changwat/participation/participation.css")
COMPONENTS = {name: f"participation/{name}.html" for name in sorted(FORMS | DATA_VIEWS)}


class ParticipationConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # Relative to the folder of mkdocs.yml: where `make service-export` writes qa.json, survey.json, stats.json.
    data_dir = config_options.Type(str, default="data/service")
    # A folder of the service's form partials; when not set, the ones that ship with the kit.
    snippets_dir = config_options.Optional(config_options.Type(str))
    visit_days = config_options.Type(int, default=31)


class ParticipationPlugin(BasePlugin[ParticipationConfig]):
    def on_config(self, config):
        if not self.config.enabled:
            return config
        base = Path(config.config_file_path or ".").parent
        try:
            self.snippets = snippets_dir(self.config.snippets_dir, base)
            config.extra["service_url"] = check_service_url(config.extra.get("service_url"))
        except ParticipationError as e:
            raise PluginError(str(e)) from e
        self.data_dir = base / self.config.data_dir
        # on_config runs again for every language's pass: add the forms' styles once.
        for css in STYLES:
            if css not in config.extra_css:
                config.extra_css.append(css)
        return config

    def on_env(self, env, config, files):
        self.env = env
        if not self.config.enabled:
            return env
        register_components(env, COMPONENTS)
        folder = str(self.snippets)
        if folder not in env.loader.searchpath:
            # Last: the theme and overrides/ keep their templates; the service's partials are found by name.
            env.loader.searchpath.append(folder)
        for name in SNIPPET_TEMPLATES:
            try:
                source = env.loader.get_source(env, name)[1]
            except TemplateNotFound:
                source = None
            if source is None or Path(source).resolve() != (self.snippets / name).resolve():
                raise PluginError(f"The template name {name} is taken by the theme or overrides/ ({source}); "
                                  f"the service's partial of that name in {self.snippets} would not be used.")
        return env

    def on_page_context(self, context, page, config, nav):
        if not self.config.enabled:
            return context
        shown = shown_components(page)
        wanted = DATA_VIEWS.intersection(shown)
        if not wanted:
            return context
        lang = current_language(config)
        try:
            exports = {name: load_export(self.data_dir / name, f"{self.config.data_dir}/{name}") for name in EXPORTS}
        except ContentError as e:
            raise PluginError(str(e)) from None
        if "qa" in wanted:
            context["changwat_qa"] = {"items": qa_view(exports["qa.json"], lang),
                                      "generated": generated_view(exports["qa.json"], lang)}
        if "survey-results" in wanted:
            labels = section_labels(_menu(nav, languages_of(config).prefix(lang)), {d["folder"]: d["title"][lang]
                                                      for d in section_definitions().values()})
            context["changwat_survey"] = {"rows": survey_view(exports["survey.json"], lang, labels),
                                          "generated": generated_view(exports["survey.json"], lang)}
        if "visits" in wanted:
            context["changwat_visits"] = {"visits": visits_view(exports["stats.json"], lang, self.config.visit_days),
                                          "generated": generated_view(exports["stats.json"], lang)}
        return context

    # After mkdocs-static-i18n (-100), which expects every file to come from a folder; before changwat-site's
    # (-110), which puts the first extra stylesheets in one file with Material's.
    @event_priority(-105)
    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        # The forms script and style are the site's own files, from the service's snippets on every build: pages
        # never load anything from the service's host. On every page's first view: without the comments (written
        # for the service's developers).
        for name in SITE_ASSETS:
            text = (self.snippets / name).read_text(encoding="utf-8")
            text = minify_css(text) if name.endswith(".css") else minify_script(text)
            if files.get_file_from_path(f"assets/{name}") is None:
                files.append(File.generated(config, f"assets/{name}", content=text))
        return files


def _menu(nav, prefix: str) -> list[tuple[str, list[str]]]:
    """The menu of this language as (title, language-neutral addresses of the pages under it), menu sections and
    pages alike, in menu order."""
    def urls(item) -> list[str]:
        if getattr(item, "is_page", False):
            url = item.url or ""
            return [url[len(prefix):] if prefix and url.startswith(prefix) else url]
        return [u for child in (getattr(item, "children", None) or []) for u in urls(child)]

    def walk(items) -> list[tuple[str, list[str]]]:
        out = []
        for item in items:
            if getattr(item, "is_section", False) or getattr(item, "is_page", False):
                out.append((item.title, urls(item)))
            out += walk(getattr(item, "children", None) or [])
        return out

    return walk(nav.items)
