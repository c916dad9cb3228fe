"""changwat-content-lint: stop the build on a web officer's mistake, naming file, line and fix.

Runs once per build (in the default language's pass) over every language's Markdown, so one run reports all
missing translations and Markdown mistakes together.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from changwat.content_lint.lint import lint_markdown
from changwat.core.problems import ContentError
from changwat.i18n.twins import missing_twins
from changwat.i18n.context import current_language, languages_of


class ContentLintConfig(Config):
    enabled = config_options.Type(bool, default=True)


class ContentLintPlugin(BasePlugin[ContentLintConfig]):
    def on_files(self, files, config):
        if not self.config.enabled or current_language(config) != languages_of(config).default:
            return files
        docs_dir = Path(config.docs_dir)
        langs = list(languages_of(config).codes)
        problems = missing_twins(docs_dir, langs)
        for lang in langs:
            for path in sorted((docs_dir / lang).rglob("*.md")):
                rel = path.relative_to(docs_dir).as_posix()
                problems += lint_markdown(path.read_text(encoding="utf-8"), rel, docs_dir)
        if problems:
            raise PluginError(str(ContentError(problems)))
        return files
