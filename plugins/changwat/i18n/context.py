"""The site's model for the glue: its languages and office, built once from the configuration and kept on it.

This module and reconfigure-like reads of mkdocs-static-i18n's *public* configuration are the only place that
knows how the i18n plugin describes languages; every other plugin asks `site_model(config)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from changwat.core.languages import Languages
from changwat.core.office import OFFICE_FILE, Office, load_office, office_left_in_config
from changwat.core.problems import ContentError

KEY = "changwat"


@dataclass(frozen=True)
class SiteModel:
    languages: Languages
    office: Office


def _configured_languages(config: MkDocsConfig) -> Languages:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return Languages(codes=(config.theme["language"],))
    built = sorted((lang for lang in i18n.config.languages if lang.build), key=lambda lang: not lang.default)
    return Languages(codes=tuple(lang.locale for lang in built),
                     names={lang.locale: lang.name for lang in i18n.config.languages})


def site_model(config: MkDocsConfig) -> SiteModel:
    """Built on first use (changwat-site's on_config) and reused by every plugin and every language's pass."""
    model = config.extra.get(KEY)
    if isinstance(model, SiteModel):
        return model
    languages = _configured_languages(config)
    root = Path(config.config_file_path).resolve().parent
    shown = office_file(config)
    path = root / shown
    if config.extra.get("office") is not None:
        # Read there before: said, with the lines to move, rather than ignored or silently preferred.
        problems = [office_left_in_config(Path(config.config_file_path), root, shown, path.is_file())]
    else:
        office, problems = load_office(path, shown, languages.codes)
    if problems:
        raise PluginError(str(ContentError(problems)))
    model = SiteModel(languages=languages, office=office)
    config.extra[KEY] = model
    return model


def office_file(config: MkDocsConfig) -> str:
    """The office's data file, relative to the site's folder (mkdocs.yml's): changwat-site's `office_file`."""
    site = config.plugins.get("changwat-site")
    return site.config.office_file if site is not None else OFFICE_FILE


def languages_of(config: MkDocsConfig) -> Languages:
    return site_model(config).languages


def current_language(config: MkDocsConfig) -> str:
    """Valid from on_files on: mkdocs-static-i18n sets theme.language in its (late) on_config."""
    return config.theme["language"]


def add_to_i18n_sitemap(config: MkDocsConfig, lang: str, files: list) -> None:
    """Generated pages join the pages mkdocs-static-i18n lists in its sitemap.xml.

    The one place the kit touches the i18n plugin's state (its `i18n_files_per_language`, filled in its own
    on_files); tests/i18n/test_static_i18n_coupling.py fails if a release renames it.
    """
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    listed = getattr(i18n, "i18n_files_per_language", None)
    if listed is None:
        raise PluginError("mkdocs-static-i18n no longer has i18n_files_per_language: generated pages would be "
                          "missing from sitemap.xml; see changwat/i18n/context.py")
    listed.setdefault(lang, []).extend(files)


def remove_from_i18n_sitemap(config: MkDocsConfig, lang: str, files: list) -> None:
    """Files the kit does not build (drafts) leave the pages mkdocs-static-i18n lists in its sitemap.xml."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not files:
        return
    listed = getattr(i18n, "i18n_files_per_language", None)
    if listed is None:
        raise PluginError("mkdocs-static-i18n no longer has i18n_files_per_language: drafts would be listed in "
                          "sitemap.xml; see changwat/i18n/context.py")
    gone = {file.src_uri for file in files}
    listed[lang] = [file for file in listed.get(lang, []) if file.src_uri not in gone]


def carry_i18n_sitemap(config: MkDocsConfig, previous: MkDocsConfig) -> None:
    """The preview's incremental build (cli/incremental.py) may not build a language again: the sitemap.xml
    the other languages write still lists that language's pages, as the last build found them."""
    i18n, before = config.plugins.get("i18n"), previous.plugins.get("i18n")
    if i18n is None or before is None:
        return
    listed = getattr(before, "i18n_files_per_language", None)
    if listed is None:
        raise PluginError("mkdocs-static-i18n no longer has i18n_files_per_language: the preview's sitemap.xml "
                          "would miss a language; see changwat/i18n/context.py")
    i18n.i18n_files_per_language = dict(listed)
