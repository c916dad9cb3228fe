"""Where the gate's external tools live and which versions it expects (pinned once, in package.json)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .site import REPO

NODE_MODULES = Path(os.environ.get("CHANGWAT_NODE_MODULES", REPO / "node_modules"))
INSTALL_NPM = "run `npm ci --ignore-scripts` in the repository root (it installs the pinned vnu-jar and axe-core)"


def pinned(package: str) -> str:
    """The exact version package.json pins, so a stale node_modules cannot pass as the pinned tool."""
    deps = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]
    return deps[package]


def vnu_jar() -> Path:
    return Path(os.environ.get("CHANGWAT_VNU_JAR", NODE_MODULES / "vnu-jar/build/dist/vnu.jar"))


def axe_js() -> Path:
    return Path(os.environ.get("CHANGWAT_AXE_JS", NODE_MODULES / "axe-core/axe.min.js"))


def java() -> str | None:
    """CHANGWAT_JAVA wins (even when it is wrong: a bogus path must show up as a tool failure)."""
    explicit = os.environ.get("CHANGWAT_JAVA")
    if explicit:
        return explicit
    return shutil.which("java")


def chromium() -> str:
    return os.environ.get("CHANGWAT_CHROMIUM", "/usr/bin/chromium")


def chromedriver() -> str:
    return os.environ.get("CHANGWAT_CHROMEDRIVER", "/usr/bin/chromedriver")
