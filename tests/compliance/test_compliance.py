"""The Standard compliance component: the last audit (reports/audit.json) as a table, with every result in
words and a mark, wrapped like every other table; a plain sentence before the first audit."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from changwat.contracts.reports import AuditItem, AuditReport, write_report
from conftest import mkdocs_build

AUDIT = AuditReport(checked_at="2026-11-24T10:30:00+07:00", site_url="https://www.sample-province.go.th/",
                    counts={"pass": 1, "fail": 1, "manual": 1}, items=(
    AuditItem("2.1", "pages", {"th": "มีหน้าติดต่อ", "en": "A contact page"}, "pass", "contact/", "contact/index.html",
              None),
    AuditItem("2.2", "pages", {"th": "มีแผนผัง", "en": "A site map"}, "fail", "", "no sitemap <page>", None),
    AuditItem("3.1", "content", {"th": "เนื้อหาถูกต้อง", "en": "Correct content"}, "manual", "", "",
              {"th": "ต้องตรวจโดยบุคคล", "en": "Needs a person"}),
))


def compliance_site(minisite, with_audit: bool):
    docs = minisite.parent / "docs"
    for lang, title in (("th", "การตรวจสอบ"), ("en", "Compliance")):
        (docs / lang / "compliance.md").write_text(
            f"---\ntitle: {title}\ncomponents: [compliance]\n---\n\n# {title}\n\nHow the site is checked.\n",
            encoding="utf-8")
    if with_audit:
        write_report(minisite.parent / "reports" / "audit.json", AUDIT)
    config = minisite.read_text(encoding="utf-8")
    minisite.write_text(config.replace("      - news/index.md\n", "      - news/index.md\n  - compliance.md\n"),
                        encoding="utf-8")
    return minisite


@pytest.mark.parametrize("with_audit", [True, False])
def test_the_compliance_component_shows_the_last_audit(minisite, tmp_path, with_audit):
    result = mkdocs_build(compliance_site(minisite, with_audit), tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    for prefix, words in (("", ("✓", "✗", "?")), ("en/", ("✓", "✗", "?"))):
        article = BeautifulSoup((tmp_path / "out" / prefix / "compliance" / "index.html").read_text(encoding="utf-8"),
                                "lxml").article
        tables = article.select("table")
        if not with_audit:
            assert not tables and "make check" in article.get_text()
            continue
        [table] = tables
        # Wrapped in the template (this table used to be filled in after changwat-site wrapped tables, and missed it).
        region = table.parent
        assert region["class"] == ["changwat-table"] and region["role"] == "region" and region["tabindex"] == "0"
        assert region["aria-label"] == table.caption.get_text(strip=True)
        results = [td.get_text(strip=True)[0] for td in table.select("td.changwat-audit")]
        assert results == list(words)
        assert table.select_one("a[href='../contact/']") if prefix == "" else table.select_one("a[href='../contact/']")
        assert "no sitemap &lt;page&gt;" in str(table)
        assert str(article).find("How the site is checked.") < str(article).find("changwat-table")
