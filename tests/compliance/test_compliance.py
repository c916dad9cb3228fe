"""The Standard compliance component: the last audit (reports/audit.json) as a table, with every result in
words and a mark, wrapped like every other table; a plain sentence before the first audit."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from changwat.contracts.reports import AttestationRecord, AuditItem, AuditReport, write_report
from conftest import mkdocs_build

AUDIT = AuditReport(checked_at="2026-11-24T10:30:00+07:00", site_url="https://www.sample-province.go.th/",
                    counts={"pass": 1, "fail": 1, "manual": 3, "attested": 1}, items=(
    AuditItem("2.1", "pages", {"th": "มีหน้าติดต่อ", "en": "A contact page"}, "pass", "contact/", "contact/index.html",
              None),
    AuditItem("2.2", "pages", {"th": "มีแผนผัง", "en": "A site map"}, "fail", "", "no sitemap <page>", None),
    AuditItem("3.1", "content", {"th": "เนื้อหาถูกต้อง", "en": "Correct content"}, "manual", "", "",
              {"th": "ต้องตรวจโดยบุคคล", "en": "Needs a person"}, how="person",
              check={"th": "อ่านทุกหน้า", "en": "Read every page"}, record="data/attestations.yml"),
    AuditItem("X1", "security", {"th": "HTTPS", "en": "HTTPS"}, "manual", "", "attested", {"th": "ก", "en": "a"},
              how="person", check={"th": "ตรวจ", "en": "check"}, record="data/attestations.yml",
              attestation=AttestationRecord("นายสมชาย ใจดี", "2026-11-02", "https://ssl.example/r?d=x&y=1",
                                            "2099-11-02", True)),
    AuditItem("X3", "security", {"th": "TLS", "en": "TLS"}, "manual", "", "old", {"th": "ข", "en": "b"},
              how="person", check={"th": "ตรวจ TLS", "en": "check TLS"}, record="data/attestations.yml",
              attestation=AttestationRecord("นางสาวสุดา", "2024-01-05", "https://ssl.example/old", "2025-01-04",
                                            False)),
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
    for prefix, words in (("", ("✓", "✗", "?", "✓", "?")), ("en/", ("✓", "✗", "?", "✓", "?"))):
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
        rows = {tr.th.get_text(strip=True): tr for tr in table.tbody.select("tr")}
        # A person's item: how it is verified, what to check and where to record it.
        how = "ตรวจโดยบุคคล" if prefix == "" else "Checked by a person"
        assert how in rows["3.1"].get_text() and "data/attestations.yml" in rows["3.1"].get_text()
        assert ("อ่านทุกหน้า" if prefix == "" else "Read every page") in rows["3.1"].get_text()
        # Attested: who, when, the evidence link; shown as attested in words, not only a mark.
        attested = rows["X1"]
        assert "นายสมชาย ใจดี" in attested.get_text() and attested.select_one("time[datetime='2026-11-02']")
        assert attested.select_one("a[href='https://ssl.example/r?d=x&y=1']")
        assert ("รับรองแล้ว" if prefix == "" else "Attested") in attested.select_one("td.changwat-audit").get_text()
        # Older than a year: counts as missing, says so, and does not show the old evidence as current.
        old = rows["X3"]
        assert "?" in old.select_one("td.changwat-audit").get_text()
        assert ("เก่ากว่าหนึ่งปี" if prefix == "" else "older than a year") in old.get_text()
        assert not old.select_one("a[href='https://ssl.example/old']")
        assert str(article).find("How the site is checked.") < str(article).find("changwat-table")
