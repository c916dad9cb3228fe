"""changwat-i18n: each page knows its twins in the other languages, and each language gets its own 404 page.

mkdocs-static-i18n writes one 404.html for all languages (the last built wins, ultrabug/mkdocs-static-i18n#284):
here the default language keeps /404.html and every other language gets /<lang>/404.html.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from changwat.i18n.context import current_language, languages_of

NOT_FOUND = "404.html"


class TranslationsConfig(Config):
    enabled = config_options.Type(bool, default=True)


class TranslationsPlugin(BasePlugin[TranslationsConfig]):
    # Every language's pass runs on_config again, so the default language's 404 is kept on the instance.
    default_404: str | None = None

    def on_page_context(self, context, page, config, nav):
        _, neutral = languages_of(config).split(page.url)
        context["changwat_alternates"] = self._alternates(config, neutral)
        return context

    def on_template_context(self, context, template_name, config):
        if template_name == NOT_FOUND:
            context["changwat_alternates"] = self._alternates(config, NOT_FOUND)
        return context

    def on_post_template(self, output_content, template_name, config):
        if template_name != NOT_FOUND:
            return output_content
        lang = current_language(config)
        if lang == languages_of(config).default:
            self.default_404 = output_content
            return output_content
        target = Path(config.site_dir) / lang / NOT_FOUND
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output_content, encoding="utf-8")
        # MkDocs writes this build's 404 to the site root too; keep the default language's page there.
        return self.default_404 or output_content

    def _alternates(self, config, neutral_url: str) -> list[dict]:
        """The page in every language, current language first, with absolute URLs for hreflang."""
        langs, lang = languages_of(config), current_language(config)
        site_url = config.site_url or "/"
        ordered = sorted(langs.codes, key=lambda code: code != lang)
        return [
            {
                "lang": code,
                "name": langs.name(code),
                "url": site_url + langs.url(neutral_url, code),
                "path": langs.url(neutral_url, code),
                "current": code == lang,
                "default": code == langs.default,
            }
            for code in ordered
        ]
