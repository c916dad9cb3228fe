"""The logic modules stay free of MkDocs, so a successor generator (ProperDocs, Zensical, MkDocs 2) can reuse all
of the kit but the glue. Glue is a feature's plugin.py, i18n/context.py, and the command line (cli/, __main__.py: it runs MkDocs)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import changwat

PACKAGE = Path(changwat.__file__).resolve().parent
GLUE = {"plugin.py", "context.py", "__main__.py"}
GLUE_FOLDERS = {"cli"}
# The gate and the kit's templates are shipped inside the package but are not Python logic of the build.
NOT_LOGIC = {"checks", "theme"}


def logic_modules() -> list[Path]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in NOT_LOGIC | GLUE_FOLDERS or path.name in GLUE:
            continue
        found.append(path)
    return found


def mkdocs_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return [n for n in names if n == "mkdocs" or n.startswith(("mkdocs.", "material", "mkdocs_static_i18n"))]


def test_there_are_logic_modules_to_check():
    names = {p.relative_to(PACKAGE).as_posix() for p in logic_modules()}
    assert {"core/languages.py", "core/office.py", "sections/items.py", "search/segment.py"} <= names


def test_no_logic_module_imports_mkdocs_directly():
    offenders = {p.relative_to(PACKAGE).as_posix(): mkdocs_imports(p) for p in logic_modules()}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_logic_module_imports_mkdocs_through_another():
    """Imported with MkDocs made unimportable: a logic module that reaches a plugin (and so MkDocs) fails."""
    modules = [".".join(("changwat", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
               for p in logic_modules()]
    script = (
        "import sys\n"
        "for name in ('mkdocs', 'material', 'mkdocs_static_i18n'): sys.modules[name] = None\n"
        "import importlib\n"
        f"for module in {modules!r}: importlib.import_module(module)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


def test_the_check_catches_a_logic_module_that_imports_mkdocs(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from mkdocs.plugins import BasePlugin\nimport mkdocs_static_i18n\n", encoding="utf-8")
    assert mkdocs_imports(bad) == ["mkdocs.plugins", "mkdocs_static_i18n"]
