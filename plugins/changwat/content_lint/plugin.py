"""changwat-content-lint: stop the build on a web officer's mistake, naming file, line and fix.

Runs once per build (in the default language's pass) over every language's Markdown, so one run reports all
missing translations, front matter, Markdown, link, menu and item mistakes together (content_lint/check.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from changwat.content_lint.check import check_docs, nav_pages
from changwat.core.problems import ContentError
from changwat.i18n.context import current_language, languages_of


def _template_exists(config, name: str) -> bool:
    try:
        return any((Path(folder) / name).is_file() for folder in config.theme.dirs)
    except (OSError, ValueError):
        return False


class ContentLintConfig(Config):
    enabled = config_options.Type(bool, default=True)


class ContentLintPlugin(BasePlugin[ContentLintConfig]):
    def on_files(self, files, config):
        if not self.config.enabled or current_language(config) != languages_of(config).default:
            return files
        problems = check_docs(
            Path(config.docs_dir), languages_of(config), nav=nav_pages(config.nav),
            toc_config=config.mdx_configs.get("toc") or {},
            site_path=urlsplit(config.site_url or "/").path or "/",
            template_exists=lambda name: _template_exists(config, name))
        if problems:
            raise PluginError(str(ContentError(problems)))
        return files
