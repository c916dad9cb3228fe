"""Decap CMS stays out of the gate's npm install: the editor pins its packages in its own package.json and lock,
installs them itself, and reinstalls when a pin changes."""

from __future__ import annotations

import json

from changwat.editor import npm

from conftest import ROOT


def test_the_gate_does_not_install_the_editor():
    root = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert not any(name.startswith("decap") for name in root["dependencies"])
    assert not any("decap" in path for path in lock["packages"])


def test_the_editor_pins_exact_versions_in_its_own_lock():
    manifest = json.loads((npm.HERE / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((npm.HERE / "package-lock.json").read_text(encoding="utf-8"))
    assert set(manifest["dependencies"]) == {"decap-cms", "decap-server"}
    for name, version in manifest["dependencies"].items():
        assert version[0].isdigit(), f"{name} must be pinned exactly, not {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert lock["packages"][""]["dependencies"] == manifest["dependencies"]


def test_a_changed_lock_means_a_new_install(tmp_path):
    modules = tmp_path / "node_modules"
    modules.mkdir()
    assert not npm.is_installed(tmp_path)
    (modules / npm.STAMP).write_text("an older lock's hash\n", encoding="utf-8")
    assert not npm.is_installed(tmp_path)
    (modules / npm.STAMP).write_text(npm.lock_hash() + "\n", encoding="utf-8")
    assert npm.is_installed(tmp_path)


def test_nothing_of_the_editor_is_in_the_public_site(built_site):
    assert not [p for p in built_site.rglob("*") if "editor" in p.name or "decap" in p.name.lower()]
