"""What the kit patches or overrides in Material is checked against the INSTALLED Material: an upgrade that
changes any of it fails here, naming the patch or the partial to redo (see changwat/site/compat.py)."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import jinja2
import pytest

from changwat.site.compat import (
    BASE_HTML, BUNDLE, MERMAID_ABSENT, OVERRIDES, PATCHES, MaterialChanged, MaterialPatchingLoader, Patch,
    apply_patches, material_sha256, material_templates, patch_material_templates, unused_material_file,
)

MATERIAL_TEMPLATES = material_templates()
from conftest import ROOT

OVERRIDE_DIR = ROOT / "overrides"
POLYFILL_URL = "/assets/changwat/site/vendor/resize-observer-polyfill.js"
MERMAID_URL = "/" + MERMAID_ABSENT
URLS = {"polyfill_url": POLYFILL_URL, "mermaid_url": MERMAID_URL}


def installed(file: str) -> str:
    """Material's file as installed; the bundle's name carries a hash, so `file` may be a glob."""
    matches = sorted(MATERIAL_TEMPLATES.glob(file))
    assert len(matches) == 1, f"Material has {len(matches)} files matching {file}"
    return matches[0].read_text(encoding="utf-8")


def replacement_of(patch: Patch) -> str:
    return patch.replacement.replace("{polyfill_url}", POLYFILL_URL).replace("{mermaid_url}", MERMAID_URL)


def test_the_installed_material_is_the_one_the_patches_were_written_for():
    assert {patch.material for patch in PATCHES} | {o.material for o in OVERRIDES} == {version("mkdocs-material")}


@pytest.mark.parametrize("patch", PATCHES, ids=lambda patch: patch.name)
def test_material_still_has_what_each_patch_changes(patch):
    assert patch.occurrences(installed(patch.file)) == patch.count, (
        f"Material changed: patch {patch.name} no longer applies to {patch.file}; see compat.py")


@pytest.mark.parametrize("patch", PATCHES, ids=lambda patch: patch.name)
def test_each_patch_removes_what_it_changes(patch):
    patched = patch.apply(installed(patch.file), **URLS)
    assert patch.occurrences(patched) == 0
    assert patched.count(replacement_of(patch)) == patch.count


def test_a_patch_whose_text_is_gone_stops_the_build_with_its_name():
    patch = next(p for p in PATCHES if p.name == "drawer-toggle-autocomplete")
    with pytest.raises(MaterialChanged, match="Material changed: patch drawer-toggle-autocomplete no longer applies"):
        patch.apply('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">x')
    # Found more often than Material had it: the patch would change more than it was written for.
    body = next(p for p in PATCHES if p.name == "body-section")
    with pytest.raises(MaterialChanged, match="see plugins/changwat/site/compat.py"):
        body.apply('<body dir="{{ direction }}">' * 3)


def test_a_bundle_patched_on_an_earlier_pass_is_left_as_it_is():
    once = apply_patches(installed(BUNDLE), BUNDLE, **URLS)
    assert apply_patches(once, BUNDLE, again=True, **URLS) == once
    with pytest.raises(MaterialChanged):  # only where asked: elsewhere, "already changed" is "Material changed"
        apply_patches(once, BUNDLE, **URLS)


def test_base_html_is_patched_as_jinja_loads_it_and_still_renders():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(MATERIAL_TEMPLATES)]))
    patch_material_templates(env)
    assert isinstance(env.loader, MaterialPatchingLoader)
    source = env.loader.get_source(env, BASE_HTML)[0]
    assert source == apply_patches(installed(BASE_HTML), BASE_HTML)
    assert 'autocomplete="off">' not in source.split("<body", 1)[1].split("<label", 1)[0]
    env.parse(source)  # the patched template is still valid Jinja
    # A template with the inserted block of Jinja renders the marker only when a page asks for it.
    body = next(p for p in PATCHES if p.name == "body-section")
    template = env.from_string(body.apply('<body dir="{{ direction }}">\n<body dir="{{ direction }}">'))
    assert template.render(direction="ltr").splitlines()[0] == '<body dir="ltr">'
    assert template.render(direction="ltr", changwat_section="a&b").splitlines()[0] == \
        '<body data-changwat-section="a&amp;b" dir="ltr">'


def test_a_sites_own_base_html_is_not_patched(tmp_path):
    (tmp_path / "base.html").write_text('<input class="md-toggle" data-md-toggle="drawer" autocomplete="off">')
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(tmp_path), str(MATERIAL_TEMPLATES)]))
    patch_material_templates(env)
    assert env.loader.get_source(env, BASE_HTML)[0] == (tmp_path / "base.html").read_text()


def test_other_plugins_still_add_folders_to_the_patched_loader(tmp_path):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(MATERIAL_TEMPLATES)]))
    patch_material_templates(env)
    (tmp_path / "snippet.html").write_text("snippet")
    env.loader.searchpath.append(str(tmp_path))  # as changwat-participation does with the service's snippets
    assert env.get_template("snippet.html").render() == "snippet"


@pytest.mark.parametrize("override", OVERRIDES, ids=lambda override: override.file)
def test_material_still_has_the_partial_each_override_was_copied_from(override):
    assert material_sha256(override.file) == override.sha256, (
        f"Material {version('mkdocs-material')} changed {override.file}: copy it again into overrides/, keep the "
        f"lines marked Changwat:, and record its new sha256 in compat.py")


@pytest.mark.parametrize("override", OVERRIDES, ids=lambda override: override.file)
def test_each_override_names_the_material_version_it_was_copied_from(override):
    first_line = (OVERRIDE_DIR / override.file).read_text(encoding="utf-8").splitlines()[0]
    assert re.search(rf"Material for MkDocs {re.escape(override.material)}\b.*{re.escape(override.file)}", first_line)


def test_every_partial_that_takes_the_place_of_materials_is_recorded():
    shadowing = {str(path.relative_to(OVERRIDE_DIR)) for path in (OVERRIDE_DIR / "partials").rglob("*.html")
                 if (MATERIAL_TEMPLATES / path.relative_to(OVERRIDE_DIR)).exists()}
    assert shadowing == {override.file for override in OVERRIDES}


def test_the_patched_bundle_names_no_cdn():
    bundle = installed(BUNDLE)
    assert "unpkg.com" in bundle  # what Material ships
    patched = apply_patches(bundle, BUNDLE, **URLS)
    assert "unpkg.com" not in patched and f'_t("{MERMAID_URL}")' in patched


@pytest.mark.parametrize("dest_uri, without_search, with_search", [
    ("assets/javascripts/bundle.a5f9d56c.min.js.map", True, True),
    ("assets/stylesheets/main.57a0d79d.min.css.map", True, True),
    ("assets/javascripts/workers/search.a7633da7.min.js", True, False),
    ("assets/javascripts/lunr/min/lunr.th.min.js", True, False),
    ("assets/javascripts/lunr/wordcut.js", True, False),
    ("assets/javascripts/bundle.a5f9d56c.min.js", False, False),
    ("assets/stylesheets/main.57a0d79d.min.css", False, False),
    ("assets/changwat/search/search.js", False, False),
    ("search/th/manifest.json", False, False),
    ("maps/index.html", False, False),
])
def test_materials_unused_files_are_left_out_unless_its_search_is_on(dest_uri, without_search, with_search):
    assert unused_material_file(dest_uri, material_search=False) is without_search
    assert unused_material_file(dest_uri, material_search=True) is with_search


def test_material_still_ships_the_files_the_kit_leaves_out():
    # Named by pattern: if Material renames them, the pattern (and this test) must follow.
    shipped = [p.relative_to(MATERIAL_TEMPLATES).as_posix() for p in MATERIAL_TEMPLATES.rglob("*") if p.is_file()]
    left_out = [uri for uri in shipped if unused_material_file(uri, material_search=False)]
    assert any(uri.startswith("assets/javascripts/workers/search.") for uri in left_out)
    assert any(uri.startswith("assets/javascripts/lunr/min/") for uri in left_out)
    assert any(uri.endswith(".min.js.map") for uri in left_out)
    assert not any(uri.endswith((".html", ".min.css")) or "/bundle." in uri and uri.endswith(".js") for uri in left_out)
