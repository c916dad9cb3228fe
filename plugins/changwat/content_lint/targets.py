"""Where a link lands: the anchors (element ids) a Markdown file will have once built, and the file an absolute
address (/about/history/, /en/news/) is built from.

Ids come from Python-Markdown's own toc extension with the site's toc settings (its slugify), so a Thai heading
gets the id MkDocs will give it (`_1`, `_2`... with the default slugify), and `{#custom}` ids count too.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import markdown
from markdown.treeprocessors import Treeprocessor

from changwat.core.front_matter import FrontMatterError, split_front_matter
from changwat.core.languages import Languages

PAGE_SUFFIXES = ("", ".html", ".md")


class _CollectIds(Treeprocessor):
    def __init__(self, md, found: set[str]):
        super().__init__(md)
        self.found = found

    def run(self, root: etree.Element) -> None:
        self.found.update(element.get("id") for element in root.iter() if element.get("id"))


class Targets:
    def __init__(self, docs_dir: Path, languages: Languages, toc_config: dict | None = None, site_path: str = "/",
                 section_folders: tuple[str, ...] = ()):
        self.docs_dir, self.languages = docs_dir, languages
        self.toc_config = {k: v for k, v in (toc_config or {}).items() if k in ("slugify", "separator")}
        self.site_path = site_path if site_path.endswith("/") else site_path + "/"
        self.section_folders = section_folders
        self.ids = lru_cache(maxsize=None)(self._ids)

    def _ids(self, rel: str) -> frozenset[str]:
        text = (self.docs_dir / rel).read_text(encoding="utf-8")
        try:
            _, body = split_front_matter(text)
        except FrontMatterError:
            body = text
        found: set[str] = set()
        md = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html", "tables"],
                               extension_configs={"toc": self.toc_config})
        md.treeprocessors.register(_CollectIds(md, found), "changwat_ids", 0)
        try:
            md.convert(body)
        except Exception:  # noqa: BLE001 - a page Markdown cannot read has no anchors to check against
            return frozenset()
        return frozenset(found)

    def has_anchor(self, rel: str, fragment: str) -> bool:
        return unquote(fragment) in self.ids(rel) or fragment in self.ids(rel)

    def page_of_address(self, address: str) -> tuple[str | None, str]:
        """('/en/about/history/') -> ('en/about/history.md', ''); (None, why) when no file builds that page.
        Addresses of other files than pages (feeds, downloads) are not checked: (None, '')."""
        path = unquote(address.split("#", 1)[0].split("?", 1)[0])
        if not path.startswith(self.site_path):
            return None, "outside"
        rest = path[len(self.site_path):]
        name = posixpath.basename(rest.rstrip("/")) if not rest.endswith("/") else ""
        suffix = posixpath.splitext(name)[1]
        if suffix not in PAGE_SUFFIXES:
            target = posixpath.normpath(rest)
            found = any((self.docs_dir / candidate).is_file() for candidate in
                        (target, *(f"{lang}/{target}" for lang in self.languages.codes)))
            return (target if found else None), ("" if found or suffix in (".xml", ".json", ".gz") else "missing")
        lang, neutral = self.languages.split(rest)
        stem = neutral[: -len(suffix)] if suffix else neutral.rstrip("/")
        parts = stem.split("/")
        if len(parts) >= 2 and parts[-2] == "page" and parts[-1].isdigit() and parts[0] in self.section_folders:
            return None, ""      # a section's generated listing page
        if stem in ("", "index") or stem.endswith("/index"):
            candidates = [f"{lang}/{stem.removesuffix('index').strip('/')}/index.md".replace("//", "/")]
        else:
            candidates = [f"{lang}/{stem}.md", f"{lang}/{stem}/index.md"]
        candidates = [c.replace(f"{lang}//", f"{lang}/") for c in candidates]
        for candidate in candidates:
            if (self.docs_dir / candidate).is_file():
                return candidate, ""
        return None, "missing"
