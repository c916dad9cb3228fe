"""The built sample site ships only what a browser may load from it: no source maps, no Material search files
the kit does not use, and no file naming a third-party host a browser would fetch (issue #15)."""

from __future__ import annotations

from changwat.checks import privacy
from changwat.checks.site import Site, read_site_url
from changwat.site.compat import MERMAID_ABSENT
from conftest import ROOT


def test_no_source_maps_or_materials_search_files(built_site):
    files = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()]
    assert [f for f in files if f.endswith(".map")] == []
    assert [f for f in files if f.startswith(("assets/javascripts/workers/", "assets/javascripts/lunr/"))] == []
    # The kit's own search is still there, and Material's bundle too.
    assert {"assets/changwat/search/search.js", "search/th/manifest.json", "search/en/manifest.json"} <= set(files)
    assert any(f.startswith("assets/javascripts/bundle.") for f in files)


def test_no_built_file_names_unpkg(built_site):
    naming = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
              if p.is_file() and b"unpkg.com" in p.read_bytes()]
    assert naming == []
    [bundle] = built_site.glob("assets/javascripts/bundle.*.min.js")
    # Material's Mermaid loader now points at the site's own address, a file the site does not have.
    assert f'"/{MERMAID_ABSENT}"' in bundle.read_text(encoding="utf-8")
    assert not (built_site / MERMAID_ABSENT).exists()


def test_the_privacy_check_reads_every_file_of_the_built_site_and_finds_nothing(built_site):
    result = privacy.run(Site(built_site, read_site_url(ROOT / "mkdocs.yml")))
    assert result.findings == []
    assert f"read {sum(1 for p in built_site.rglob('*') if p.is_file())} files" in result.notes[0]
