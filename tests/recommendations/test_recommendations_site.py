"""The recommendations section on a real build of the mini site: pages in both languages, navigation, evidence,
and open data downloads (CSV, JSON, XML) that parse and agree with each other."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from changwat.contracts.reports import AuditItem, AuditReport, CheckSummary, ChecksReport, write_report
from conftest import ROOT, mkdocs_build, write_minisite

RECS = 69
LANGS = {"th": "", "en": "en/"}


def recommendations_site(where: Path, checks_report: ChecksReport | None = None, progress: str | None = None,
                         audit_report: AuditReport | None = None, evidence: str | None = None) -> Path:
    """The mini site with the recommendations section in its menu and the repository's data files."""
    config = write_minisite(where)
    (where / "data").mkdir(exist_ok=True)  # write_minisite gave it data/office.yml
    for name in ("recommendations.yml", "progress.yml", "site-evidence.yml"):
        shutil.copy(ROOT / "data" / name, where / "data" / name)
    if progress is not None:
        (where / "data" / "progress.yml").write_text(progress, encoding="utf-8")
    if evidence is not None:
        (where / "data" / "site-evidence.yml").write_text(evidence, encoding="utf-8")
    if checks_report is not None:
        write_report(where / "reports" / "checks.json", checks_report)
    if audit_report is not None:
        write_report(where / "reports" / "audit.json", audit_report)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      - news/index.md\n",
                                   "      - news/index.md\n  - รัฐบาลดิจิทัล:\n      - recommendations/index.md\n"),
                      encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("recsite")
    result = mkdocs_build(recommendations_site(where), where / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return where / "out"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def content(page: BeautifulSoup):
    return page.select_one("article")


# ---- Pages --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", LANGS.values())
def test_every_page_exists_in_both_languages(site, prefix):
    base = site / prefix / "recommendations"
    assert (base / "index.html").is_file()
    assert len(list(base.glob("d[1-6]/index.html"))) == 6
    assert len(list(base.glob("d[1-6]/d*-s*-r*/index.html"))) == RECS
    assert {p.parent.name for p in base.glob("status/*/index.html")} == {
        "done", "in-progress", "not-started", "not-met", "no-data"}
    assert (base / "method" / "index.html").is_file() and (base / "open-data" / "index.html").is_file()


def test_overview_shows_the_overall_score_as_chart_and_table(site):
    page = soup(site, "recommendations")
    article = content(page)
    assert page.html["lang"] == "th"
    assert article.h1.get_text(strip=True) == "ข้อเสนอแนะรัฐบาลดิจิทัล"
    assert "44.7" in article.select_one(".changwat-rec__overall").get_text()
    svg = article.select_one("svg[role=img]")
    title = svg.find("title")
    assert title and svg["aria-labelledby"] == title["id"] and "66.3" in title.get_text()
    table = article.find("caption", string="คะแนนรายมิติ น้ำหนัก และคะแนนถ่วงน้ำหนัก").parent
    assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
    assert len(table.select("tbody tr")) == 6
    assert "ข้อเสนอแนะ 20 จาก 69 ข้อยังไม่มีข้อมูลความคืบหน้า" in article.get_text()
    assert len(article.select("tbody[data-changwat-rec-list] tr")) == RECS
    assert article.select_one("form[data-changwat-rec-filter]").has_attr("hidden")  # shown by JavaScript only


def test_english_overview(site):
    page = soup(site, "en/recommendations")
    assert page.html["lang"] == "en"
    text = content(page).get_text(" ", strip=True)
    assert "Digital government recommendations" in text and "44.7" in text
    assert "20 of 69 recommendations have no progress data yet" in text


def test_dimension_without_data_says_so(site):
    text = content(soup(site, "en/recommendations/d6")).get_text(" ", strip=True)
    assert "This dimension has no progress data at all" in text
    assert "Note: the recommendations on digital technology" in text


def test_status_filters_work_without_javascript(site):
    page = content(soup(site, "en/recommendations/status/done"))
    rows = page.select("tbody tr")
    assert len(rows) == 18 and {r["data-status"] for r in rows} == {"done"}
    # every row shows its status in words next to the icon, never colour alone
    assert all(r.select_one(".changwat-rec-status").get_text(strip=True) == "Done" for r in rows)
    current = page.select('nav.changwat-rec-filters a[aria-current="page"]')
    assert [a.get_text(" ", strip=True) for a in current] == ["Done (18)"]
    assert "No recommendation has this status." in content(soup(site, "en/recommendations/status/not-met")).get_text()


def test_recommendation_page_links_to_its_neighbours(site):
    first = content(soup(site, "recommendations/d1/d1-s1-r1"))
    assert first.select_one('a[rel="prev"]') is None
    nxt = first.select_one('a[rel="next"]')
    assert (site / "recommendations/d1/d1-s1-r1" / nxt["href"] / "index.html").resolve() == \
        (site / "recommendations/d1/d1-s1-r2/index.html").resolve()
    last = content(soup(site, "en/recommendations/d6/d6-s4-r4"))
    assert last.select_one('a[rel="next"]') is None and last.select_one('a[rel="prev"]')
    crossing = content(soup(site, "en/recommendations/d2/d2-s1-r1"))
    assert "d1-s4-r10" in crossing.select_one('a[rel="prev"]')["href"]


def test_recommendation_page_shows_progress_and_evidence(site):
    page = content(soup(site, "en/recommendations/d1/d1-s1-r1"))
    text = page.get_text(" ", strip=True)
    assert "Done" in text and "100.0 out of 100" in text and "30 September 2026" in text
    assert "Provincial Strategy and Development Information Group" in text
    assert page.find("a", href="https://www.sample-province.go.th/about/vision/")
    thai = content(soup(site, "recommendations/d1/d1-s1-r1")).get_text(" ", strip=True)
    assert "30 กันยายน 2569" in thai and "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด" in thai


def test_site_evidence_is_pending_without_a_report(site):
    text = content(soup(site, "en/recommendations/d3/d3-s2-r11")).get_text(" ", strip=True)
    assert "The site shows: not every related check has reported yet" in text and "Met:" not in text
    assert "Status the unit reports Done" in text and "100.0 out of 100 (from the status)" in text
    assert "W3C HTML and CSS validation" in text and "No result yet" in text


def test_breadcrumbs_and_menu_include_the_section(site):
    page = soup(site, "en/recommendations/d2/d2-s2-r5")
    crumbs = [a.get_text(" ", strip=True) for a in page.select(".md-path a")]
    assert crumbs[-2:] == ["Digital government", "Dimension 2: Digital Capabilities"] or \
        "Dimension 2: Digital Capabilities" in crumbs
    # Recommendation pages hang under their dimension's page: the menu marks that dimension as where we are.
    active = [a.get_text(" ", strip=True) for a in page.select(".md-nav--primary .md-nav__item--active > a")]
    assert "Dimension 2: Digital Capabilities" in active
    menu = [a.get_text(" ", strip=True) for a in page.select(".md-nav--primary a")]
    assert "Dimension 6: Digital Technological Practices" in menu and "How the scores are calculated" in menu
    home = soup(site, "")
    assert any("recommendations/" in a["href"] for a in home.select(".md-tabs a, .md-nav a"))


def test_method_page_explains_the_formula_with_the_numbers(site):
    text = content(soup(site, "en/recommendations/method")).get_text(" ", strip=True)
    assert "not started 0, in progress 50, done 100" in text
    assert "mean of its sub-indicators" in text and "44.7" in text and "13.3" in text


def test_pages_are_in_the_search_index(site):
    # changwat-search writes one record per page in search/<lang>/d/; Material's own search wrote search/search_index.json
    indexes = list(site.glob("search/*/d/*.json"))
    assert indexes, "no search index found"
    assert any("recommendations/d1/d1-s1-r1" in p.read_text(encoding="utf-8") for p in indexes)


# ---- Open data ----------------------------------------------------------------------------------------------

def read_downloads(site: Path, prefix: str):
    folder = site / prefix / "recommendations" / "data"
    raw = (folder / "recommendations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV needs a byte order mark for Excel"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    scores = list(csv.DictReader(io.StringIO((folder / "scores.csv").read_bytes().decode("utf-8-sig"))))
    data = json.loads((folder / "recommendations.json").read_text(encoding="utf-8"))
    xml = ET.parse(folder / "recommendations.xml").getroot()
    return rows, scores, data, xml


@pytest.mark.parametrize("lang,prefix", LANGS.items())
def test_downloads_parse_and_agree(site, lang, prefix):
    rows, scores, data, xml = read_downloads(site, prefix)
    assert all(" " not in name and name.isascii() for name in rows[0])
    json_recs = [r for d in data["dimensions"] for s in d["sub_indicators"] for r in s["recommendations"]]
    xml_recs = xml.findall("./dimension/sub_indicator/recommendation")
    assert len(rows) == len(json_recs) == len(xml_recs) == RECS
    for row, j, x in zip(rows, json_recs, xml_recs):
        assert row["id"] == j["id"] == x.findtext("id")
        assert float(row["self_assessment_score"]) == j["self_assessment_score"] == \
            float(x.findtext("self_assessment_score"))
        assert row["status"] == j["status"] == x.findtext("status")
        assert row["text"] == j["text"] == x.findtext("text")
        assert row["evidence_links"].split() == j["evidence_links"] == [i.text for i in x.findall("evidence_links/item")]
        assert row["has_progress_data"] == ("true" if j["has_progress_data"] else "false") == x.findtext("has_progress_data")
    overall = next(r for r in scores if r["level"] == "overall")
    assert float(overall["self_assessment_score"]) == data["overall"]["self_assessment_score"] == \
        float(xml.findtext("overall/self_assessment_score")) == 44.74
    for d, x in zip(data["dimensions"], xml.findall("dimension")):
        csv_row = next(r for r in scores if r["id"] == d["id"])
        assert float(csv_row["self_assessment_score"]) == d["self_assessment_score"] == \
            float(x.findtext("self_assessment_score"))
    assert data["metadata"]["language"] == xml.findtext("metadata/language") == lang
    assert data["metadata"]["licence_url"].startswith("https://creativecommons.org/licenses/by/4.0/")


def test_downloads_are_in_each_language(site):
    th_rows, *_ = read_downloads(site, "")
    en_rows, *_ = read_downloads(site, "en/")
    assert th_rows[0]["dimension_title"] == "แนวนโยบายและหลักปฏิบัติ" and th_rows[0]["status_label"] == "ดำเนินการแล้ว"
    assert en_rows[0]["dimension_title"] == "Policies / Practices" and en_rows[0]["status_label"] == "Done"
    assert [r["id"] for r in th_rows] == [r["id"] for r in en_rows]


def test_open_data_page_has_licence_metadata_and_working_links(site):
    page = content(soup(site, "en/recommendations/open-data"))
    text = page.get_text(" ", strip=True)
    for field in ("Title", "Description", "Objective", "Update frequency", "Geographic coverage", "Format",
                  "Licence", "Maintainer"):
        assert page.find("th", string=field), field
    assert "CC BY 4.0" in text and page.select_one('a[rel="license"]')
    for a in page.select("a[download]"):
        assert (site / "en/recommendations/open-data" / a["href"]).resolve().is_file()


# ---- Evidence from a report, and officers' mistakes ---------------------------------------------------------

def summary(blocking):
    return CheckSummary(pages=3, errors=blocking, warnings=0, incomplete=0, tool=0, blocking=blocking,
                        seconds=0.5, notes=(), findings=())


def audit_report(**statuses) -> AuditReport:
    items = tuple(AuditItem(id=name, group="g", title={"th": name, "en": name}, status=status, evidence="",
                            detail="", why=None) for name, status in statuses.items())
    return AuditReport(checked_at="2026-11-24T10:00+07:00", site_url="https://x.go.th/", counts={}, items=items)


def downloaded_json(site: Path) -> dict:
    return json.loads((site / "recommendations" / "data" / "recommendations.json").read_text("utf-8"))


def downloaded_record(data: dict, rec_id: str) -> dict:
    return next(r for d in data["dimensions"] for s in d["sub_indicators"] for r in s["recommendations"]
                if r["id"] == rec_id)


def test_a_passing_partial_check_keeps_the_officers_status_and_shows_both(tmp_path):
    """Issue #15: the audit's complaint item (P6) passing made d1-s1-r4 "done, 100 (by the site audit)" while
    the officer's note says complaint tracking is not connected yet. Evidence of part stays beside the status."""
    report = audit_report(P6="pass", P1="manual", P3="pass", P4="pass", P11="pass")
    result = mkdocs_build(recommendations_site(tmp_path, audit_report=report,
                                               checks_report=ChecksReport(exit_code=0, applied_filters=(),
                                                                          checks={"links": summary(0)})),
                          tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    page = content(soup(out, "en/recommendations/d1/d1-s1-r4"))
    facts = page.select_one("dl.changwat-rec__facts").get_text(" ", strip=True)
    assert "Status the unit reports Not started" in facts
    assert "Self-assessment score 0.0 out of 100 (from the status)" in facts
    assert "The site shows: every related check passed (this proves part of the recommendation only)" in facts
    assert "verified on the site" not in page.get_text(" ", strip=True).lower()
    assert "Waiting to connect the Damrongdhama complaint-tracking system" in facts
    thai = content(soup(out, "recommendations/d1/d1-s1-r4")).select_one("dl.changwat-rec__facts").get_text(" ", strip=True)
    assert "ยังไม่เริ่ม" in thai and "เว็บไซต์แสดง: ผ่านการตรวจที่เกี่ยวข้องทุกรายการ" in thai
    # the lists show it beside the status too, and the status pages keep it where the officer put it
    row = content(soup(out, "en/recommendations/status/not-started")).find("a", href=lambda h: h and "d1-s1-r4" in h)
    assert row is not None and "The site shows" in row.find_parent("tr").get_text(" ", strip=True)
    data = downloaded_json(out)
    record = downloaded_record(data, "d1-s1-r4")
    assert (record["status"], record["self_assessment_score"], record["score_source"]) == ("not-started", 0, "status")
    assert (record["site_evidence"], record["site_evidence_scope"]) == ("met", "part")
    # d5-s2-r13 (officer 80, links passing) keeps its 80 too: the sample score is the officer's, 44.74
    assert downloaded_record(data, "d5-s2-r13")["self_assessment_score"] == 80
    assert data["overall"]["self_assessment_score"] == 44.74


def test_a_whole_mapping_sets_status_and_score_and_says_verified(tmp_path):
    evidence = ("sources:\n  checks:\n"
                "    links: {th: การตรวจลิงก์, en: Internal links and files}\n"
                "    vnu: {th: การตรวจ HTML, en: W3C HTML and CSS validation}\n"
                "recommendations:\n"
                "  d5-s2-r13: {scope: whole, checks: [links]}\n"
                "  d3-s2-r11: {scope: whole, checks: [vnu]}\n")
    report = ChecksReport(exit_code=1, applied_filters=(), checks={"links": summary(0), "vnu": summary(2)})
    result = mkdocs_build(recommendations_site(tmp_path, checks_report=report, evidence=evidence), tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    verified = content(soup(out, "en/recommendations/d5/d5-s2-r13")).get_text(" ", strip=True)
    assert "Done" in verified and "100.0 out of 100 (verified on the site)" in verified
    assert "Verified on the site: every check passed" in verified
    failed = content(soup(out, "en/recommendations/d3/d3-s2-r11")).get_text(" ", strip=True)
    assert "Not met: a check failed" in failed and "0.0 out of 100" in failed
    data = downloaded_json(out)
    assert downloaded_record(data, "d5-s2-r13")["score_source"] == "verified"
    assert downloaded_record(data, "d3-s2-r11")["status"] == "not-met"
    # d3-s2-r11 (done, 100 -> 0): d3-s2 100 -> 50, d3 -12.5, overall -30 × 12.5 / 100 = -3.75;
    # d5-s2-r13 (80 -> 100): d5-s2 +20/6, d5 +20/12, overall +15 × (20/12) / 100 = +0.25.
    assert data["overall"]["self_assessment_score"] == round(44.7375 - 3.75 + 0.25, 2)


def test_contradicting_status_and_score_stop_the_build_naming_file_and_line(tmp_path):
    progress = "updated: 2026-11-20\nrecommendations:\n  d1-s1-r4:\n    status: not-started\n    score: 95\n"
    result = mkdocs_build(recommendations_site(tmp_path, progress=progress), tmp_path / "out")
    assert result.returncode != 0
    assert "data/progress.yml:5 (d1-s1-r4.score)" in result.stderr
    assert "contradicts the score 95" in result.stderr and "ขัดกับคะแนน 95" in result.stderr


def test_bad_progress_stops_the_build_naming_file_line_and_field(tmp_path):
    progress = "updated: 2026-11-20\nrecommendations:\n  d1-s1-r1:\n    status: finished\n    score: 140\n"
    result = mkdocs_build(recommendations_site(tmp_path, progress=progress), tmp_path / "out")
    assert result.returncode != 0
    assert "data/progress.yml:4 (d1-s1-r1.status)" in result.stderr
    assert "data/progress.yml:5 (d1-s1-r1.score)" in result.stderr
    assert "ไม่รู้จักสถานะ" in result.stderr and "Unknown status" in result.stderr


@pytest.mark.parametrize("path", ["recommendations/", "recommendations/d1/", "recommendations/method/",
                                  "recommendations/open-data/", "recommendations/status/done/",
                                  "recommendations/d1/d1-s1-r2/"])   # r2 has site evidence
def test_every_table_is_wrapped_by_the_template_and_the_report_is_escaped(site, path):
    """The section's templates wrap their own tables (site/macros.html table_region), the same markup changwat-site
    gives Markdown tables; the page is a component of a generated page, not a mark replaced in its HTML."""
    page = soup(site, path)
    tables = content(page).select("table")
    assert tables
    for table in tables:
        region = table.parent
        assert (region.name, region.get("class"), region.get("role"), region.get("tabindex")) == \
            ("div", ["changwat-table"], "region", "0")
        assert region["aria-label"] == table.caption.get_text(strip=True) and table["class"] == ["changwat-table__table"]
    html = (site / path / "index.html").read_text(encoding="utf-8")
    assert "changwat:recommendations" not in html
    # Escaped once: an ampersand in the report's text would show as "&amp;amp;" if escaped twice.
    assert "&amp;amp;" not in html and "&amp;#" not in html


# ---- The score is a self-assessment, on every page kind and in every download ----------------------------------

PAGE_KINDS = ["recommendations/", "recommendations/d1/", "recommendations/d1/d1-s1-r4/", "recommendations/status/done/",
              "recommendations/method/", "recommendations/open-data/"]


@pytest.mark.parametrize("path", PAGE_KINDS)
@pytest.mark.parametrize("lang,prefix", LANGS.items())
def test_every_page_kind_labels_the_score_as_a_self_assessment(site, path, lang, prefix):
    article = content(soup(site, prefix + path))
    notice = article.select_one(".changwat-rec__self-assessment").get_text(" ", strip=True)
    label, official = {"th": ("คะแนนประเมินตนเอง", "ไม่ใช่ดัชนี"), "en": ("self-assessment score", "not an official index")}[lang]
    assert label in notice and official in notice
    # every column or figure headed as a score says whose score it is
    for th in article.select("th"):
        heading = th.get_text(" ", strip=True)
        if heading in ("คะแนน", "Score", "คะแนนรวม", "Overall score"):
            pytest.fail(f"a score heading without the self-assessment label: {heading}")


@pytest.mark.parametrize("lang,prefix", LANGS.items())
def test_downloads_label_the_score_as_a_self_assessment(site, lang, prefix):
    rows, scores, data, xml = read_downloads(site, prefix)
    assert "self_assessment_score" in rows[0] and "score" not in rows[0]
    assert "self_assessment_score" in scores[0] and "score" not in scores[0]
    kind = {"th": "คะแนนประเมินตนเอง", "en": "self-assessment score"}[lang]
    assert kind in data["metadata"]["score_kind"] and kind in xml.findtext("metadata/score_kind")
    assert "self_assessment_score" in data["overall"] and xml.find("overall/self_assessment_score") is not None


def test_the_published_dictionary_shows_each_fields_values(built_site):
    # A field's allowed values, not the name of a Python method (f.values in Jinja is dict.values).
    for page in ("recommendations/open-data/index.html", "en/recommendations/open-data/index.html"):
        text = (built_site / page).read_text(encoding="utf-8")
        assert "built-in method" not in text and "not-started" in text, page
