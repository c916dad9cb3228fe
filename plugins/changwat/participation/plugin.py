"""changwat-participation: the participation service's forms on the site (questions, complaints, status,
e-mail news, deletion requests, and the survey in every page's footer), the published answers and statistics
from the service's exports, and the forms script and style as the site's own files.

Markers in Markdown, replaced with a rendered partial: <!-- changwat:participation NAME --> where NAME is
question, complaint, status, subscribe, delete (forms) or qa, survey-results, visits (exports).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import TemplateNotFound
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from changwat.site.compat import wrap_tables
from changwat.participation.service_forms import (
    DATA_VIEWS, EXPORTS, FORMS, MARK, SITE_ASSETS, SNIPPET_TEMPLATES, ParticipationError, check_service_url,
    generated_view, load_export, qa_view, snippets_dir, survey_view, visits_view,
)
from changwat.core.problems import ContentError
from changwat.core.strings import strings_for
from changwat.i18n.context import current_language

STYLES = ("assets/changwat-forms.css", "assets/changwat/participation/participation.css")


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
        if not self.config.enabled or "changwat:participation" not in page.content:
            return context
        lang = current_language(config)
        ui = strings_for(lang)
        try:
            exports = {name: load_export(self.data_dir / name, f"{self.config.data_dir}/{name}") for name in EXPORTS}
        except ContentError as e:
            raise PluginError(str(e)) from None

        def render(match):
            name = match.group(1)
            values = {"config": config, "page": page, "ui": ui, "changwat_lang": lang}
            if name in FORMS:
                return self.env.get_template(f"participation/{name}.html").render(**values)
            if name == "qa":
                return self.env.get_template("participation/qa.html").render(
                    items=qa_view(exports["qa.json"], lang), generated=generated_view(exports["qa.json"], lang),
                    **values)
            if name == "survey-results":
                html = self.env.get_template("participation/survey-results.html").render(
                    rows=survey_view(exports["survey.json"], lang),
                    generated=generated_view(exports["survey.json"], lang), **values)
                return wrap_tables(html, ui["table"])
            if name == "visits":
                html = self.env.get_template("participation/visits.html").render(
                    visits=visits_view(exports["stats.json"], lang, self.config.visit_days),
                    generated=generated_view(exports["stats.json"], lang), **values)
                return wrap_tables(html, ui["table"])
            raise PluginError(f"docs/{page.file.src_uri}: unknown marker <!-- changwat:participation {name} --> "
                              f"(known: {', '.join(sorted(FORMS | DATA_VIEWS))})")

        page.content = MARK.sub(render, page.content)
        return context

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        # The forms script and style are the site's own files, copied from the service's snippets on every build:
        # pages never load anything from the service's host.
        assets = Path(config.site_dir) / "assets"
        assets.mkdir(parents=True, exist_ok=True)
        for name in SITE_ASSETS:
            shutil.copyfile(self.snippets / name, assets / name)
