"""changwat-site: the office's details and interface strings for templates, the kit's theme folder, the
Markdown tables extension, and the few patches of Material that templates cannot do (compat.py)."""

from __future__ import annotations

import hashlib
import re
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2.utils import Namespace
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File

from changwat.content_lint.lint import body_line_offset
from changwat.site.compat import (
    BASE_HTML, BUNDLE, MAIN_CSS, MERMAID_ABSENT, PALETTE_CSS, MaterialChanged, SiteUses, apply_patches,
    cut_stylesheet, patch_material_templates, right_to_left, unused_material_file,
)
from changwat.core.components import check_components
from changwat.core.office import OFFICE_FILE, fill_placeholders
from changwat.core.problems import ContentError
from changwat.core.strings import missing_translations, strings_for
from changwat.home.context import home_data, home_view, is_home
from changwat.i18n.context import current_language, languages_of, site_model
from changwat.site.slim import minify_css, minify_script
from changwat.site.tables import NAME as TABLES
from changwat.site.theme import KIT_THEME, asset_destination, theme_search_path

STYLESHEET = asset_destination("site/changwat.css")
POLYFILL = asset_destination("site/vendor/resize-observer-polyfill.js")
ON_DEMAND_SCRIPTS = {"search/search.js"}
NAMES_A_FILE = re.compile(r"@import|url\(\s*(?![\"']?data:)", re.IGNORECASE)


class SiteConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # The office's details (name, address, phones, hours...), relative to mkdocs.yml's folder.
    office_file = config_options.Type(str, default=OFFICE_FILE)


