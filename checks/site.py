"""The built site folder as the checks see it: its pages, their URL paths and languages, its base URL."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# The site's own folder: the one holding its mkdocs.yml, where the gate runs (this repository's root for the
# sample site, an office's site folder for a site made with `changwat new`). The audit writes reports/ here.
REPO = Path.cwd()
# Paths the theme ships as files, not pages a visitor reads: they hold no lang, twins or hreflang.
ASSET_DIRS = ("assets/", "search/")


def site_config() -> Path:
    """The mkdocs.yml of the site being checked: the current directory's."""
    return Path.cwd() / "mkdocs.yml"


def read_site_url(mkdocs_yml: Path | None = None) -> str:
    """site_url from mkdocs.yml without importing mkdocs (the checks judge output, not the generator).

    mkdocs.yml uses !!python/name tags and !ENV, which plain YAML loaders reject, so read the one key.
    """
    try:
        text = (mkdocs_yml or site_config()).read_text(encoding="utf-8")
    except OSError:
        return ""
    m = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.M)
    return m.group(1) if m else ""


def read_service_url(mkdocs_yml: Path | None = None) -> str:
    """extra.service_url from mkdocs.yml, read like site_url: the office's own participation service.

    Written `service_url: !ENV [CHANGWAT_SERVICE_URL, "https://…"]`, it is what the build used: the variable
    when set (a preview against a local service), else the default.
    """
    try:
        text = (mkdocs_yml or site_config()).read_text(encoding="utf-8")
    except OSError:
        return ""
    m = re.search(r"^extra:\s*$(.*?)(?=^\S|\Z)", text, re.M | re.S)
    block = m.group(1) if m else ""
    m = re.search(r"^  service_url:\s*!ENV\s*\[\s*['\"]?(\w+)['\"]?\s*,\s*['\"]?([^'\"\s\],]+)", block, re.M)
    if m:
        return os.environ.get(m.group(1)) or m.group(2)
    m = re.search(r"^  service_url:\s*['\"]?([^'\"\s#]+)", block, re.M)
    return m.group(1) if m else ""


def page_path(rel: str) -> str:
    """File path inside the site → the URL path a visitor sees ("about/index.html" → "about/")."""
    rel = rel.replace(os.sep, "/")
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def language_of(path: str) -> str:
    return "en" if path == "en/" or path.startswith("en/") or path == "en" else "th"


def twin_of(path: str) -> str:
    """The same page in the other language: Thai at /, English under /en/."""
    if language_of(path) == "en":
        return path[3:] if path.startswith("en/") else ""
    return "en/" + path


@dataclass
class Site:
    root: Path
    site_url: str = ""
    jobs: int = 1
    html_files: list[Path] = field(default_factory=list)
    # The office's own participation service: forms post to it and the forms script counts visits there.
    # None: extra.service_url of the current directory's mkdocs.yml.
    service_url: str | None = None

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        self.html_files = sorted(p for p in self.root.rglob("*.html") if p.is_file())
        if self.service_url is None:
            self.service_url = read_service_url()

    def rel(self, p: Path) -> str:
        return p.resolve().relative_to(self.root).as_posix()

    def page_of(self, p: Path) -> str:
        return page_path(self.rel(p))

    def is_asset(self, p: Path) -> bool:
        return self.rel(p).startswith(ASSET_DIRS)

    @property
    def pages(self) -> list[Path]:
        """HTML pages a visitor reads (theme assets left out)."""
        return [p for p in self.html_files if not self.is_asset(p)]

    def files(self, suffix: str) -> list[Path]:
        return sorted(p for p in self.root.rglob("*" + suffix) if p.is_file())

    @property
    def own_host(self) -> str:
        return (urlsplit(self.site_url).hostname or "").lower()

    @property
    def first_party_hosts(self) -> set[str]:
        """Hosts a page may send requests to: the site's own and the office's participation service."""
        hosts = {self.own_host, (urlsplit(self.service_url or "").hostname or "").lower()}
        return {h for h in hosts if h}

    @property
    def base_path(self) -> str:
        """Path part of site_url, e.g. "/changwat/" for a site published in a sub-folder."""
        p = urlsplit(self.site_url).path or "/"
        return p if p.endswith("/") else p + "/"

    def resolve(self, url_path: str) -> Path | None:
        """A site-absolute URL path ("/about/") → the file serving it, or None if there is none."""
        base = self.base_path
        if url_path.startswith(base):
            url_path = url_path[len(base):]
        else:
            url_path = url_path.lstrip("/")
        target = self.root / url_path
        try:
            target.resolve().relative_to(self.root)
        except ValueError:
            return None  # climbs out of the site folder
        if url_path == "" or url_path.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None
