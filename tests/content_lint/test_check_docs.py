"""check_docs: every file of every language in one round, with file and line; anchors as MkDocs' toc makes them."""

from pathlib import Path

from changwat.content_lint.check import check_docs, nav_pages
from changwat.content_lint.lint import lint_markdown
from changwat.content_lint.targets import Targets
from changwat.core.languages import Languages

LANGS = Languages(codes=("th", "en"))
ITEM = "---\ntitle: {title}\ndate: {date}\nsummary: s\ncategory: events\n{extra}---\n\n{body}\n"


def make_docs(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def both(rel: str, text: str, en: str | None = None) -> dict[str, str]:
    return {f"th/{rel}": text, f"en/{rel}": text if en is None else en}


def where(problems) -> list[str]:
    return sorted(p.where() for p in problems)


def test_anchors_are_the_ids_mkdocs_gives_thai_and_english_headings(tmp_path):
    docs = make_docs(tmp_path, {"th/a.md": "# ประวัติ\n\n## ความเป็นมา\n\n## Online forms\n\n## ติดต่อ {#contact}\n"})
    ids = Targets(docs, LANGS).ids("th/a.md")
    assert ids == {"_1", "_2", "online-forms", "contact"}


def test_links_to_missing_anchors_and_absolute_addresses_are_named_on_their_line(tmp_path):
    text = ("# หน้า\n\n## Fees {#fees}\n\n[ok](#fees) [bad](#nothing)\n[ok](b.md#apply) [bad](b.md#applying)\n"
            "[ok](/about/) [ok](/en/b/) [bad](/th/about/) [bad](/en/b/#apply) [bad](/en/missing/)\n"
            "[ok](/news/page/2/) [ok](/rss.xml) [bad](/assets/none.pdf)\n")
    docs = make_docs(tmp_path, {"th/a.md": text, "th/b.md": "## Apply {#apply}\n", "en/b.md": "## How to apply\n",
                                "th/about/index.md": "# x\n"})
    targets = Targets(docs, LANGS, section_folders=("news",))
    problems = lint_markdown(text, "th/a.md", docs, targets)
    found = sorted((p.line, p.what_en.split(":")[0]) for p in problems)
    assert found == [(5, "The link #nothing"), (6, "The link b.md#applying"), (7, "The link /en/b/#apply"),
                     (7, "The link /en/missing/"), (7, "The link /th/about/"), (8, "The link /assets/none.pdf")]
    assert all(p.fix_th and p.fix_en and p.what_th for p in problems)


def test_a_table_without_its_separator_row_is_named_and_a_good_table_is_not(tmp_path):
    text = "| a | b |\n| --- | --- |\n| 1 | 2 |\n\ntext\n\n| วัน | เวลา |\n| จันทร์ | 08.30 |\n\n```\n| code | x |\n```\n"
    problems = lint_markdown(text, "th/a.md", tmp_path)
    assert [(p.line, "| --- | --- |" in p.fix_en) for p in problems] == [(7, True)]


def test_an_item_may_not_start_with_a_level_three_heading(tmp_path):
    problems = lint_markdown("---\ntitle: t\n---\n\n### รายละเอียด\n", "th/news/2026-01-01-a.md", tmp_path)
    assert [(p.line, "level-3 heading follows a level-1") for p in problems] == [
        (5, "level-3 heading follows a level-1")]
    assert "level-3 heading follows a level-1" in problems[0].what_en


def test_a_page_off_the_menu_is_refused_unless_hidden_and_items_need_no_menu(tmp_path):
    docs = make_docs(tmp_path, {
        **both("index.md", "# Home\n"), **both("lost.md", "# Lost\n"),
        **both("kept.md", "---\nhidden: true\n---\n\n# Kept\n"),
        **both("news/index.md", "# News\n"),
        **both("news/2026-01-05-a.md", ITEM.format(title="t", date="2026-01-05", extra="", body="b")),
    })
    nav = nav_pages([{"หน้าแรก": "index.md"}, {"ข่าว": ["news/index.md", {"x": "https://example.org/"}]}])
    assert nav == {"index.md", "news/index.md"}
    problems = check_docs(docs, LANGS, nav)
    assert where(problems) == ["docs/en/lost.md (nav)", "docs/th/lost.md (nav)"]
    assert "hidden: true" in problems[0].fix_en and "hidden: true" in problems[0].fix_th
    assert check_docs(docs, LANGS, None) == []       # no nav: MkDocs lists every page


def test_items_dates_drafts_and_placeholders_are_checked_in_both_languages_at_once(tmp_path):
    docs = make_docs(tmp_path, {
        **both("news/2026-01-05-a.md", ITEM.format(title="t", date="2026-01-05 10:00", extra="", body="b"),
               ITEM.format(title="t", date="2026-01-06 10:00", extra="", body="b")),
        **both("news/2026-01-07-b.md", ITEM.format(title="t", date="2569-01-07", extra="", body="b")),
        **both("news/2026-01-08-c.md", ITEM.format(title="หัวข้อ (แก้ไข)", date="2026-13-45", extra="draft: true\n",
                                                   body="b")),
        **both("news/2026-01-09-d.md", ITEM.format(title="t", date="2026-01-09", extra="draft: true\n", body="b"),
               ITEM.format(title="t", date="2026-01-09", extra="", body="Write the body here.")),
        **both("news/2026-01-10-e.md", ITEM.format(title="t", date="2026-01-10", extra="draft: yes please\n",
                                                   body="b")),
    })
    problems = check_docs(docs, LANGS)
    assert where(problems) == [
        "docs/en/news/2026-01-07-b.md:3 (date)", "docs/en/news/2026-01-09-d.md:8",
        "docs/en/news/2026-01-10-e.md:6 (draft)",
        "docs/th/news/2026-01-05-a.md:3 (date)", "docs/th/news/2026-01-07-b.md:3 (date)",
        "docs/th/news/2026-01-09-d.md (draft)", "docs/th/news/2026-01-10-e.md:6 (draft)"]
    text = "\n".join(p.explain() for p in problems)
    assert "docs/en/news/2026-01-05-a.md says 2026-01-06 10:00" in text and "ใช้ ค.ศ. 2026 แทน" in text
    assert "draft: true" in text and "Write the body here." in text
    # The draft with an impossible date and placeholder title is not published, so not checked.
    assert "2026-01-08-c" not in text


def test_broken_front_matter_and_wrong_types_in_ordinary_pages(tmp_path):
    docs = make_docs(tmp_path, {
        **both("a.md", '---\ntitle: "ประวัติ\n---\n\n# x\n'),
        **both("b.md", "---\ntitle: [1, 2]\nhidden: yes please\nupdated: 2569-11-24\nhide: 5\n---\n\n# x\n"),
    })
    problems = check_docs(docs, LANGS, {"a.md", "b.md"}, template_exists=lambda name: False)
    assert where(problems) == [
        "docs/en/a.md:2 (front matter)", "docs/en/b.md:2 (title)", "docs/en/b.md:3 (hidden)",
        "docs/en/b.md:4 (updated)", "docs/en/b.md:5 (hide)",
        "docs/th/a.md:2 (front matter)", "docs/th/b.md:2 (title)", "docs/th/b.md:3 (hidden)",
        "docs/th/b.md:4 (updated)", "docs/th/b.md:5 (hide)"]
