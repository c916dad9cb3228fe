"""What a citizen's phone downloads to show one page the first time, before search is opened.

Headless Chromium (checks/browser.py) loads the page from a local server that records every request, so
requests made by scripts (a search worker, a language selector's sitemap.xml) count too, including ones that
fail. Each file is counted gzip-compressed, as a web server would send it; images referenced by the page count
even when lazily loaded. Without Chromium only the page's own references are counted, and the report says so.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# An inline script in <head> this small (Material's palette and colour-scheme snippets) costs less to run
# than a request; a bigger one delays the first paint like a file would.
SMALL_INLINE_SCRIPT = 1024
SETTLE_SECONDS = 3.0


@dataclass
class FirstView:
    page: str
    total_gzip: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)    # URL path -> gzip bytes (0 when not found)
    missing: list[str] = field(default_factory=list)       # requests answered with 404
    render_blocking: list[str] = field(default_factory=list)
    browser: bool = True


class _References(HTMLParser):
    """The files a page names (stylesheets, scripts, images, icons) and what in <head> blocks rendering."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_head, self.inline, self.inline_attrs = False, None, {}
        self.refs: list[str] = []
        self.blocking: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {"stylesheet", "icon"}:
            self.refs.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.refs.append(a["src"])
        elif tag == "script":
            if a.get("src"):
                self.refs.append(a["src"])
                deferred = "defer" in a or "async" in a or a.get("type") == "module"
                if self.in_head and not deferred:
                    self.blocking.append(a["src"])
            elif self.in_head and a.get("type") in (None, "", "text/javascript", "module"):
                self.inline, self.inline_attrs = [], a

    def handle_data(self, data):
        if self.inline is not None:
            self.inline.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.inline is not None:
            size = len("".join(self.inline).encode())
            if size > SMALL_INLINE_SCRIPT and self.inline_attrs.get("type") != "module":
                self.blocking.append(f"inline script of {size} bytes")
            self.inline = None
        elif tag == "head":
            self.in_head = False


def references(html: str) -> tuple[list[str], list[str]]:
    parser = _References()
    parser.feed(html)
    return parser.refs, parser.blocking


class _Recorder(http.server.SimpleHTTPRequestHandler):
    requests: list[tuple[str, int]]

    def log_message(self, *args) -> None:
        pass

    def log_request(self, code="-", size="-") -> None:
        self.requests.append((urlsplit(self.path).path, int(code) if str(code).isdigit() else 0))


@contextlib.contextmanager
def recording_server(site: Path, port: int):
    requests: list[tuple[str, int]] = []
    handler = functools.partial(type("Handler", (_Recorder,), {"requests": requests}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requests
    finally:
        server.shutdown()
        server.server_close()


def _file_for(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") else path


def _kind(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {".css": "css", ".js": "js", ".woff2": "font", ".woff": "font", ".ttf": "font", ".json": "data",
            ".xml": "data", ".svg": "image", ".png": "image", ".jpg": "image", ".jpeg": "image", ".webp": "image",
            ".ico": "image", ".gif": "image"}.get(suffix, "html")


def browser_requests(site: Path, page: str, port: int) -> list[tuple[str, int]] | None:
    """Every (path, status) Chromium asks for while showing `page`; None when Chromium cannot start."""
    from changwat.checks.browser import BrowserUnavailable, chromium

    with recording_server(site, port) as (base, requests):
        try:
            with chromium() as driver:
                driver.get(base + page)
                # Scripts fetch after load (Material's worker, a language selector's sitemap): let them.
                time.sleep(SETTLE_SECONDS)
        except BrowserUnavailable:
            return None
        return list(requests)


def measure(site: Path, page: str, port: int, use_browser: bool = True) -> FirstView:
    """`page` is a URL path relative to the site's root, e.g. "news/2026-11-20-x/"; `port` the one of the
    site_url it was built with (http://127.0.0.1:<port>/)."""
    html = _file_for(site, "/" + page).read_text(encoding="utf-8")
    refs, blocking = references(html)
    page_url = "/" + page
    # Only the site's own files: another host would be the privacy check's finding, and data: URLs are inline.
    wanted = {urlsplit(urljoin(page_url, ref)).path: 200 for ref in refs
              if not urlsplit(ref).scheme and not urlsplit(ref).netloc}
    seen = browser_requests(site, page, port) if use_browser else None
    view = FirstView(page=page, render_blocking=blocking, browser=seen is not None)
    for path, status in (seen or []):
        wanted[path] = status
    wanted[page_url] = 200
    for path, status in wanted.items():
        file = _file_for(site, path)
        size = len(gzip.compress(file.read_bytes(), compresslevel=6)) if file.is_file() else 0
        if status == 404 or not file.is_file():
            view.missing.append(path)
        view.files[path] = size
        view.by_kind[_kind(path)] = view.by_kind.get(_kind(path), 0) + size
    view.total_gzip = sum(view.files.values())
    return view
