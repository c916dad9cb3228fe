"""The search text taken from Python-Markdown's tree (plus the template's HTML around it) is the text a full parse
of the built page gives: on every page of the sample site, and on Markdown that puts HTML aside (raw blocks,
entities, highlighted code, comments)."""

from __future__ import annotations

import json
import subprocess
import sys

import markdown

from changwat.search.extract import PageTextExtension, page_text
from conftest import ROOT

# Every page of the sample site is built with a spy on the search plugin's page_text: each page's text is taken both
# ways, and the fast way must have been taken (its Markdown part found unchanged in the page).
SPY = """
import json, sys
import changwat.search.plugin as glue
from changwat.search.extract import page_text
from mkdocs.commands.build import build
from mkdocs.config import load_config

pages = []
def spy(html, content=None, events=None):
    fast = page_text(html, content, events)
    full = page_text(html)
    pages.append({"title": full.title, "markdown": bool(content),
                  "fast_path": bool(content) and events is not None and content in html,
                  "same": fast == full, "fast": vars(fast), "full": vars(full)})
    return fast
glue.page_text = spy
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="build", dirty=False)
build(config)
json.dump(pages, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False)
"""


def test_every_sample_page_gives_the_text_of_a_full_parse(tmp_path):
    report = tmp_path / "pages.json"
    result = subprocess.run([sys.executable, "-c", SPY, str(ROOT / "mkdocs.yml"), str(tmp_path / "site"), str(report)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = json.loads(report.read_text(encoding="utf-8"))
    built = len(list((tmp_path / "site").rglob("*.html")))
    assert len(pages) > 250 and len(pages) >= built - 5  # both languages; 404 pages are templates, not pages
    different = [(p["title"], p["fast"], p["full"]) for p in pages if not p["same"]]
    assert different == []
    # Pages made by a template alone (recommendations, listing pages) have no Markdown part to take.
    slow = [p["title"] for p in pages if p["markdown"] and not p["fast_path"]]
    assert slow == [], "pages whose Markdown part was parsed again from the built HTML"
    assert sum(p["fast_path"] for p in pages) > 100
    assert sum(bool(p["full"]["body"]) for p in pages) > 200


PAGE = """<html><body><nav>menu</nav><div id="main-content"><article class="md-content__inner">
<a class="md-content__button" href="x"><svg><title>edit</title></svg></a>
<h1>{title}</h1>
{content}
<aside class="md-source-file">updated</aside>
</article></div><footer>foot</footer></body></html>"""

MARKDOWN = """\
ข้อความ &amp; ตัวอย่าง&nbsp;ภาษาไทย <span hidden>ซ่อน</span> *เน้น*\\*

<div class="changwat-share">แชร์</div>

<div class="note" markdown>
**ใน div** ข้อความ
</div>

<!-- a comment the page never shows -->

## หัวข้อ { #custom }

```python
print("โค้ด")  # คำอธิบาย
```

| ก | ข |
|---|---|
| 1 | 2 |

1. รายการ<br>ต่อ
"""


def test_markdown_that_puts_html_aside_gives_the_text_of_a_full_parse():
    extension = PageTextExtension()
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences",
                                       "pymdownx.highlight", extension])
    content = md.convert(MARKDOWN)
    events = extension.take()
    assert events and any(kind == "raw" for kind, *_ in events)  # raw HTML and code went through the stash
    html = PAGE.format(title="ชื่อหน้า", content=content)
    fast, full = page_text(html, content, events), page_text(html)
    assert fast == full
    assert "โค้ด" in full.body and "& ตัวอย่าง" in full.body and "ซ่อน" not in full.body and "แชร์" not in full.body
    assert full.title == "ชื่อหน้า" and full.headings == ["หัวข้อ"]
    assert extension.take() is None  # taken once: a page never gets another page's events


def test_changed_content_falls_back_to_reading_the_page():
    extension = PageTextExtension()
    md = markdown.Markdown(extensions=[extension])
    content = md.convert("ข้อความเดิม")
    events = extension.take()
    changed = content.replace("เดิม", "ใหม่")  # as if a plugin changed the HTML after Markdown made it
    html = PAGE.format(title="t", content=changed)
    assert page_text(html, content, events).body == "ข้อความใหม่"
