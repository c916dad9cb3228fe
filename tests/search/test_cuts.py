"""The Thai word cuts kept with the content (search-cuts/, one file per page): reused as cut, dropped when stale or
broken, pruned by a full build only, stable from one build to the next."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from changwat.search import cuts, segment
from changwat.search.segment import BOUNDARY, THAI_RUN
from conftest import ROOT, mkdocs_build, write_minisite

CUTS = Path("search-cuts")
HOME = CUTS / "th" / "index.tsv"  # the cuts of docs/th/index.md
SAMPLE_TEXT = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs" / "th").rglob("*.md")))


def _fresh(monkeypatch) -> None:
    monkeypatch.setattr(segment, "_CACHE", {})


def test_marking_with_the_sample_cut_file_equals_marking_without(monkeypatch):
    _fresh(monkeypatch)
    cold = segment.mark_words(SAMPLE_TEXT)
    cut_now = dict(segment._CACHE)
    text = cuts.render(segment.signature(), cut_now, BOUNDARY)
    _fresh(monkeypatch)
    loaded = cuts.parse(text, segment.signature(), BOUNDARY, "th.tsv")
    assert loaded.message == "" and loaded.cuts == cut_now
    # Every run must come from the file: a cutter that is never called proves the file alone gives the marks.
    monkeypatch.setattr(segment, "_cutter", lambda: (_ for _ in ()).throw(AssertionError("cut again")))
    segment.remember(loaded.cuts)
    assert segment.mark_words(SAMPLE_TEXT) == cold
    assert BOUNDARY in cold


def test_committed_sample_files_give_the_cuts_of_the_cutter(monkeypatch):
    found, messages = cuts.Folder(ROOT / CUTS, str(CUTS), segment.signature(), BOUNDARY).load()
    assert messages == [], "search-cuts/ was written by another cutter: build the site and commit it"
    assert len(found) > 1000 and (ROOT / HOME).is_file()
    _fresh(monkeypatch)
    sample = {run: segment.mark_words(run) for run in sorted(found)[::40]}
    assert sample == {run: found[run] for run in sample}


def test_offsets_round_trip_and_a_one_word_run_has_none():
    marked = BOUNDARY.join(["ศูนย์", "ดำรง", "ธรรม"])
    assert cuts.encode(marked, BOUNDARY) == "5,9"
    assert cuts.decode("ศูนย์ดำรงธรรม", "5,9", BOUNDARY) == marked
    assert cuts.encode("จังหวัด", BOUNDARY) == "" and cuts.decode("จังหวัด", "", BOUNDARY) == "จังหวัด"
    long_run = "ก" * 100
    assert cuts.decode(long_run, cuts.encode(long_run[:40] + BOUNDARY + long_run[40:], BOUNDARY), BOUNDARY) \
        == long_run[:40] + BOUNDARY + long_run[40:]


def test_another_cutter_or_word_list_drops_the_file():
    text = cuts.render("engine=newmm pythainlp=5.4.0 dict=aaaa", {"ศูนย์ดำรงธรรม": "ศูนย์\u200bดำรง\u200bธรรม"},
                       BOUNDARY)
    same = cuts.parse(text, "engine=newmm pythainlp=5.4.0 dict=aaaa", BOUNDARY, "th.tsv")
    assert same.cuts and not same.message
    for other in ("engine=newmm pythainlp=5.4.0 dict=bbbb", "engine=newmm pythainlp=5.5.0 dict=aaaa",
                  "engine=nlpo3-1.4.0 pythainlp=5.4.0 dict=aaaa"):
        dropped = cuts.parse(text, other, BOUNDARY, "th.tsv")
        assert dropped.cuts == {} and "another word cutter" in dropped.message and not dropped.broken


def test_broken_files_are_dropped_with_the_line_and_why():
    header = "#changwat-cuts v1 x=1\n"
    cases = {
        "<<<<<<< HEAD\n": "git merge conflict", "กข\t1\nกข\t1\n": "listed twice", "กข\t2\n": "outside the run",
        "abc\t\n": "not 'Thai run", "กขค\t2,1\n": "out of order",
    }
    for body, why in cases.items():
        loaded = cuts.parse(header + body, "x=1", BOUNDARY, "search-cuts/th.tsv")
        assert loaded.broken and loaded.cuts == {}, body
        assert why in loaded.message and "search-cuts/th.tsv" in loaded.message and "บรรทัด" in loaded.message
    assert cuts.parse("no header\n", "x=1", BOUNDARY, "f").broken
    assert cuts.parse("", "x=1", BOUNDARY, "f") == cuts.Loaded({})  # make bench's empty file: cold, no message


def _built(config: Path, site: Path) -> str:
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_new_site_gets_its_files_and_a_removed_run_or_page_leaves_them_after_a_full_build(tmp_path):
    config = write_minisite(tmp_path / "office")
    folder = config.parent / CUTS
    assert not folder.exists()
    _built(config, tmp_path / "site1")
    first = _files(folder)
    assert "th/index.tsv" in first and "th/news/2026-11-20-flood-relief.tsv" in first
    page = config.parent / "docs" / "th" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nกระจ้อยร่อยสำรวจหอยนางรมทะเลสาบ\n", encoding="utf-8")
    _built(config, tmp_path / "site2")
    assert "กระจ้อยร่อยสำรวจหอยนางรมทะเลสาบ\t" in (folder / "th" / "index.tsv").read_text(encoding="utf-8")
    assert _files(folder).keys() == first.keys()
    page.write_text(page.read_text(encoding="utf-8").replace("กระจ้อยร่อยสำรวจหอยนางรมทะเลสาบ", ""),
                    encoding="utf-8")
    _built(config, tmp_path / "site3")
    assert _files(folder) == first
    for lang in ("th", "en"):  # a page deleted (with its twin): its file goes, and its folder when empty
        (config.parent / "docs" / lang / "news" / "2026-11-20-flood-relief.md").unlink()
    _built(config, tmp_path / "site4")
    assert not (folder / "th" / "news" / "2026-11-20-flood-relief.tsv").exists()
    assert (folder / "th" / "index.tsv").read_bytes() == first["th/index.tsv"]


# The preview's way in: plugins get on_startup(command="serve") (cli/serve.py), then one or more builds.
PREVIEW = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
"""


