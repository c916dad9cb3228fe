"""Front matter MkDocs would publish as text (or crash on) is a FrontMatterError with the file's line."""

import datetime as dt

import pytest

from changwat.core.front_matter import FrontMatterError, split_front_matter


def test_an_impossible_date_stays_text_for_the_date_check_to_name():
    meta, body = split_front_matter("---\ndate: 2026-13-45\nupdated: 2026-11-30\n---\n\nbody\n")
    assert meta == {"date": "2026-13-45", "updated": dt.date(2026, 11, 30)} and body == "\nbody\n"


@pytest.mark.parametrize("source, line", [
    ('---\ntitle: ok\ndescription: "unclosed\nx: 1\n---\n', 3),   # the line where the quote opens
    ("---\n- a list\n---\n", 2),
    ("---\ntitle: never closed\n\n# Heading\n", 1),
    ("---\n*undefined\n---\n", 2),
])
def test_front_matter_mkdocs_would_show_as_text_is_an_error_with_its_line(source, line):
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(source)
    assert caught.value.line == line
    problem = caught.value.problem("docs/th/a.md")
    assert problem.where() == f"docs/th/a.md:{line} (front matter)" and "---" in problem.what_th


def test_no_front_matter_and_empty_front_matter():
    assert split_front_matter("# Title\n") == ({}, "# Title\n")
    assert split_front_matter("---\n\n---\ntext\n") == ({}, "text\n")
