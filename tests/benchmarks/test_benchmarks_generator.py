"""The benchmark's synthetic site: realistic, valid for Changwat's own checks, and the same for the same seed.

No timing here: `make bench` measures; these tests only make sure it measures the right thing.
"""

from __future__ import annotations

import random
import re

import yaml

from benchmarks import prose, synthetic
from changwat.core.front_matter import split_front_matter
from changwat.sections.items import SUMMARY_LIMIT, parse_item, section_of
from changwat.content_lint.lint import lint_markdown

THAI = re.compile(r"[\u0e01-\u0e5b]")


def test_thai_prose_is_thai_about_the_asked_length():
    rng = random.Random(1)
    text = prose.body(rng, "th", words=400)
    thai_chars = len(THAI.findall(text))
    assert thai_chars > 0.8 * len(re.sub(r"[\s|#\-0-9.:–()]", "", text))
    # About 400 words: Thai words average 4–6 characters.
    assert 1200 < thai_chars < 4000
    assert "## " in text or len(text.split("\n\n")) > 3


def test_english_prose_counts_words():
    words = len(prose.body(random.Random(2), "en", words=400).split())
    assert 300 < words < 700


def test_summaries_fit_changwats_limit():
    rng = random.Random(3)
    for lang in ("th", "en"):
        assert all(0 < len(prose.summary(rng, lang)) <= SUMMARY_LIMIT for _ in range(300))


def test_item_plan_splits_sections_and_counts_exactly():
    plan = synthetic.item_plan(1000)
    assert len(plan) == 1000
    counts = {name: sum(1 for s, _ in plan if s == name) for name in ("news", "announcements", "procurement")}
    assert counts == {"news": 800, "announcements": 100, "procurement": 100}


def test_dates_fall_in_office_hours_and_get_older():
    dates = [synthetic.item_date("news", n) for n in range(1, 50)]
    assert dates == sorted(dates, reverse=True)
    assert all(8 <= d.hour <= 16 for d in dates)


def test_generated_site_passes_changwats_item_checks_and_lint(tmp_path):
    site = synthetic.generate(tmp_path / "s", len(synthetic.real_pages("th")) + 20, "http://127.0.0.1:9/")
    docs = site.folder / "docs"
    assert site.items_per_language == 20
    for lang in ("th", "en"):
        assert len(list((docs / lang).rglob("*.md"))) == site.pages_per_language
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        source = path.read_text(encoding="utf-8")
        assert lint_markdown(source, rel, docs) == [], rel
        found = section_of(rel, ["th", "en"])
        if found:
            meta, _ = split_front_matter(source)
            item, problems = parse_item(source, meta, rel, found[0], found[1], docs)
            assert item and not problems, (rel, problems)
    # Twins: every item exists in both languages under the same name.
    th = {p.relative_to(docs / "th") for p in (docs / "th").rglob("*.md")}
    assert th == {p.relative_to(docs / "en") for p in (docs / "en").rglob("*.md")}


def test_same_seed_same_site_and_small_site_is_a_prefix(tmp_path):
    small = synthetic.generate(tmp_path / "a", len(synthetic.real_pages("th")) + 10, "http://127.0.0.1:9/")
    large = synthetic.generate(tmp_path / "b", len(synthetic.real_pages("th")) + 30, "http://127.0.0.1:9/")
    for path in (small.folder / "docs").rglob("*.md"):
        twin = large.folder / "docs" / path.relative_to(small.folder / "docs")
        assert twin.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_changwat_config_inherits_the_real_one(tmp_path):
    site = synthetic.generate(tmp_path / "s", len(synthetic.real_pages("th")) + 12, "http://127.0.0.1:9/")
    changwat = yaml.safe_load(site.changwat_config.read_text(encoding="utf-8"))
    assert changwat["INHERIT"] == str(synthetic.ROOT / "mkdocs.yml")
    assert changwat["docs_dir"] == "docs" and changwat["site_url"] == "http://127.0.0.1:9/"
