"""Where the gate's external tools live and which versions it expects (pinned once, in package.json).

The Nu checker (vnu-jar), axe-core and IBM's accessibility-checker-engine come from npm, at the versions the kit's package.json and package-lock.json
pin. In this repository (and in an editable install of it) they are the repository's node_modules/. An installed
kit (pip install changwat) ships copies of the two files (checks/node/, links to the repository's) and installs
the tools once into a cache folder, ~/.cache/changwat/node/<versions>/, so a site folder needs no node_modules.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

# The kit's source tree when the gate runs from it (checks/ is a folder of the repository): its package.json pins
# the tools and its node_modules holds them.
SOURCE_TREE = Path(__file__).resolve().parent.parent
# The copies of package.json and package-lock.json shipped inside the package.
SHIPPED = Path(__file__).resolve().parent / "node"
# The npm packages the gate runs; package.json may pin others (the kit's own tools), which the gate does not need.
GATE_PACKAGES = ("vnu-jar", "axe-core", "accessibility-checker-engine")
INSTALL_NPM = ("run `changwat check` again: it installs the pinned vnu-jar, axe-core and accessibility-checker-engine "
               "with npm "
               "(in the kit's repository: `npm ci --ignore-scripts` at its root)")


def manifest_dir() -> Path:
    """The folder whose package.json and package-lock.json pin the tools."""
    return SOURCE_TREE if (SOURCE_TREE / "package.json").is_file() else SHIPPED


def pinned(package: str) -> str:
    """The exact version package.json pins, so a stale node_modules cannot pass as the pinned tool."""
    deps = json.loads((manifest_dir() / "package.json").read_text(encoding="utf-8"))["dependencies"]
    return deps[package]


def cache_dir() -> Path:
    """Where an installed kit keeps its own node_modules: one folder per pinned versions."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    deps = json.loads((SHIPPED / "package.json").read_text(encoding="utf-8"))["dependencies"]
    return base / "changwat" / "node" / "-".join(f"{name}-{version}" for name, version in sorted(deps.items()))


def node_modules() -> Path:
    """CHANGWAT_NODE_MODULES wins; then the source tree's node_modules (this repository, an editable install);
    else the cache folder of an installed kit."""
    explicit = os.environ.get("CHANGWAT_NODE_MODULES")
    if explicit:
        return Path(explicit)
    if manifest_dir() == SOURCE_TREE:
        return SOURCE_TREE / "node_modules"
    return cache_dir() / "node_modules"


def vnu_jar() -> Path:
    return Path(os.environ.get("CHANGWAT_VNU_JAR", node_modules() / "vnu-jar/build/dist/vnu.jar"))


def axe_js() -> Path:
    return Path(os.environ.get("CHANGWAT_AXE_JS", node_modules() / "axe-core/axe.min.js"))


def installed_version(package: str) -> str | None:
    try:
        manifest = node_modules() / package / "package.json"
        return json.loads(manifest.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def ensure_node_tools(echo=print) -> str | None:
    """Installs the pinned gate tools (GATE_PACKAGES) when they are missing or stale. Returns None when they are
    there, else a sentence saying what went wrong (the checks then report the missing tool themselves)."""
    if all(installed_version(p) == pinned(p) for p in GATE_PACKAGES):
        return None
    if os.environ.get("CHANGWAT_NODE_MODULES"):
        return f"CHANGWAT_NODE_MODULES ({node_modules()}) lacks the pinned {', '.join(GATE_PACKAGES)}"
    npm = shutil.which("npm")
    if npm is None:
        return ("Node.js and npm are needed to install the HTML and accessibility checkers "
                "(Debian/Ubuntu: apt-get install nodejs npm)")
    target = node_modules().parent
    if target != SOURCE_TREE:
        target.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(SHIPPED / name, target / name)
    echo(f"Installing {', '.join(f'{p} {pinned(p)}' for p in GATE_PACKAGES)} into {target} (npm ci)…")
    done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                          cwd=target)
    return None if done.returncode == 0 else f"npm ci failed in {target}"


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