class SitePlugin(BasePlugin[SiteConfig]):
    def on_config(self, config):
        model = site_model(config)  # checks the office's data file and the languages, once for the whole build
        home_data(config)  # data/services.yml and data/alerts.yml, checked once: a wrong file stops the build
        missing = missing_translations(model.languages.codes)
        if missing:
            raise PluginError("Interface strings without a translation in changwat/data/ui.yml: " + ", ".join(missing))
        # on_config runs again for every language's pass: these changes are idempotent.
        config.theme.dirs[:] = theme_search_path(config.theme.dirs, config.theme.custom_dir)
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        if TABLES not in config.markdown_extensions:
            config.markdown_extensions.append(TABLES)
        config.mdx_configs.setdefault(TABLES, {})
        return config

    def _on_files(self, files, config):
        # Pages are converted before on_env: the office in this pass's language is needed from here on.
        self.office = site_model(config).office.for_language(current_language(config), languages_of(config).default)
        config.mdx_configs[TABLES]["table_word"] = strings_for(current_language(config))["table"]
        for file in files:
            if file.src_dir and Path(file.src_dir).resolve() == KIT_THEME:
                file.dest_uri = asset_destination(file.src_uri)
        self.material_search = material_search = any(
            type(plugin).__module__.startswith(("material.plugins.search", "mkdocs.contrib.search"))
            for plugin in config.plugins.values())
        theme_dirs = {Path(d).resolve() for d in config.theme.dirs}
        for file in list(files):
            if file.src_dir and Path(file.src_dir).resolve() in theme_dirs \
                    and unused_material_file(file.dest_uri, material_search):
                files.remove(file)
        return files

    # After mkdocs-static-i18n (-100), which rebuilds the list and expects every file to have a source path.
    @event_priority(-110)
    def _on_files_smaller(self, files, config):
        """What a phone downloads on its first view: the kit's stylesheets without their comments, Material's
        without the rules of what the site leaves off."""
        for file in files:
            if file.abs_src_path and Path(file.src_dir).resolve() == KIT_THEME:
                if file.src_uri.endswith(".css"):
                    file.content_string = minify_css(file.content_string)
                # search.js is not in a first view (it loads when search opens) and ships as written.
                elif file.src_uri.endswith(".js") and file.src_uri not in ON_DEMAND_SCRIPTS:
                    file.content_string = minify_script(file.content_string)
        self.material_css = self._cut_material_css(files, config)
        return files

    on_files = CombinedEvent(_on_files, _on_files_smaller)

    def _cut_material_css(self, files, config) -> dict:
        """Material's stylesheets without what the site leaves off (compat.STYLE_CUTS), then the extra
        stylesheets that come first and are files of the site (the kit's), in the order pages linked them, as
        one file of the site named after its content. Material's own files stay for a site whose base.html is
        its own (it is not patched, and links them and every extra stylesheet as before)."""
        uses = site_uses(config, self.material_search)
        parts = []
        for pattern in (MAIN_CSS, PALETTE_CSS) if config.theme.get("palette") else (MAIN_CSS,):
            original = next((f for f in files if fnmatch(f.src_uri, pattern) and f.abs_src_path), None)
            if original is None:
                raise PluginError(f"Material's {pattern} is not in the theme: see plugins/changwat/site/compat.py")
            parts.append(cut_stylesheet(original.content_string, pattern, uses))
        merged = []
        for path in config.extra_css:
            extra = next((f for f in files if f.dest_uri == path), None)
            # A stylesheet that names another file (url(), @import) would find it relative to its own folder.
            if extra is None or NAMES_A_FILE.search(extra.content_string):
                break
            parts.append(extra.content_string)
            merged.append(path)
        css = "\n".join(parts)
        name = f"assets/stylesheets/main.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.min.css"
        if files.get_file_from_path(name) is None:
            files.append(File.generated(config, name, content=css))
        return {"main": name, "palette": None, "merged": merged}

    def on_env(self, env, config, files):
        self.env = env
        lang = current_language(config)
        env.globals["ui"] = strings_for(lang)
        env.globals["office"] = self.office
        env.globals["changwat_lang"] = lang
        env.globals["changwat_material_css"] = self.material_css
        env.filters["query_value"] = lambda value: quote(str(value), safe="")
        patch_material_templates(env)
        try:  # here, so that a patch that no longer applies stops the build with its message, not a traceback
            env.loader.get_source(env, BASE_HTML)
        except MaterialChanged as changed:
            raise PluginError(str(changed)) from None
        return env

    def on_page_markdown(self, markdown, page, config, files):
        shown = f"docs/{page.file.src_uri}"
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key], problems = fill_placeholders(page.meta[key], self.office, shown,
                                                             office_file=self.config.office_file)
                if problems:
                    raise PluginError(str(ContentError(problems)))
        source = page.file.content_string
        filled, problems = fill_placeholders(
            markdown, self.office,
            f"docs/{page.file.src_uri}", body_line_offset(source, markdown), office_file=self.config.office_file,
        )
        if problems:
            raise PluginError(str(ContentError(problems)))
        return filled

    def on_page_context(self, context, page, config, nav):
        # Every feature's on_env has registered its components by now; the others only read the checked list.
        problems = check_components(page, self.env)
        if problems:
            raise PluginError(str(ContentError(problems)))
        # partials/nav-item.html records here whether it wrote the page's __toc toggle; partials/toc.html reads it.
        context["changwat_toc"] = Namespace(toggle=False)
        if is_home(page):  # the portal home page (overrides/home/home.html): services tiles and current alerts
            context["changwat_home"] = home_view(config, page)
        return context

    def on_post_build(self, config):
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        for bundle in (Path(config.site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"):
            text = bundle.read_text(encoding="utf-8")
            try:
                fixed = apply_patches(text, BUNDLE, again=True, polyfill_url=f"{base}/{POLYFILL}",
                                      mermaid_url=f"{base}/{MERMAID_ABSENT}")
            except MaterialChanged as changed:
                raise PluginError(str(changed)) from None
            if fixed != text:
                bundle.write_text(fixed, encoding="utf-8")


def site_uses(config, material_search: bool) -> SiteUses:
    """What the site's mkdocs.yml turns on, for compat.STYLE_CUTS."""
    palette = config.theme.get("palette") or []
    palette = [palette] if isinstance(palette, dict) else list(palette)
    # Material's default colour, when a palette names none, is indigo (base.html).
    colours = {str(entry.get(key) or "indigo") for entry in palette for key in ("primary", "accent")}
    extra = set(config.extra or {})
    analytics = (config.extra or {}).get("analytics")
    if isinstance(analytics, dict) and analytics.get("feedback"):
        extra.add("analytics.feedback")
    return SiteUses(
        markdown_extensions=frozenset(str(name) for name in config.markdown_extensions),
        features=frozenset(config.theme.get("features") or []),
        plugins=frozenset(config.plugins),
        extra=frozenset(extra),
        repo_url=bool(config.repo_url),
        palette_colours=frozenset(colours or {"custom"}),
        palette_toggle=len(palette) > 1 or any("toggle" in entry for entry in palette),
        material_search=material_search,
        kit_main_template=not _own_template(config.theme.custom_dir, "main.html"),
        right_to_left=config.theme.get("direction") == "rtl"
        or any(right_to_left(code) for code in languages_of(config).codes),
    )


def _own_template(custom_dir: str | None, name: str) -> bool:
    """Whether the site's custom_dir (not the kit's own folder) has its own `name` template."""
    if not custom_dir or Path(custom_dir).resolve() == KIT_THEME:
        return False
    return (Path(custom_dir) / name).exists()
