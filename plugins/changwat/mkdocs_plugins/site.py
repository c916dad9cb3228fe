"""changwat-site: the office's details and interface strings for templates, and fixes to Material's markup."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from ..content_lint import body_line_offset
from ..markup_fixes import fix_material_markup, name_menu_toc, self_host_polyfill, skip_alternate_sitemaps, wrap_tables
from ..office import fill_placeholders, localise
from ..problems import ContentError
from ..ui_strings import missing_translations, strings_for
from ._context import current_language, languages


class SiteConfig(Config):
    enabled = config_options.Type(bool, default=True)


class SitePlugin(BasePlugin[SiteConfig]):
    def on_config(self, config):
        missing = missing_translations(languages(config))
        if missing:
            raise PluginError("Interface strings without a translation in changwat/data/ui.yml: " + ", ".join(missing))
        if "office" not in config.extra:
            raise PluginError("mkdocs.yml needs the office's details under extra.office (name, address, phone, ...)")
        return config

    def on_env(self, env, config, files):
        lang = current_language(config)
        env.globals["ui"] = strings_for(lang)
        env.globals["office"] = localise(config.extra["office"], lang)
        env.globals["changwat_lang"] = lang
        env.filters["query_value"] = lambda value: quote(str(value), safe="")
        return env

    def on_page_markdown(self, markdown, page, config, files):
        lang, shown = current_language(config), f"docs/{page.file.src_uri}"
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key], problems = fill_placeholders(page.meta[key], config.extra["office"], lang, shown)
                if problems:
                    raise PluginError(str(ContentError(problems)))
        source = page.file.content_string
        filled, problems = fill_placeholders(
            markdown, config.extra["office"], current_language(config),
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
                self_host_polyfill(text, f"{base}/assets/vendor/resize-observer-polyfill.js"))
            if fixed != text:
                bundle.write_text(fixed, encoding="utf-8")
