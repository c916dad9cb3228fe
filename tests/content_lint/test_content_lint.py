from pathlib import Path

from changwat.content_lint.lint import lint_markdown
from changwat.i18n.twins import missing_twins


def make_docs(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_image_without_alt_is_reported_on_its_line(tmp_path):
    docs = make_docs(tmp_path, {"assets/a.png": "", "th/index.md": "---\ntitle: t\n---\n\n# หัวข้อ\n\n![](../assets/a.png)\n"})
    problems = lint_markdown((docs / "th/index.md").read_text(), "th/index.md", docs)
    assert [(p.file, p.line) for p in problems] == [("docs/th/index.md", 7)]
    assert "alt" in problems[0].what_en and "คำบรรยายภาพ" in problems[0].what_th


def test_html_img_without_alt_and_with_alt(tmp_path):
    docs = make_docs(tmp_path, {"th/a.md": '<img src="x.png">\n<img src="y.png" alt="ภาพ">\n', "th/x.png": "", "th/y.png": ""})
    problems = lint_markdown((docs / "th/a.md").read_text(), "th/a.md", docs)
    assert [p.line for p in problems] == [1]


def test_broken_link_names_the_missing_file_and_ignores_code_and_external(tmp_path):
    text = "[ติดต่อ](contact.md)\n[ok](about.md#history)\n```\n[x](nowhere.md)\n```\n[web](https://example.go.th/)\n"
    docs = make_docs(tmp_path, {"th/a.md": text, "th/about.md": "# x\n"})
    problems = lint_markdown(text, "th/a.md", docs)
    assert [(p.line, "docs/th/contact.md" in p.what_en) for p in problems] == [(1, True)]


def test_vague_link_text_and_skipped_heading(tmp_path):
    text = "# A\n\n### C\n\n[คลิกที่นี่](b.md)\n"
    docs = make_docs(tmp_path, {"th/a.md": text, "th/b.md": ""})
    lines = sorted(p.line for p in lint_markdown(text, "th/a.md", docs))
    assert lines == [3, 5]


def test_clean_page_has_no_problems(tmp_path):
    text = "# หน้า\n\n## ส่วน\n\n![ภาพอาคาร](../assets/a.png) [ประวัติ](b.md)\n"
    docs = make_docs(tmp_path, {"th/a.md": text, "th/b.md": "", "assets/a.png": ""})
    assert lint_markdown(text, "th/a.md", docs) == []


def test_missing_twins_both_directions(tmp_path):
    docs = make_docs(tmp_path, {"th/a.md": "", "en/a.md": "", "th/only.md": "", "en/news/only-en.md": ""})
    problems = missing_twins(docs, ["th", "en"])
    assert {(p.file, "docs/en/only.md" in p.what_en or "docs/th/news/only-en.md" in p.what_en) for p in problems} == {
        ("docs/th/only.md", True), ("docs/en/news/only-en.md", True)}


def test_a_marker_from_an_older_kit_is_named_with_its_replacement(tmp_path):
    text = "---\ntitle: ข่าว\n---\n\n# ข่าว\n\n<!-- changwat:listing -->\n\n<!-- changwat:participation subscribe -->\n"
    problems = [p for p in lint_markdown(text, "th/news/index.md", tmp_path) if p.field == "components"]
    assert [(p.line, "components: [listing]" in p.fix_en) for p in problems][:1] == [(7, True)]
    assert "components: [subscribe]" in problems[1].fix_th and problems[1].line == 9


def test_no_page_of_the_kit_carries_an_old_marker():
    from changwat.cli.new_site import SCAFFOLD
    from conftest import ROOT

    pages = [*(ROOT / "docs").rglob("*.md"), *(SCAFFOLD / "docs").rglob("*.md")]
    found = [(p, problem.line) for p in pages for problem in lint_markdown(p.read_text(encoding="utf-8"), "x.md", ROOT)
             if problem.field == "components"]
    assert len(pages) > 100 and found == []


def test_a_mermaid_diagram_is_refused_with_an_image_as_the_fix(tmp_path):
    text = ("# แผนผัง\n\n```mermaid\ngraph TD; A-->B\n```\n\n~~~ {.mermaid}\ngraph LR; C-->D\n~~~\n\n"
            '<div class="diagram mermaid">graph TD; E-->F</div>\n')
    problems = lint_markdown(text, "th/a.md", tmp_path)
    assert [p.line for p in problems] == [3, 7, 11]
    assert all("Diagrams are not supported yet" in p.what_en and "alt text" in p.fix_en and "แผนภาพ" in p.what_th
               for p in problems)


def test_code_about_mermaid_is_not_a_diagram(tmp_path):
    # A fence of another language that mentions mermaid, a mermaid fence shown inside a fence, prose.
    text = ("# หน้า\n\n````markdown\n```mermaid\ngraph TD; A-->B\n```\n````\n\n```python\nmermaid = 1\n```\n\n"
            'ไลบรารี mermaid ใช้วาดแผนภาพ <span class="mermaidish">x</span>\n')
    assert lint_markdown(text, "th/a.md", tmp_path) == []
