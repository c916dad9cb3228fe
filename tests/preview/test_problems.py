"""A failed build's problems, recovered whole from what the kit's plugins and MkDocs leave of them."""

from __future__ import annotations

import yaml

from changwat.core.problems import ContentError, Problem
from changwat.preview.pages import problem_page
from changwat.preview.problems import parse_content_error, problems_of_failure, relative_to

ALT = Problem("docs/th/index.md", "รูปภาพไม่มีคำบรรยายภาพ", "The image has no alt text.",
              "เขียนคำบรรยายในวงเล็บเหลี่ยม", "Describe the image in the square brackets.", line=11)
SUMMARY = Problem("docs/en/news/a.md", "ไม่มีสรุปย่อ (summary)", "The item has no summary.",
                  "เพิ่ม summary:", "Add 'summary:'.\nOne or two sentences.", field="summary")
OFFICE = Problem("mkdocs.yml", "ไม่มีเบอร์โทร", "No phone (e.g. 0 5311 1111: call us).", "เพิ่ม", "Add it.", line=7,
                 field="extra.office.phone")


def test_the_text_of_a_content_error_reads_back_into_the_same_problems():
    # What PluginError(str(ContentError(...))) leaves, as MkDocs logs it: the inverse of Problem.explain.
    text = "Error in plugin: " + str(ContentError([ALT, SUMMARY, OFFICE])) + "\n"
    assert parse_content_error(text) == [ALT, SUMMARY, OFFICE]
    assert parse_content_error("Config value 'nav': not a list") is None


def test_problems_of_a_failure_each_once_from_the_log_and_the_exception():
    logged = [str(ContentError([ALT])), "Doc file 'th/a.md' contains a link 'b.md', but the target is not found."]
    try:
        try:
            raise ContentError([ALT, SUMMARY])
        except ContentError as e:
            raise RuntimeError("Aborted with a BuildError!") from e
    except RuntimeError as error:
        problems = problems_of_failure(error, logged, config_file="mkdocs.yml")
    assert [p.file for p in problems] == ["docs/th/index.md", "docs/th/a.md", "docs/en/news/a.md"]
    assert "MkDocs" in problems[1].what_en and "b.md" in problems[1].what_th


def test_a_yaml_error_names_its_file_and_the_line_of_the_unclosed_quote(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: x\nnav:\n  - "หน้าแรก: index.md\n  - about.md\n', encoding="utf-8")
    try:
        with open(config, encoding="utf-8") as f:  # a stream: the error names the file, as MkDocs' loader does
            yaml.safe_load(f)
    except yaml.YAMLError as error:
        problems = relative_to(problems_of_failure(error, [], config_file="mkdocs.yml"), tmp_path)
    assert [(p.file, p.line) for p in problems] == [("mkdocs.yml", 3)]
    assert "YAML" in problems[0].what_en and "เครื่องหมายคำพูด" in problems[0].fix_th


def test_an_unexpected_error_is_said_to_be_the_kits():
    problems = problems_of_failure(KeyError("title"), [], config_file="mkdocs.yml", unexpected=True)
    assert len(problems) == 1 and "KeyError" in problems[0].what_en and "ไม่คาดคิด" in problems[0].what_th


def test_the_problem_page_escapes_and_loads_nothing():
    evil = Problem("docs/th/<b>.md", "<script>alert(1)</script>", "x", "y", "z", line=1)
    page = problem_page([evil, ALT], config_file="mkdocs.yml")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "docs/th/index.md:11" in page and "The image has no alt text." in page
    assert "src=" not in page and "href=" not in page  # nothing from elsewhere, not even the site's own CSS
    assert page.startswith("<!doctype html>") and '<html lang="th">' in page
