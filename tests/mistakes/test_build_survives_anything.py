"""Property: whatever an officer (or an editor, or a bad paste) puts in a page's front matter and Markdown, the
build either succeeds or stops with the kit's problem list in Thai and English; never a traceback, and a failed
build leaves the previous site/ exactly as it was.

Hypothesis mutates one page of the mini site per example (a news item or an ordinary page): fields dropped,
values of the wrong type, huge or odd Unicode values, broken YAML, and Markdown fragments (headings, tables,
links, anchors, images). Bounded and derandomised so that `make test` runs the same examples every time; MkDocs runs in this process
(about 2 s a build) through the kit's atomic build, and an exception other than MkDocs' clean stop is the
traceback the property forbids.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from changwat.cli.build import build_atomically
from changwat.core.front_matter import split_front_matter
from minisite_builds import InProcessBuild, good_minisite, tree_digest  # noqa: F401 (fixture)

PAGES = {"item": "th/news/2026-11-20-flood-relief.md", "page": "th/index.md",
         "en-item": "en/news/2026-11-20-flood-relief.md"}
KEYS = ("title", "description", "date", "summary", "category", "image", "image_alt", "attachments", "components",
        "hidden", "draft", "updated", "hide", "template", "unknown_key")

odd_text = st.text(st.characters(codec="utf-8"), max_size=40)
thai_text = st.text(st.sampled_from("กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาำิีึืุู่้๊๋็์ ๆฯ\u200b\u200c\u200d\u00a0"),
                    max_size=30)
huge_text = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=3), st.integers(500, 20_000))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10 ** 30), max_value=10 ** 30), st.floats(),
    odd_text, thai_text, huge_text,
    st.dates(min_value=dt.date(1, 1, 1)), st.datetimes(min_value=dt.datetime(1, 1, 1)),
    st.sampled_from(["2026-13-45", "2569-11-30 10:00", "2567-02-29", "30/11/2569", "tomorrow", "events",
                     "../../assets/favicon.svg", "missing.png", "/etc/passwd", "a" * 300, "{{ office.name }}"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(KEYS + ("file",)), inner,
                                                                       max_size=3)), max_leaves=6)
BROKEN_YAML = ['title: "unclosed', "title: 'unclosed", "summary: [unclosed", "{", ": no key", "\tindented: tab",
               "a: b: c", "- a list item", "*undefined_alias", "!!python/object/apply:os.system ['true']",
               "date: 2026-13-45", "date: 2569-11-30 10:00", "key: &a [*a]", "title: |\n  block\n bad indent",
               "\x00", "date: 99999-01-01", "---"]
MARKDOWN = st.one_of(
    odd_text, thai_text, huge_text,
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), thai_text),
    st.sampled_from([
        "| a | b |\n| 1 | 2 |", "| a | b |\n| --- | --- |\n| 1 | 2 |", "[ข่าว](news/index.md#nothing)",
        "[ข่าว](news/index.md)", "[x](/about/)", "[x](/en/)", "[x](#_1)", "[x](missing.md)", "![](x.png)",
        "![ตรา](../assets/favicon.svg)", "<img src='x.png'>", "```mermaid\ngraph TD\n```", "```\nunclosed fence",
        "<!-- changwat:listing -->", "{{ office.phone }}", "{{ broken", "{% if %}", "[คลิกที่นี่](index.md)",
        "<div markdown>\n# inside\n</div>", "* list\n    * nested", "> quote", "---", "\\", "<script>x</script>",
    ]),
)


@st.composite
def mutated_page(draw):
    """(which page, front matter edits, broken YAML lines, Markdown fragments, whether they go before the text).
    An edit drops a field or sets it to any value; the item's own fields are among the keys, so missing and
    wrongly typed required fields are drawn as often as unknown ones."""
    kind = draw(st.sampled_from(sorted(PAGES)))
    edits = draw(st.lists(st.tuples(st.sampled_from(KEYS), st.one_of(st.just(DROP), values)), max_size=3))
    broken = draw(st.lists(st.sampled_from(BROKEN_YAML), max_size=1))
    body = draw(st.lists(MARKDOWN, max_size=4))
    return kind, edits, broken, body, draw(st.booleans())


DROP = object()


def write_page(docs: Path, case) -> None:
    kind, edits, broken, body, body_first = case
    path = docs / PAGES[kind]
    meta, text = split_front_matter(path.read_text(encoding="utf-8"))
    for key, value in edits:
        if value is DROP:
            meta.pop(key, None)
        else:
            meta[key] = value
    lines = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).splitlines() + list(broken)
    markdown = "\n\n".join(body)
    text = markdown + "\n\n" + text if body_first else text + "\n\n" + markdown
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + text, encoding="utf-8")


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(case=mutated_page())
# Mistakes that once ended in a traceback, tried first on every run.
@example(case=("item", [], ["date: 2026-13-45"], [], False))
@example(case=("item", [("date", dt.datetime(2569, 11, 30, 10, 0)), ("attachments", 5)], [], [], False))
@example(case=("page", [("hide", 5)], [], [], False))
@example(case=("en-item", [("template", None)], [], [], False))
@example(case=("page", [("template", "nothing.html")], [], ["| a | b |\n| 1 | 2 |"], True))
def test_any_page_builds_or_stops_with_problems_and_never_a_traceback(good_minisite, case):
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp) / "site-copy"
        shutil.copytree(good_minisite, where)
        before = tree_digest(where / "site")
        write_page(where / "docs", case)
        # An exception other than MkDocs' own clean stop escapes from here and fails the test: a traceback.
        run = InProcessBuild(where / "mkdocs.yml")
        returncode = build_atomically(where / "mkdocs.yml", where / "site", run=run)
        output = run.output
        if returncode == 0:
            assert (where / "site" / "index.html").is_file() and (where / "site" / "en" / "index.html").is_file()
        else:
            assert "ปัญหา:" in output and "Problem:" in output and "How to fix:" in output, output[-4000:]
            assert tree_digest(where / "site") == before
