"""The preview's incremental build (cli/incremental.py): after an edit, the site folder is byte for byte what a
full build of the edited pages makes, while only the pages the edit touched are written again.

One preview of the sample site with a few dated items (a git repository, as a real site is) goes through a series
of edits. After each, the preview's site folder is copied, then the preview is made to forget and build in full:
the two folders must be equal, every file of them (pages, lists, feeds, sitemap, search index)."""

from __future__ import annotations

import logging
import re
import shutil
import socket
from pathlib import Path

import pytest

from benchmarks.synthetic import generate
from changwat.cli.serve import Preview
from changwat.cli import incremental


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Session:
    def __init__(self, root: Path):
        self.site = generate(root / "site", 150, "http://127.0.0.1/").folder
        self.config = self.site / "changwat.yml"
        self.preview = Preview(self.config, "127.0.0.1", free_port())
        self.site_dir = Path(self.preview.site_dir)
        self.copies = root / "copies"

    def build(self) -> None:
        self.preview.build()
        assert self.preview.server.problems is None, self.preview.server.problems

    def incremental(self, caplog) -> tuple[list[str], dict[str, bytes]]:
        """Build after an edit; what was written again, and the site folder as the incremental build left it."""
        caplog.clear()
        self.build()
        said = " ".join(r.getMessage() for r in caplog.records if r.name == "mkdocs.changwat.preview")
        assert "Building the whole site" not in said, said
        return list(self.preview.memory.rendered), tree(self.site_dir)

    def full(self) -> dict[str, bytes]:
        self.preview.memory.forget()
        self.build()
        return tree(self.site_dir)

    def item(self, lang: str) -> Path:
        return sorted((self.site / "docs" / lang / "news").glob("20*.md"))[-1]

    def close(self) -> None:
        self.preview.server.server_close()
        shutil.rmtree(self.site_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    s = Session(tmp_path_factory.mktemp("incremental"))
    s.build()
    yield s
    s.close()


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.fixture(autouse=True)
def _log(caplog):
    caplog.set_level(logging.INFO, logger="mkdocs")


def test_body_edit_writes_one_page_and_equals_full_build(session, caplog):
    page = session.item("th")
    english = {p: p.stat().st_mtime_ns for p in (session.site_dir / "en").rglob("*") if p.is_file()}
    page.write_text(page.read_text(encoding="utf-8") + "\nย่อหน้าใหม่ที่เพิ่มระหว่างแสดงตัวอย่าง รหัส Ratchaphruek2569\n",
                    encoding="utf-8")
    rendered, after_edit = session.incremental(caplog)
    assert rendered == [f"th:{page.relative_to(session.site / 'docs').as_posix()}"]
    # The English site was not built again: not one of its files was written.
    assert {p: p.stat().st_mtime_ns for p in english} == english
    assert differences(after_edit, session.full()) == []
    # The edit is in the page and in its language's search index.
    assert any("ratchaphruek2569" in data.decode("utf-8")
               for name, data in after_edit.items() if name.startswith("search/th/"))


def test_title_edit_writes_its_language_again_and_equals_full_build(session, caplog):
    page = session.item("th")
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^title: (.*)$", r"title: ฉบับแก้ไข \1", text, count=1, flags=re.M), encoding="utf-8")
    rendered, after_edit = session.incremental(caplog)
    # Its title is in lists, and menus or breadcrumbs could show it: every Thai page, no English one.
    assert len(rendered) > 100 and all(r.startswith("th:") for r in rendered)
    assert differences(after_edit, session.full()) == []


def test_date_edit_of_both_twins_moves_the_item_in_its_lists(session, caplog):
    pages = [session.item("th"), session.item("en")]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"^date: (\d{4})", lambda m: f"date: {int(m.group(1)) - 3}", text, count=1,
                               flags=re.M), encoding="utf-8")
    rendered, after_edit = session.incremental(caplog)
    for lang in ("th", "en"):
        # The item, its section's list pages and the home page's latest news; not the other pages.
        assert f"{lang}:{lang}/index.md" in rendered
        assert f"{lang}:{lang}/news/index.md" in rendered
        assert len([r for r in rendered if r.startswith(f"{lang}:")]) < 30
    assert differences(after_edit, session.full()) == []


def test_a_draft_or_a_new_page_builds_the_whole_site(session, caplog):
    page = session.item("th")
    twin = session.site / "docs" / "en" / page.relative_to(session.site / "docs" / "th")
    for p in (page, twin):
        p.write_text(p.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    caplog.clear()
    session.build()
    said = " ".join(r.getMessage() for r in caplog.records if r.name == "mkdocs.changwat.preview")
    assert "Building the whole site: the published pages changed (a draft)" in said
    assert not (session.site_dir / page.relative_to(session.site / "docs").with_suffix("")).exists()
    after = tree(session.site_dir)
    assert differences(after, session.full()) == []

    (session.site / "docs" / "th" / "about" / "new-page.md").write_text("# หน้าใหม่\n", encoding="utf-8")
    caplog.clear()
    session.preview.build()
    said = " ".join(r.getMessage() for r in caplog.records if r.name == "mkdocs.changwat.preview")
    assert "Building the whole site: a page was added (th/about/new-page.md)" in said
    (session.site / "docs" / "th" / "about" / "new-page.md").unlink()


def test_data_or_configuration_change_builds_the_whole_site(session, caplog):
    session.build()  # from the last test's removal of the new page
    office = session.site / "data" / "office.yml"
    office.write_text(office.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    caplog.clear()
    session.build()
    said = " ".join(r.getMessage() for r in caplog.records if r.name == "mkdocs.changwat.preview")
    assert f"Building the whole site: {office} changed" in said


def test_every_page_context_key_of_the_kit_is_known():
    """A plugin that puts another page's facts into a page's context must be listed, or an edit of that other page
    would leave the page stale in the preview: each key the kit's plugins set is in one of the two lists."""
    plugins = Path(incremental.__file__).parents[1]
    keys = {m.group(1) for path in plugins.rglob("*.py")
            for m in re.finditer(r'context\["(changwat_\w+)"\]', path.read_text(encoding="utf-8"))}
    assert len(keys) > 10
    assert keys <= incremental.SHOWS_OTHER_PAGES | incremental.SHOWS_ITSELF, sorted(
        keys - incremental.SHOWS_OTHER_PAGES - incremental.SHOWS_ITSELF)
    assert not incremental.SHOWS_OTHER_PAGES & incremental.SHOWS_ITSELF


def test_the_patched_code_is_what_it_was_written_against():
    """MkDocs' build and mkdocs-static-i18n's language loop, as the incremental build replaces and relies on them:
    an upgrade that changes them fails here (re-read cli/incremental.py, then record the new sha256)."""
    assert incremental.patched_sources() == incremental.PATCHED
