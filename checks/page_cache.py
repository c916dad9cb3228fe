"""Reuse of the browser check's results (axe-core and the IBM engine) for page views whose inputs have not changed.

`make test` runs the gate three times over nearly the same pages (twice in make publish, once in make survival),
and the browser check is most of its time. One page view's findings (a page, as loaded or in a variant) are kept
under .cache/gate/ and reused only when nothing that could change them has changed:

- what every result of the run depends on (`open`): the engines' own files (axe.min.js, ace.js and its rules.csv),
  package.json and package-lock.json, axe_variants.yml, filters.yml, the code of the browser check, the Chromium,
  chromedriver and Selenium versions, the site URL and which engines ran;
- the page view: its URL path, its variant, whether the review-only rules ran on it;
- the bytes of every file of the site the browser asked for while the page view was checked: the page itself, its
  CSS, scripts, images, fonts, the search index when the check opened the search, … The gate's web server
  (browser.serve) records the requests of each browser and tells the browser to ask again for every file on every
  page load (Cache-Control: no-cache), so a file the browser had cached is recorded too. On reuse each recorded
  file is hashed again. A request that reached the server only after the page's results were read cannot have
  changed them.

A page view whose check went wrong (a tool failure, a variant state not reached) is never kept. The folder is
git-ignored, so a fresh clone starts cold and nothing is shared between machines. `python -m changwat.checks
--no-cache` or CHANGWAT_GATE_CACHE=off checks every page afresh.
"""
from __future__ import annotations

import hashlib
import json
import os
import posixpath
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import tools
from .report import Finding
from .site import Site

FORMAT = "1"
# The modules whose code decides what the browser check finds.
CODE = ("axe.py", "ibm.py", "browser.py", "page_cache.py", "report.py", "site.py", "tools.py", "data.py")
KEEP_DAYS = 14  # entries not used for this long are removed


def default_folder() -> Path | None:
    """.cache/gate/ in the site's folder (where reports/ goes), or None when CHANGWAT_GATE_CACHE turns it off."""
    if os.environ.get("CHANGWAT_GATE_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return None
    return Path.cwd() / ".cache" / "gate"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _version(program: str) -> str:
    try:
        return subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError) as e:
        return f"unavailable: {type(e).__name__}"


class RequestLog:
    """The URL paths one browser asked the gate's server for, in order (each browser has its own server)."""

    def __init__(self) -> None:
        self._paths: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, path: str) -> None:
        with self._lock:
            self._paths.append(path)

    def take(self) -> list[str]:
        with self._lock:
            out, self._paths = self._paths, []
        return out


@dataclass
class Entry:
    """What checking one page view gave: its findings and what the browser reported alongside them."""
    findings: list[Finding] = field(default_factory=list)
    version: str = ""  # axe.version in the page
    archive: str = ""  # the IBM engine's rule archive
    state: str = ""  # the screen a variant saw


class PageCache:
    def __init__(self, folder: Path, site: Site, inputs: dict) -> None:
        self.folder, self.site = folder, site
        self.inputs = _sha(json.dumps(inputs, sort_keys=True).encode())
        self._digests: dict[Path, str | None] = {}
        self._lock = threading.Lock()

    def digest(self, rel: str) -> str | None:
        """A file of the site by its path inside the site: its bytes' sha256, or None when there is no such file."""
        path = self.site.root / rel
        if path not in self._digests:  # the site does not change during a run: hash each file once
            try:
                self._digests[path] = _sha(path.read_bytes()) if path.is_file() else None
            except OSError:
                self._digests[path] = None
        return self._digests[path]

    def rel(self, url: str) -> str | None:
        """A URL path the browser asked for → the file's path inside the site, as browser.serve maps it."""
        path = unquote(urlsplit(url).path)
        base = self.site.base_path
        path = path[len(base):] if path.startswith(base) else path.lstrip("/")
        if path == "" or path.endswith("/") or (self.site.root / path).is_dir():
            path = posixpath.join(path, "index.html")
        path = posixpath.normpath(path)
        return None if path.startswith("..") else path

    def _entry_file(self, page: str, variant: str, full: bool) -> Path | None:
        own = self.rel("/" + page)
        digest = own and self.digest(own)
        if digest is None:
            return None
        name = _sha(json.dumps([self.inputs, page, variant, full, digest]).encode())
        return self.folder / name[:2] / f"{name}.json"

    def get(self, page: str, variant: str, full: bool) -> Entry | None:
        """The kept result, if the page and every file it fetched are byte for byte what they were."""
        path = self._entry_file(page, variant, full)
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):
            return None
        if not data or any(self.digest(rel) != d for rel, d in data["requested"].items()):
            return None
        os.utime(path)  # used: not pruned
        return Entry([Finding(**f) for f in data["findings"]], data["version"], data["archive"], data["state"])

    def put(self, page: str, variant: str, full: bool, requested: list[str], entry: Entry) -> None:
        if any(f.severity == "tool" or f.rule == "variant-failed" for f in entry.findings):
            return  # a check that did not work is done again next time, not remembered
        path = self._entry_file(page, variant, full)
        rels = {r for r in map(self.rel, requested) if r} | {self.rel("/" + page)}
        if path is None:
            return
        data = {"page": page, "variant": variant, "requested": {r: self.digest(r) for r in sorted(rels)},
                "findings": [asdict(f) for f in entry.findings],
                "version": entry.version, "archive": entry.archive, "state": entry.state}
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)

    def prune(self) -> None:
        old = time.time() - KEEP_DAYS * 86400
        for path in self.folder.glob("*/*.json"):
            try:
                if path.stat().st_mtime < old:
                    path.unlink()
            except OSError:
                pass


def open_cache(folder: Path, site: Site, engines: tuple[str, ...], files: list[Path], settings: dict) -> PageCache:
    """The cache for one run. `files`: the engines' and configuration files the run reads; `settings`: the rest
    of what the check was asked to do (engine options)."""
    here = Path(__file__).parent
    manifest = tools.manifest_dir()
    paths = [*files, manifest / "package.json", manifest / "package-lock.json", *(here / name for name in CODE)]

    def digest(p: Path) -> str | None:
        try:
            return _sha(p.read_bytes())
        except OSError:
            return None

    inputs = {
        "format": FORMAT,
        "files": {str(p): digest(p) for p in paths},
        "chromium": _version(tools.chromium()),
        "chromedriver": _version(tools.chromedriver()),
        "python": {name: _installed(name) for name in ("selenium", "axe-selenium-python")},
        "site_url": site.site_url,
        "engines": sorted(engines),
        "settings": settings,
    }
    return PageCache(folder, site, inputs)


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""
