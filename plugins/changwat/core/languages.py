"""One model of the site's languages: codes (default first), names, URL prefixes, a page's twin, and localise().

Built once per build from the generator's configuration (see changwat.i18n.context) and passed down; plain
module, no MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Every text the kit writes exists in Thai; Thai is also the fallback of a value that lacks a language.
KIT_DEFAULT = "th"
# '*': the same text in every language (a name, a number), as the data files write it.
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class Languages:
    codes: tuple[str, ...]                      # default first
    names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if not self.codes:
            raise ValueError("a site needs at least one language")

    @property
    def default(self) -> str:
        return self.codes[0]

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def prefix(self, code: str) -> str:
        """'' for the default language (served at /), 'en/' for the others."""
        return "" if code == self.default else f"{code}/"

    def url(self, neutral_url: str, code: str) -> str:
        """A language-neutral address ('news/') in one language ('en/news/')."""
        return self.prefix(code) + neutral_url

    def split(self, url: str) -> tuple[str, str]:
        """('en/about/') -> ('en', 'about/'); an address without a language prefix belongs to the default."""
        head, _, rest = url.partition("/")
        if head in self.codes and head != self.default:
            return head, rest
        return self.default, url

    def twin(self, url: str, code: str) -> str:
        """The same page in another language."""
        return self.url(self.split(url)[1], code)

    def localise(self, value: Any, code: str) -> Any:
        return localise(value, code, self.default)


def is_localised(value: Any) -> bool:
    """{'th': ..., 'en': ...} or {'*': ...}: a text given per language."""
    return isinstance(value, dict) and bool(value) and (KIT_DEFAULT in value or ANY_LANGUAGE in value)


def localise(value: Any, lang: str, default: str = KIT_DEFAULT) -> Any:
    """The one way a value given per language becomes the language's value, recursively.

    {'th': ..., 'en': ...} gives the language's text, else the default's, else the kit's (Thai); {'*': x} is x in
    every language; other dicts and lists are localised item by item; plain values are the same everywhere.
    """
    if is_localised(value):
        for key in (ANY_LANGUAGE, lang, default, KIT_DEFAULT):
            if value.get(key) not in (None, ""):
                return value[key]
        return ""
    if isinstance(value, dict):
        return {k: localise(v, lang, default) for k, v in value.items()}
    if isinstance(value, list):
        return [localise(v, lang, default) for v in value]
    return value


def missing_languages(value: Any, codes: tuple[str, ...] | list[str]) -> list[str]:
    """The languages a per-language text lacks ('*' texts lack none)."""
    if not is_localised(value) or value.get(ANY_LANGUAGE) not in (None, ""):
        return []
    return [code for code in codes if value.get(code) in (None, "")]
