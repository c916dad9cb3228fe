"""Shared helpers: the repository's paths, and tiny sites built on Changwat's real configuration."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINISITE = ROOT / "tests" / "fixtures" / "minisite"
SITE = ROOT / "site"


def write_minisite(where: Path) -> Path:
    """A copy of the mini site whose pages a test may break; returns its mkdocs.yml. It has the sample's
    configuration (INHERIT) and office (data/office.yml: read beside the site's own mkdocs.yml)."""
    shutil.copytree(MINISITE / "docs", where / "docs")
    (where / "data").mkdir(exist_ok=True)
    shutil.copyfile(ROOT / "data" / "office.yml", where / "data" / "office.yml")
    config = (MINISITE / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("INHERIT: ../../../mkdocs.yml", f"INHERIT: {ROOT / 'mkdocs.yml'}")
    (where / "mkdocs.yml").write_text(config, encoding="utf-8")
    return where / "mkdocs.yml"


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "changwat.cli.build", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture
def minisite(tmp_path):
    return write_minisite(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample site built afresh for this test run (never a site/ left by an earlier build), with the
    gate's latest reports (make test runs the gate first) as `make publish` builds it."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def site_url(built_site):
    """The built sample site served on 127.0.0.1 for browser tests."""
    from changwat.checks.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One headless Debian Chromium per test module."""
    from changwat.checks.browser import chromium

    with chromium() as driver:
        yield driver


@pytest.fixture
def fresh(browser, site_url):
    """The module's browser from the default text size and colour mode (localStorage cleared), back on the
    desktop size afterwards."""
    browser.get(site_url)
    browser.execute_script("localStorage.clear()")
    yield browser
    desktop(browser)


def phone(driver, width: int = 360, height: int = 800, dpr: float = 3) -> None:
    """Chromium's device emulation of a phone: its viewport, pixel ratio, mobile layout and touch."""
    from changwat.checks.browser import emulate

    emulate(driver, width, height, dpr)


def desktop(driver) -> None:
    from changwat.checks.browser import stop_emulating

    stop_emulating(driver)
