"""What the glue needs to know about the current build: its language, and the site's languages."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def languages(config: MkDocsConfig) -> list[str]:
    """Default language first, as configured for mkdocs-static-i18n."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [config.theme["language"]]
    configured = [lang for lang in i18n.config.languages if lang.build]
    return [lang.locale for lang in sorted(configured, key=lambda lang: not lang.default)]


def default_language(config: MkDocsConfig) -> str:
    return languages(config)[0]


def current_language(config: MkDocsConfig) -> str:
    """Valid from on_files on: mkdocs-static-i18n sets theme.language in its (late) on_config."""
    return config.theme["language"]


def language_names(config: MkDocsConfig) -> dict[str, str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return {}
    return {lang.locale: lang.name for lang in i18n.config.languages}
