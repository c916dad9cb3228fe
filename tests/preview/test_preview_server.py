"""`changwat serve` answers with the build's problems (Thai and English, file and line) instead of hanging or
exiting, and goes back to the site when they are fixed: from a first build that fails, and from a later one."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import write_minisite

THAI = re.compile(r"[\u0e00-\u0e7f]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10) -> tuple[int, str]:
    """Status and text of a page; a timeout here is the hang the preview must not have."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = condition()
        except OSError:  # not listening yet
            result = None
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


class Preview:
    def __init__(self, config: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = config.parent / "serve.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "changwat", "serve", "-f", str(config), "-a", f"127.0.0.1:{self.port}"],
                cwd=config.parent, stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def first_answer(self) -> tuple[int, str]:
        def answered():
            assert self.process.poll() is None, "the preview exited:\n" + self.output()
            return get(self.url)
        return wait_until(answered, 30, "the preview answers")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def preview_of(tmp_path):
    started = []

    def start(config: Path) -> Preview:
        started.append(Preview(config))
        return started[-1]
    yield start
    for preview in started:
        preview.stop()


def is_problem_page(status: int, page: str) -> bool:
    return status == 500 and "Preview not built" in page


def assert_lists(page: str, where: str, thai: str, english: str):
    assert where in page, page
    assert thai in page and english in page, page
    assert THAI.search(page) and 'lang="en"' in page


def test_first_build_fails_then_fixed_then_a_later_mistake_then_fixed(tmp_path, preview_of):
    config = write_minisite(tmp_path)
    index = tmp_path / "docs" / "th" / "index.md"
    good_index = index.read_text(encoding="utf-8")
    index.write_text(good_index + "\n![](../assets/favicon.svg)\n", encoding="utf-8")
    line = len(good_index.splitlines()) + 2
    preview = preview_of(config)

    started = time.monotonic()
    status, page = preview.first_answer()
    assert time.monotonic() - started < 30
    assert is_problem_page(status, page), (status, page[:500])
    assert_lists(page, f"docs/th/index.md:{line}", "ไม่มีคำบรรยายภาพ", "has no alt text")
    assert "livereload" in page  # the page reloads itself at the next build
    epoch = int(re.search(r"livereload\((\d+), \d+\)", page)[1])
    output = preview.output()
    assert f"docs/th/index.md:{line}" in output and "ไม่มีคำบรรยายภาพ" in output and "has no alt text" in output
    assert "Traceback" not in output
    # Any page of the site answers with the problems, and answers quickly (MkDocs alone keeps it waiting).
    status, other = get(preview.url + "en/news/", timeout=5)
    assert is_problem_page(status, other)

    index.write_text(good_index, encoding="utf-8")
    # The problem page's own reload request: answered with a newer epoch once the fixed build is done.
    status, newer = get(f"{preview.url}livereload/{epoch}/1", timeout=30)
    assert status == 200 and int(newer) > epoch
    status, page = wait_until(lambda: (lambda r: r if r[0] == 200 else None)(get(preview.url)), 20,
                              "the site is back after the fix")
    assert "Preview not built" not in page and "ยินดีต้อนรับ" in page

    # A later mistake: a news item without its summary, in English.
    item = tmp_path / "docs" / "en" / "news" / "2026-11-20-flood-relief.md"
    good_item = item.read_text(encoding="utf-8")
    item.write_text(re.sub(r"(?m)^summary:.*\n", "", good_item), encoding="utf-8")
    status, page = wait_until(lambda: (lambda r: r if is_problem_page(*r) else None)(get(preview.url)), 20,
                              "the problem page after a later mistake")
    assert_lists(page, "docs/en/news/2026-11-20-flood-relief.md (summary)", "ไม่มีสรุปย่อ", "has no summary")
    assert "Traceback" not in preview.output()

    item.write_text(good_item, encoding="utf-8")
    wait_until(lambda: get(preview.url)[0] == 200, 20, "the site is back after the second fix")
    assert preview.process.poll() is None


def test_a_broken_mkdocs_yml_on_the_first_build_is_shown_with_its_line(tmp_path, preview_of):
    config = write_minisite(tmp_path)
    good = config.read_text(encoding="utf-8")
    lines = good.splitlines()
    lines.insert(3, 'site_name: "ไม่ได้ปิดเครื่องหมายคำพูด')  # an unclosed quote
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preview = preview_of(config)

    status, page = preview.first_answer()
    assert is_problem_page(status, page), (status, page[:500])
    assert "mkdocs.yml:4" in page and "YAML" in page and "เครื่องหมายคำพูด" in page
    assert "Traceback" not in preview.output()

    config.write_text(good, encoding="utf-8")
    status, page = wait_until(lambda: (lambda r: r if r[0] == 200 else None)(get(preview.url)), 20,
                              "the site once mkdocs.yml is fixed")
    assert "ยินดีต้อนรับ" in page
