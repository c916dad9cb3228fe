"""`changwat serve` (and `make serve`): MkDocs' live-reload server, answering with the problem page while a build
fails, and going back to the site when it is fixed.

MkDocs 1.6 lets a failed build escape: on the first build `mkdocs serve` exits; on a rebuild
LiveReloadServer._build_loop prints the traceback and every page request then waits in _serve_request for a good
build (`_visible_epoch == _wanted_epoch` never comes true), so the browser gets no answer. Here the builder never
raises: it keeps the problems of a failed build and returns, so the server's epoch advances as after any build,
open pages reload (MkDocs' own livereload script), and a page request is answered with the problem page. That page
carries the same script, so it reloads into the site at the next good build. Assets are served as before.

The preview is always served at the root of its address, whatever path site_url has: it must answer before any
mkdocs.yml could be read (a broken mkdocs.yml is one of the problems it shows).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
import traceback
from os.path import isfile, join
from pathlib import Path

import jinja2
import yaml
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _Handler

from changwat.core.problems import ContentError, Problem
from changwat.cli.incremental import FullBuildNeeded, Incremental, Inputs
from changwat.preview.pages import problem_page
from changwat.preview.problems import problems_of_failure, relative_to
from changwat.site.theme import KIT_THEME

MKDOCS_LOG = logging.getLogger("mkdocs")
log = logging.getLogger("mkdocs.changwat.preview")
# Errors that are the site's own (its content, its configuration, its templates), said without a traceback.
SITE_ERRORS = (MkDocsException, ContentError, yaml.YAMLError, jinja2.TemplateError, OSError, UnicodeDecodeError)


def is_page(path: str) -> bool:
    """A request for a page (not an asset): the problem page answers it while the build fails."""
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith((".html", ".htm")) or "." not in last


class _RequestHandler(_Handler):
    def log_request(self, code="-", size="-"):
        if str(code) != "500":  # the problem page: the terminal has said why already, once
            super().log_request(code, size)


class PreviewServer(LiveReloadServer):
    problems: list[Problem] | None = None  # set while the last build failed
    config_file = "mkdocs.yml"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.RequestHandlerClass = _RequestHandler

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if not path.startswith("/livereload/") and is_page(path):
            # As MkDocs does: a request made during a build is answered once the build is over.
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch = self._visible_epoch
            problems = self.problems
            if problems:
                page = problem_page(problems, config_file=self.config_file).encode("utf-8")
                page = self._inject_js_into_html(page, epoch)
                start_response("500 Internal Server Error", [
                    ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page))),
                    ("Cache-Control", "no-store")])
                return [page]
        return super()._serve_request(environ, start_response)


class _Messages(logging.Handler):
    """The errors and warnings MkDocs and the plugins log during one build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _chain(error: BaseException | None):
    while error is not None:
        yield error
        error = error.__cause__ or error.__context__