def test_a_preview_build_writes_its_pages_files_but_never_removes_one(tmp_path):
    config = write_minisite(tmp_path / "office")
    gone = config.parent / CUTS / "th" / "gone.tsv"  # the file of a page no longer there
    gone.parent.mkdir(parents=True)
    gone.write_text(f"{cuts.MAGIC} {segment.signature()}\nกระจ้อยร่อยสำรวจหอยนางรม\t\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", PREVIEW, str(config), str(tmp_path / "preview")],
                            capture_output=True, text=True, cwd=config.parent)
    assert result.returncode == 0, result.stderr
    assert gone.exists() and "ยินดีต้อนรับ\t" in (config.parent / HOME).read_text(encoding="utf-8")
    _built(config, tmp_path / "site")
    assert not gone.exists() and (config.parent / HOME).exists()


def test_two_builds_write_byte_identical_sorted_files(tmp_path):
    built = []
    for name in ("a", "b"):
        config = write_minisite(tmp_path / name)
        _built(config, tmp_path / f"site-{name}")
        built.append(_files(config.parent / CUTS))
    assert built[0] == built[1] and len(built[0]) >= 3
    for text in built[0].values():
        runs = [line.split(b"\t")[0].decode() for line in text.splitlines()[1:]]
        assert runs == sorted(runs) and all(THAI_RUN.fullmatch(r) for r in runs) and runs


def test_a_merge_conflicted_file_is_said_and_written_anew_without_failing_the_build(tmp_path):
    config = write_minisite(tmp_path / "office")
    _built(config, tmp_path / "site1")
    cut_file = config.parent / HOME
    good = cut_file.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    cut_file.write_text("".join([*lines[:3], "<<<<<<< HEAD\n", lines[3], "=======\n", lines[3], ">>>>>>> other\n",
                                 *lines[4:]]), encoding="utf-8")
    said = _built(config, tmp_path / "site2")
    assert "git merge conflict" in said and "คำเตือน" in said and "Warning" in said and "line 4" in said
    assert "search-cuts/th/index.tsv" in said
    assert cut_file.read_text(encoding="utf-8") == good


def test_unchanged_content_leaves_the_files_untouched(tmp_path):
    config = write_minisite(tmp_path / "office")
    _built(config, tmp_path / "site1")
    folder = config.parent / CUTS
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*.tsv")}
    _built(config, tmp_path / "site2")
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*.tsv")} == before and before


def test_the_browser_editor_offers_no_cut_file(tmp_path):
    from changwat.editor.cli import write_admin

    admin = write_admin(tmp_path / "admin", ROOT / "mkdocs.yml", "decap/")
    cms = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    places = [cms["media_folder"]]
    for collection in cms["collections"]:
        places += [collection.get("folder", ""), *(f["file"] for f in collection.get("files", []))]
    assert places and all(p.lstrip("/").startswith(("docs/", "data/")) for p in places if p), places
    assert "search-cuts" not in (admin / "config.yml").read_text(encoding="utf-8")



def test_a_file_from_another_pythainlp_is_not_used_by_the_build(tmp_path):
    config = write_minisite(tmp_path / "office")
    cut_file = config.parent / HOME
    cut_file.parent.mkdir(parents=True)
    stale = segment.signature().replace("pythainlp=", "pythainlp=0.")
    # A wrong cut of a run the home page has: were the file used, the index would carry it.
    cut_file.write_text(f"{cuts.MAGIC} {stale}\nยินดีต้อนรับ\t1\n", encoding="utf-8")
    said = _built(config, tmp_path / "site")
    assert "another word cutter" in said
    # The file is written from the cuts the index was built with: the run was cut again, rightly.
    written = cut_file.read_text(encoding="utf-8")
    right = cuts.encode(segment.mark_words("ยินดีต้อนรับ"), BOUNDARY)
    assert written.startswith(f"{cuts.MAGIC} {segment.signature()}\n") and f"\nยินดีต้อนรับ\t{right}\n" in written
    assert right != "1"


def test_a_cutter_that_cuts_wrongly_stops_at_its_first_cut(monkeypatch):
    _fresh(monkeypatch)
    segment._cutter.cache_clear()
    monkeypatch.setattr(segment, "_tokenizer", lambda: lambda run: [run])  # a broken install: nothing is cut
    try:
        assert segment.mark_words("abc") == "abc"  # no Thai: nothing to cut, nothing checked
        with pytest.raises(segment.SegmenterUnavailable, match="known phrase"):
            segment.mark_words("ศูนย์ดำรงธรรม")
    finally:
        segment._cutter.cache_clear()
