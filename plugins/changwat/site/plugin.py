"""changwat-site: the office's details and interface strings for templates, and fixes to Material's markup."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from changwat.content_lint.lint import body_line_offset
from changwat.site.compat import fix_material_markup, name_menu_toc, self_host_polyfill, skip_alternate_sitemaps, wrap_tables
from changwat.core.office import fill_placeholders
from changwat.core.problems import ContentError
from changwat.core.strings import missing_translations, strings_for
from changwat.i18n.context import current_language, languages_of, site_model
from changwat.site.theme import KIT_THEME, asset_destination, theme_search_path

STYLESHEET = asset_destination("site/changwat.css")


class SiteConfig(Config):
    enabled = config_options.Type(bool, default=True)


class SitePlugin(BasePlugin[SiteConfig]):
    def on_config(self, config):
        model = site_model(config)  # checks extra.office and the languages, once for the whole build
        missing = missing_translations(model.languages.codes)
        if missing:
            raise PluginError("Interface strings without a translation in changwat/data/ui.yml: " + ", ".join(missing))
        # on_config runs again for every language's pass: both changes are idempotent.
        config.theme.dirs[:] = theme_search_path(config.theme.dirs, config.theme.custom_dir)
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        return config

    def on_files(self, files, config):
        # Pages are converted before on_env: the office in this pass's language is needed from here on.
        self.office = site_model(config).office.for_language(current_language(config), languages_of(config).default)
        for file in files:
            if file.src_dir and Path(file.src_dir).resolve() == KIT_THEME:
                file.dest_uri = asset_destination(file.src_uri)
        return files

    def on_env(self, env, config, files):
        lang = current_language(config)
        env.globals["ui"] = strings_for(lang)
        env.globals["office"] = self.office
        env.globals["changwat_lang"] = lang
        env.filters["query_value"] = lambda value: quote(str(value), safe="")
        return env

    def on_page_markdown(self, markdown, page, config, files):
        lang, shown = current_language(config), f"docs/{page.file.src_uri}"
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key], problems = fill_placeholders(page.meta[key], self.office, shown)
                if problems:
                    raise PluginError(str(ContentError(problems)))
        source = page.file.content_string
        filled, problems = fill_placeholders(
            markdown, self.office,
            f"docs/{page.file.src_uri}", body_line_offset(source, markdown),
        )
        if problems:
            raise PluginError(str(ContentError(problems)))
        return filled

    def on_page_content(self, html, page, config, files):
        return wrap_tables(html, strings_for(current_language(config))["table"])

    def on_post_page(self, output, page, config):
        return name_menu_toc(fix_material_markup(output), strings_for(current_language(config))["toc_in_menu"])

    def on_post_template(self, output_content, template_name, config):
        return fix_material_markup(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config):
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        for bundle in (Path(config.site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"):
            text = bundle.read_text(encoding="utf-8")
            fixed = skip_alternate_sitemaps(
                self_host_polyfill(text, f"{base}/assets/changwat/site/vendor/resize-observer-polyfill.js"))
            if fixed != text:
                bundle.write_text(fixed, encoding="utf-8")