class Preview:
    def __init__(self, config_file: Path, host: str, port: int):
        self.config_file = config_file
        self.site_dir = tempfile.mkdtemp(prefix="changwat_preview_")
        self.server = PreviewServer(builder=self.build, host=host, port=port, root=self.site_dir)
        self.server.config_file = str(config_file)
        self.server.error_handler = self._error_page
        self.url = self.server.url
        self.first_config: MkDocsConfig | None = None  # the one whose plugins got on_startup
        self.served = False
        self.watched: set[str] = set()
        self.memory = Incremental()

    def _error_page(self, code: int) -> bytes | None:
        page = join(self.site_dir, f"{code}.html")  # the site's own 404 page, as mkdocs serve does
        if code in (404, 500) and isfile(page):
            with open(page, "rb") as f:
                return f.read()
        return None

    def _load(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.config_file), site_dir=self.site_dir)
        config.site_url = self.url
        if self.first_config is None:
            config.plugins.on_startup(command="serve", dirty=False)
            self.first_config = config
        return config

    def build(self, config: MkDocsConfig | None = None) -> None:
        """The server's builder: never raises (but for Ctrl-C); a failure is kept in server.problems."""
        log.info("Building documentation...")
        messages = _Messages()
        MKDOCS_LOG.addHandler(messages)
        try:
            config = config or self._load()
            self._build(config)
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # noqa: BLE001 - SystemExit too: MkDocs' Abort is one
            MKDOCS_LOG.removeHandler(messages)
            self._failed(error, messages.messages)
        else:
            MKDOCS_LOG.removeHandler(messages)
            if self.server.problems:
                log.info("แก้ครบแล้ว ตัวอย่างกลับเป็นเว็บไซต์ / All fixed: the preview shows the site again.")
            self.server.problems = None
        if config is not None:
            self._watch(config)

    def _inputs(self, config: MkDocsConfig) -> Inputs:
        folder = Path(config.config_file_path or self.config_file).resolve().parent
        theme = [Path(d) for d in config.theme.dirs if "site-packages" not in Path(d).parts]
        return Inputs.scan(self.config_file.resolve(), Path(config.docs_dir),
                           [folder / "data", folder / "reports", *map(Path, config.watch), *theme, KIT_THEME])

    def _build(self, config: MkDocsConfig) -> None:
        """The whole site the first time and whenever more than pages changed; otherwise only what an edit
        touches (cli/incremental.py). Either way the preview then shows what a full build would."""
        started = time.monotonic()
        inputs = self._inputs(config)
        why = self.memory.why_full(inputs)
        incremental = self.memory.inputs is not None and why is None
        if why:
            self._say_full(why)
        try:
            with self.memory.building(config, inputs, incremental):
                mkdocs_build.build(config, serve_url=self.url)
        except FullBuildNeeded as need:
            self._say_full(need.why)
            self.memory.forget()
            config = self._load()
            incremental = False
            with self.memory.building(config, self._inputs(config), incremental=False):
                mkdocs_build.build(config, serve_url=self.url)
        if incremental:
            pages = self.memory.rendered
            log.info(f"แสดงหน้าที่แก้แล้ว ({len(pages)} หน้า ใน {time.monotonic() - started:.1f} วินาที) / "
                     f"The edit is shown ({len(pages)} page(s) written again in "
                     f"{time.monotonic() - started:.1f} s): {', '.join(pages[:5])}")

    @staticmethod
    def _say_full(why: tuple[str, str]) -> None:
        log.info(f"สร้างใหม่ทั้งเว็บไซต์ เพราะ{why[0]} / Building the whole site: {why[1]}")

    def _failed(self, error: BaseException, logged: list[str]) -> None:
        unexpected = not any(isinstance(link, SITE_ERRORS) or getattr(link, "problem_mark", None)
                             for link in _chain(error))
        if unexpected:  # a fault in the kit, not in the content: its traceback is what a maintainer needs
            log.error("".join(traceback.format_exception(error)).rstrip())
        config_file = self.config_file.name
        folder = self.config_file.resolve().parent
        problems = relative_to(problems_of_failure(error, logged, config_file=config_file, unexpected=unexpected),
                               folder)
        already_shown = relative_to(problems_of_failure(None, logged, config_file=config_file), folder)
        unshown = [p for p in problems if p not in already_shown]
        if unshown:
            log.error(str(ContentError(unshown)))
        self.server.problems = problems
        log.error(f"สร้างตัวอย่างไม่สำเร็จ: พบปัญหา {len(problems)} รายการ เบราว์เซอร์ที่ {self.url} แสดงรายการนี้ "
                  "แก้แล้วบันทึกไฟล์ ตัวอย่างจะสร้างใหม่และกลับเป็นเว็บไซต์เอง\n"
                  f"The preview was not built: {len(problems)} problem(s), also listed in the browser at {self.url}. "
                  "Fix them and save: the preview rebuilds and shows the site again by itself.")

    def _watch(self, config: MkDocsConfig | None) -> None:
        """What mkdocs serve watches (docs_dir, the config file, config.watch); what a plugin asks in on_serve."""
        wanted = [str(self.config_file)]
        if config is not None:
            wanted += [config.docs_dir, *(p for p in [config.config_file_path] if p), *config.watch,
                       str(Path(config.config_file_path or self.config_file).parent / "data")]
        elif (self.config_file.parent / "docs").is_dir():  # mkdocs.yml unreadable: its usual docs_dir
            wanted.append(str(self.config_file.parent / "docs"))
        for path in wanted:
            if Path(path).resolve() not in {Path(p).resolve() for p in self.watched} and Path(path).exists():
                self.watched.add(path)
                self.server.watch(path)
        if config is not None and not self.served:
            self.served = True
            config.plugins.on_serve(self.server, config=config, builder=self.build)

    def run(self) -> int:
        try:
            self.build()
            self._watch(None)
            try:
                self.server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                self.server.shutdown()
        finally:
            if self.first_config is not None:
                self.first_config.plugins.on_shutdown()
            shutil.rmtree(self.site_dir, ignore_errors=True)
        return 0


def log_to_terminal() -> None:
    """MkDocs' own terminal format ("INFO    -  ..."), as `mkdocs serve` sets it up."""
    from mkdocs.__main__ import ColorFormatter

    MKDOCS_LOG.setLevel(logging.INFO)
    MKDOCS_LOG.propagate = False
    if not any(getattr(h, "name", None) == "MkDocsStreamHandler" for h in MKDOCS_LOG.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(ColorFormatter())
        handler.name = "MkDocsStreamHandler"
        MKDOCS_LOG.addHandler(handler)
    mkdocs_build.log.addFilter(utils.DuplicateFilter())


def serve(config_file: Path, dev_addr: str = "127.0.0.1:8000") -> int:
    host, _, port = dev_addr.rpartition(":")
    log_to_terminal()
    return Preview(Path(config_file), host or "127.0.0.1", int(port)).run()
