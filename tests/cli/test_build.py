"""The strict build, and what it does with a web officer's mistakes."""

from __future__ import annotations

from conftest import mkdocs_build


def test_minisite_builds_both_languages(minisite, tmp_path):
    site = tmp_path / "out"
    result = mkdocs_build(minisite, site)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    assert '<html lang="th"' in (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "en" / "404.html").read_text(encoding="utf-8")


def test_failed_build_leaves_previous_site_untouched(minisite, tmp_path):
    site = tmp_path / "out"
    assert mkdocs_build(minisite, site).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    broken = minisite.parent / "docs" / "th" / "index.md"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n![](../assets/missing.png)\n", encoding="utf-8")
    result = mkdocs_build(minisite, site)

    assert result.returncode != 0
    assert "docs/th/index.md:" in result.stderr and "alt" in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".out.*")), "the staging folder must be cleaned up"


def test_page_without_translation_fails_naming_both_files(minisite, tmp_path):
    extra = minisite.parent / "docs" / "th" / "news" / "2026-11-21-only-thai.md"
    extra.write_text("---\ntitle: ข่าว\ndate: 2026-11-21\nsummary: สรุป\ncategory: events\n---\n\nเนื้อหา\n",
                     encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/th/news/2026-11-21-only-thai.md" in result.stderr
    assert "docs/en/news/2026-11-21-only-thai.md" in result.stderr
    assert "English" in result.stderr and "ภาษาอังกฤษ" in result.stderr


def test_bad_item_front_matter_names_file_and_field(minisite, tmp_path):
    for lang in ("th", "en"):
        item = minisite.parent / "docs" / lang / "news" / "2026-11-22-bad.md"
        item.write_text("---\ntitle: x\ndate: 22/11/2569\nsummary: s\ncategory: gossip\n"
                        "image: ../../assets/favicon.svg\n---\n\nbody\n", encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode != 0
    for field in ("(date)", "(category)", "(image)"):
        assert f"docs/th/news/2026-11-22-bad.md:" in result.stderr
        assert field in result.stderr
    assert "22/11/2569" in result.stderr


def test_unknown_office_placeholder_is_reported_with_its_line(minisite, tmp_path):
    page = minisite.parent / "docs" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nCall {{ office.telephone }}\n", encoding="utf-8")
    result = mkdocs_build(minisite, tmp_path / "out")
    assert result.returncode != 0
    lines = page.read_text(encoding="utf-8").splitlines()
    expected_line = next(i for i, text in enumerate(lines, start=1) if "office.telephone" in text)
    assert f"docs/en/index.md:{expected_line} (office.telephone)" in result.stderr
