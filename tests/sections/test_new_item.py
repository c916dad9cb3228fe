import datetime as dt

import pytest

from changwat.core.thai_dates import BANGKOK
from changwat.core.front_matter import split_front_matter
from changwat.sections.new_item import create
from changwat.sections.items import parse_item


def test_new_item_in_both_languages_passes_validation(tmp_path):
    now = dt.datetime(2026, 11, 24, 10, 15, tzinfo=BANGKOK)
    paths = create(tmp_path, "procurement", "road-repair", now)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "th/procurement/2026-11-24-road-repair.md", "en/procurement/2026-11-24-road-repair.md"]
    for path, lang in zip(paths, ("th", "en")):
        source = path.read_text(encoding="utf-8")
        meta, _ = split_front_matter(source)
        item, problems = parse_item(source, meta, path.relative_to(tmp_path).as_posix(), "procurement", lang, tmp_path)
        assert problems == [] and item.published == now


def test_new_item_refuses_to_overwrite_or_bad_names(tmp_path):
    create(tmp_path, "news", "fair")
    with pytest.raises(SystemExit, match="Already there"):
        create(tmp_path, "news", "fair")
    with pytest.raises(SystemExit, match="lowercase"):
        create(tmp_path, "news", "ข่าว")
    with pytest.raises(SystemExit, match="Unknown section"):
        create(tmp_path, "blog", "x")


def test_a_new_item_is_a_draft_until_its_draft_line_is_deleted(tmp_path):
    from changwat.content_lint.check import check_docs
    from changwat.core.languages import Languages

    paths = create(tmp_path, "news", "bags", dt.datetime(2026, 11, 24, 10, 15, tzinfo=BANGKOK))
    assert all("\ndraft: true\n" in p.read_text(encoding="utf-8") for p in paths)
    assert check_docs(tmp_path, Languages(codes=("th", "en"))) == []       # a draft is not checked
    for path in paths:
        path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    problems = check_docs(tmp_path, Languages(codes=("th", "en")))
    assert {p.where() for p in problems} == {f"docs/{lang}/news/2026-11-24-bags.md:{line}"
                                             for lang in ("th", "en") for line in (3, 5, 11)}
