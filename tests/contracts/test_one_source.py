"""One source of truth: the kit reads the service's exports with the service's own contract file, the service
stays installable alone, and the form partials exist once, found without looking for the service."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import changwat_service
from changwat.contracts import exports as kit_exports, typed as kit_typed
from changwat.participation.service_forms import SITE_ASSETS, SNIPPET_TEMPLATES, snippets_dir
from changwat_service.contract import exports as service_exports, typed as service_typed

ROOT = Path(__file__).resolve().parents[2]


def test_the_kit_and_the_service_share_one_contract_file():
    for kit, service in ((kit_exports, service_exports), (kit_typed, service_typed)):
        assert Path(kit.__file__).resolve() == Path(service.__file__).resolve()
        assert Path(service.__file__).resolve().is_relative_to(ROOT / "service" / "changwat_service")


def test_the_services_contract_imports_only_the_standard_library():
    for module in (service_exports, service_typed):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: a sibling in the same contract folder
                    assert (Path(module.__file__).parent / f"{node.module}.py").is_file()
                    continue
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in sys.stdlib_module_names or name == "__future__", name


def test_the_partials_exist_once_and_ship_with_both_packages():
    folder = changwat_service.site_snippets_dir()
    assert folder == ROOT / "service" / "changwat_service" / "site_snippets"
    assert not (ROOT / "service" / "site_snippets").exists()
    assert snippets_dir().resolve() == folder
    for name in SNIPPET_TEMPLATES + SITE_ASSETS:
        assert (folder / name).is_file()
    pyproject = (ROOT / "service" / "pyproject.toml").read_text(encoding="utf-8")
    assert '"site_snippets/*"' in pyproject  # package data of the service: it renders them itself


def test_a_configured_snippets_folder_must_be_complete(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "case.html").write_text("x", encoding="utf-8")
    try:
        snippets_dir("mine", tmp_path)
    except ValueError as e:
        assert "status.html" in str(e) and "snippets_dir" in str(e)
    else:
        raise AssertionError("an incomplete snippets folder was accepted")
