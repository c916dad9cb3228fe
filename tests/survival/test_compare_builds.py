"""The comparison of two builds: what it must catch, and the little it must let through."""

from __future__ import annotations

import gzip
from pathlib import Path

from changwat.checks.compare_builds import compare, main, report

PAGE = '<html lang="th"><head>{generator}<title>หน้าแรก</title></head><body><p>{body}</p></body></html>\n'
SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset>\n'
           '    <url>\n        <loc>{loc}</loc>\n        <lastmod>{day}</lastmod>\n    </url>\n</urlset>\n')


def write_site(root: Path, *, body="สวัสดี", day="2026-11-30", loc="https://example.go.th/",
               generator="", gzip_mtime=0) -> Path:
    (root / "en").mkdir(parents=True)
    (root / "index.html").write_text(PAGE.format(generator=generator, body=body), encoding="utf-8")
    (root / "en" / "index.html").write_text(PAGE.format(generator="", body="Hello"), encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    sitemap = SITEMAP.format(loc=loc, day=day).encode("utf-8")
    (root / "sitemap.xml").write_bytes(sitemap)
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap, mtime=gzip_mtime))
    return root


def test_equal_folders_are_the_same_site(tmp_path):
    a, b = write_site(tmp_path / "a"), write_site(tmp_path / "b")
    result = compare(a, b)
    assert result.identical
    assert result.same == 5
    assert "are the same site (5 files" in report(result, a, b)


def test_a_file_missing_from_one_build_is_named(tmp_path):
    a, b = write_site(tmp_path / "a"), write_site(tmp_path / "b")
    (b / "en" / "index.html").unlink()
    (b / "extra.js").write_text("x", encoding="utf-8")
    result = compare(a, b)
    assert not result.identical
    assert result.only_in_a == ["en/index.html"]
    assert result.only_in_b == ["extra.js"]
    text = report(result, a, b)
    assert f"only in {a}:\n    en/index.html" in text and f"only in {b}:\n    extra.js" in text


def test_a_differing_page_is_named_with_the_difference(tmp_path):
    a, b = write_site(tmp_path / "a"), write_site(tmp_path / "b", body="สวัสดีครับ")
    result = compare(a, b)
    assert list(result.differing) == ["index.html"]
    description = result.differing["index.html"]
    assert "line 1" in description
    assert "- " in description and "+ " in description and "สวัสดีครับ" in description
    text = report(result, a, b)
    assert "The two builds of the same sources differ" in text and "index.html: first difference" in text


def test_a_differing_binary_file_is_named(tmp_path):
    a, b = write_site(tmp_path / "a"), write_site(tmp_path / "b")
    (b / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xfe\xfe")
    assert compare(a, b).differing == {"logo.png": "binary content differs (10 vs 11 bytes)"}


def test_build_dates_and_generator_name_legitimately_differ(tmp_path):
    # Two builds either side of midnight, one by MkDocs and one by ProperDocs, with Material's generator tag.
    a = write_site(tmp_path / "a", day="2026-11-30", gzip_mtime=1_764_460_800,
                   generator='<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">')
    b = write_site(tmp_path / "b", day="2026-12-01", gzip_mtime=1_764_547_200,
                   generator='<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">')
    assert (a / "sitemap.xml.gz").read_bytes() != (b / "sitemap.xml.gz").read_bytes()
    result = compare(a, b)
    assert result.identical, report(result, a, b)


RSS = ('<rss version="2.0"><channel><title>ข่าว</title>{items}'
       '<lastBuildDate>{built}</lastBuildDate></channel></rss>\n')
RSS_ITEM = "<item><title>x</title><pubDate>{date}</pubDate></item>"
ATOM = ('<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:x</id><updated>{built}</updated>{entries}</feed>\n')
ATOM_ENTRY = "<entry><id>tag:x/1</id><updated>{date}</updated></entry>"


def write_feeds(root: Path, *, built: str, item_date: str | None) -> Path:
    root.mkdir(parents=True)
    (root / "rss.xml").write_text(RSS.format(
        built=built, items=RSS_ITEM.format(date=item_date) if item_date else ""), encoding="utf-8")
    (root / "atom.xml").write_text(ATOM.format(
        built=built, entries=ATOM_ENTRY.format(date=item_date) if item_date else ""), encoding="utf-8")
    return root


def test_feeds_are_compared_whole(tmp_path):
    # The kit dates every feed from its items (a fixed date when it has none): a feed dated at build time is a bug.
    a = write_feeds(tmp_path / "a", built="Mon, 30 Nov 2026 13:31:49 +0000", item_date=None)
    b = write_feeds(tmp_path / "b", built="Mon, 30 Nov 2026 13:31:59 +0000", item_date=None)
    assert sorted(compare(a, b).differing) == ["atom.xml", "rss.xml"]


def test_a_feed_items_date_still_counts(tmp_path):
    a = write_feeds(tmp_path / "a", built="2026-11-20", item_date="2026-11-20")
    b = write_feeds(tmp_path / "b", built="2026-11-20", item_date="2026-11-21")
    assert sorted(compare(a, b).differing) == ["atom.xml", "rss.xml"]


def test_normalising_hides_nothing_else_in_those_files(tmp_path):
    a = write_site(tmp_path / "a")
    b = write_site(tmp_path / "b", loc="https://example.go.th/en/", day="2026-12-01",
                   generator='<meta name="generator" content="x"><meta name="robots" content="noindex">')
    result = compare(a, b)
    assert sorted(result.differing) == ["index.html", "sitemap.xml", "sitemap.xml.gz"]
    assert "/en/" in result.differing["sitemap.xml.gz"]


def test_command_line_exit_codes(tmp_path, capsys):
    a, b = write_site(tmp_path / "a"), write_site(tmp_path / "b")
    assert main(["--compare", str(a), str(b)]) == 0
    (b / "index.html").write_text("changed", encoding="utf-8")
    assert main(["--compare", str(a), str(b)]) == 1
    assert "index.html: first difference at line 1, column 1" in capsys.readouterr().out
