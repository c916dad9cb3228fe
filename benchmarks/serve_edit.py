"""How long a web officer waits, with the preview running, between saving one page and seeing it changed.

Starts a preview on the synthetic site: `changwat serve` (what `make serve` runs), or MkDocs' own `mkdocs serve`
(optionally with --dirty); waits for the first build, appends a sentence to one item, and polls the served page
until the sentence is there.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

POLL = 0.2


@dataclass(frozen=True)
class ServeEdit:
    dirty: bool
    first_build_seconds: float
    edit_seconds: float | None      # None: the edit never showed within the timeout
    tool: str = "mkdocs"            # "changwat": `changwat serve`, as `make serve`; "mkdocs": `mkdocs serve`


# `changwat serve` as the installed console script runs it (changwat.cli.main), with this Python.
CHANGWAT_SERVE = ["-c", "import sys; from changwat.cli import main; sys.exit(main())", "serve"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(url: str, predicate, timeout: float, server: subprocess.Popen) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"the preview stopped (exit {server.returncode}) before {url} was ready")
        body = _get(url)
        if body is not None and predicate(body):
            return time.perf_counter() - started
        time.sleep(POLL)
    return None


def measure(config: Path, source: Path, page_url_path: str, dirty: bool, timeout: float = 900,
            tool: str = "mkdocs") -> ServeEdit:
    """`source` is the Markdown file to edit, `page_url_path` where it is served ("news/…/")."""
    if tool == "changwat" and dirty:
        raise ValueError("changwat serve has no --dirty")
    port = free_port()
    log = config.with_name(f"serve-{tool}{'-dirty' if dirty else ''}.log").open("w", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CHANGWAT_SERVICE_URL", None)
    if tool == "changwat":
        command = [sys.executable, *CHANGWAT_SERVE, "-f", str(config), "-a", f"127.0.0.1:{port}"]
    else:
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
                   *(["--dirty", "--no-strict"] if dirty else [])]
    # Its own process group, so stopping it stops only what this measurement started.
    server = subprocess.Popen(command, cwd=config.parent, env=env, stdout=log, stderr=log, start_new_session=True)
    original = source.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/{page_url_path}"
    try:
        first = _wait_for(url, lambda body: True, timeout, server)
        if first is None:
            raise RuntimeError(f"{tool} serve did not serve {url} within {timeout:.0f} s")
        time.sleep(2)  # let the watcher settle after the first build
        token = f"changwat-bench-{uuid.uuid4().hex[:8]}"
        source.write_text(original.rstrip("\n") + f"\n\nแก้ไขเพื่อทดสอบ {token}\n", encoding="utf-8")
        edit = _wait_for(url, lambda body: token in body, timeout, server)
        return ServeEdit(dirty=dirty, first_build_seconds=first, edit_seconds=edit, tool=tool)
    finally:
        source.write_text(original, encoding="utf-8")
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()
