"""A good mini site built once per module; each test copies it, breaks it, builds again and compares."""

from __future__ import annotations

import hashlib
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
