"""A good mini site built once per module; each test copies it, breaks it, builds again and compares."""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path

import pytest

from conftest import mkdocs_build, write_minisite


def tree_digest(folder: Path) -> str:
    """Every file's path and bytes: equal digests mean the folder was left exactly as it was."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def good_minisite(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("good")
    config = write_minisite(where)
    result = mkdocs_build(config, where / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return where


@pytest.fixture
def site_copy(good_minisite, tmp_path) -> Path:
    """A copy of the good mini site with its built site/, for one test to break."""
    shutil.copytree(good_minisite, tmp_path / "copy")
    return tmp_path / "copy"


class InProcessBuild:
    """changwat.cli.build's atomic build with MkDocs run in this process, as `mkdocs build --strict --clean`
    runs it: an Abort is MkDocs' clean stop (its messages logged); any other exception propagates, and is the
    traceback an officer would have seen. The log is kept for the test to read."""

    def __init__(self, config_file: Path):
        self.config_file, self.log = config_file, []

    def __call__(self, staging: Path) -> int:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort

        handler = _Collect(self.log)
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            config = load_config(str(self.config_file), site_dir=str(staging), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            except Abort as stop:
                self.log.append(str(stop))
                return 1
            finally:
                config.plugins.on_shutdown()
            return 0
        finally:
            logger.removeHandler(handler)

    @property
    def output(self) -> str:
        return "\n".join(self.log)


class _Collect(logging.Handler):
    def __init__(self, into: list[str]):
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(f"{record.levelname} {record.getMessage()}")
