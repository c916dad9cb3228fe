"""The participation service on a real build of the mini site: every form posts to the service named in
mkdocs.yml, in Thai and English; the published answers and statistics come from the service's export files
(and say so plainly when there are none); the forms script and style are the site's own files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from changwat.site.slim import minify_css, minify_script
from conftest import ROOT, mkdocs_build, write_minisite

SNIPPETS = ROOT / "service" / "changwat_service" / "site_snippets"
LANGS = {"th": "", "en": "en/"}
DEFAULT_SERVICE = re.search(r'^  service_url: !ENV \[CHANGWAT_SERVICE_URL, "([^"]+)"\]',
                            (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)

PAGES = {
    "participation/questions.md": ("ถาม–ตอบ", "Questions and answers", ["question", "qa"]),
    "participation/complaints.md": ("ร้องเรียน", "Complaints", ["complaint", "status"]),
    "participation/statistics.md": ("สถิติ", "Statistics", ["survey-results", "visits"]),
    "follow.md": ("ติดตามข่าวสาร", "Follow us", ["subscribe"]),
    "policies/privacy.md": ("นโยบายคุ้มครองข้อมูลส่วนบุคคล", "Privacy policy", ["delete"]),
}
# Which form each page has, and where it posts (GET for the status lookup).
FORMS = {
    "participation/questions/": [("post", "question")],
    "participation/complaints/": [("post", "complaint"), ("get", "status")],
    "follow/": [("post", "subscribe")],
    "policies/privacy/": [("post", "delete")],
}

QA = {"generated": "2026-11-24T03:00:00+00:00", "questions": {
    "th": [
        {"code": "Q-AAAA-0001", "question": "ขอใบอนุญาตจัดงานได้ที่ไหน", "answer": "ยื่นที่ศูนย์บริการชั้น 1\nในวันและเวลาราชการ",
         "asked": "2026-11-02", "answered": "2026-11-05"},
        {"code": "Q-AAAA-0002", "question": "คำถามที่มี <script>alert(1)</script>", "answer": "ย่อหน้าแรก\n\nย่อหน้า <b>สอง</b>",
         "asked": "2026-11-10", "answered": "2026-11-20"},
    ],
    "en": [{"code": "Q-BBBB-0003", "question": "Where do I apply for an event permit?",
            "answer": "At the service counter on the ground floor.", "asked": "2026-11-03", "answered": "2026-11-06"}],
}}
SURVEY = {"generated": "2026-11-24T03:00:00+00:00", "months": [
    {"month": "2026-10", "section": "news", "responses": 4, "ratings": {"1": 0, "2": 0, "3": 1, "4": 2, "5": 1},
     "average": 4.0},
    {"month": "2026-11", "section": "home", "responses": 3, "ratings": {"1": 1, "2": 0, "3": 0, "4": 0, "5": 2},
     "average": 3.67},
]}
STATS = {"generated": "2026-11-24T03:00:00+00:00", "days": [
    {"date": "2026-11-22", "total": 1234, "pages": {"/": 1000, "/en/": 234}},
    {"date": "2026-11-23", "total": 56, "pages": {"/": 56}},
]}


def participation_site(where: Path, exports: bool) -> Path:
    """The mini site with a page for each set of components, in both languages; with the service's export files
    or not."""
    config = write_minisite(where)
    for rel, (title_th, title_en, marks) in PAGES.items():
        for lang, title in (("th", title_th), ("en", title_en)):
            path = where / "docs" / lang / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\ntitle: {title}\ndescription: {title}\ncomponents: [{', '.join(marks)}]\n"
                            "hidden: true\n---\n\n"
                            f"# {title}\n\nProse before the components.\n", encoding="utf-8")
    if exports:
        (where / "data" / "service").mkdir(parents=True)
        for name, data in (("qa.json", QA), ("survey.json", SURVEY), ("stats.json", STATS)):
            (where / "data" / "service" / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return config


def build(tmp_path_factory, name: str, exports: bool) -> Path:
    where = tmp_path_factory.mktemp(name)
    result = mkdocs_build(participation_site(where, exports), where / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return where / "out"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "participation", exports=True)


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "participation-bare", exports=False)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def service_forms(page: BeautifulSoup) -> list:
    return page.select("form.cw-form")


# ---- Forms --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, prefix", LANGS.items())
@pytest.mark.parametrize("path", FORMS)
def test_each_form_posts_to_the_service_in_the_pages_language(site, lang, prefix, path):
    page = soup(site, prefix + path)
    in_content = [f for f in service_forms(page) if "cw-survey" not in f["class"]]
    assert [(f["method"], f["action"]) for f in in_content] == \
        [(method, f"{DEFAULT_SERVICE}/{lang}/{name}") for method, name in FORMS[path]]
    for form in in_content:
        # Every field has a label; personal-data forms state their purpose and ask for consent.
        for field in form.select("input:not([type=hidden]), textarea"):
            assert page.select_one(f'label[for="{field["id"]}"]'), field
        if form["method"] == "post":
            assert form.select_one(".cw-purpose, .cw-hint") or page.select_one(".changwat-participation .cw-purpose")
    if path in ("participation/questions/", "participation/complaints/", "follow/"):
        consent = page.select_one("input[name=consent][type=checkbox]")
        assert consent and page.select_one(f'label[for="{consent["id"]}"]').get_text(strip=True)


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_the_survey_is_in_every_pages_footer(site, lang, prefix):
    pages = [p for p in (site / prefix).rglob("index.html") if lang == "en" or not p.is_relative_to(site / "en")]
    assert len(pages) >= 7
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        [survey] = page.select("footer form.cw-survey")
        assert (survey["method"], survey["action"]) == ("post", f"{DEFAULT_SERVICE}/{lang}/survey")
        url_path = "/" + path.parent.relative_to(site).as_posix() + "/"
        assert survey.select_one("input[name=page]")["value"] == url_path.replace("/./", "/")
        assert page.select_one("footer #footer-survey")


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_thai_and_english_wording(site, lang, prefix):
    page = soup(site, prefix + "participation/questions/")
    legend = page.select_one("form[action$='/question'] legend").get_text()
    assert legend == ("ส่งคำถามถึงสำนักงาน" if lang == "th" else "Ask the office a question")
    note = page.select_one(".changwat-survey__note").get_text(" ", strip=True)
    assert ("ยินยอม" in note) if lang == "th" else ("agree" in note)
    href = page.select_one(".changwat-survey__note a")["href"]
    assert (site / prefix / "participation/questions" / href).resolve() == (site / prefix / "participation/statistics")


# ---- The forms script and style -----------------------------------------------------------------------------

def test_forms_script_and_style_are_the_sites_own_files(site):
    # The service's files without their comments (changwat.site.slim): on every page's first view.
    for name, minify in (("changwat-forms.js", minify_script), ("changwat-forms.css", minify_css)):
        built = (site / "assets" / name).read_text(encoding="utf-8")
        assert built == minify((SNIPPETS / name).read_text(encoding="utf-8"))
        assert len(built) < len((SNIPPETS / name).read_text(encoding="utf-8"))
    assert (site / "assets" / "changwat" / "participation" / "participation.css").is_file()   # moved with the kit
    for path in ("", "en/", "participation/statistics/", "en/follow/"):
        page = soup(site, path)
        scripts = [s for s in page.select("script[src]") if s["src"].endswith("changwat-forms.js")]
        [script] = scripts  # once per page
        assert script["data-service"] == DEFAULT_SERVICE and script.has_attr("defer")
        assert not script["src"].startswith(("http:", "https:", "//"))
        assert (site / path / script["src"]).resolve() == (site / "assets" / "changwat-forms.js").resolve()
        # Linked, or carried by the first stylesheet with Material's and the kit's (changwat-site, first view).
        styles = "\n".join((site / path / link["href"]).resolve().read_text(encoding="utf-8")
                            for link in page.select("link[rel=stylesheet]"))
        for css in ("changwat-forms.css", "changwat/participation/participation.css"):
            assert (site / "assets" / css).read_text(encoding="utf-8") in styles


# ---- Exports: answers and statistics ------------------------------------------------------------------------

def test_published_answers_in_thai(site):
    page = soup(site, "participation/questions/")
    items = page.select(".changwat-qa__item")
    assert [i.h3.get_text() for i in items] == ["คำถามที่มี <script>alert(1)</script>", "ขอใบอนุญาตจัดงานได้ที่ไหน"]
    assert not page.select(".changwat-qa script, .changwat-qa b")  # the export's text is escaped
    newest, older = items
    assert newest.h3["id"] == "qa-q-aaaa-0002"
    assert [p.get_text() for p in newest.select("p")[2:]] == ["ย่อหน้าแรก", "ย่อหน้า <b>สอง</b>"]
    assert older.select("p")[2].decode_contents() == "ยื่นที่ศูนย์บริการชั้น 1<br/>ในวันและเวลาราชการ"
    meta = older.select_one(".changwat-qa__meta")
    assert "5 พฤศจิกายน 2569" in meta.get_text() and meta.select("time")[1]["datetime"] == "2026-11-05"
    assert "ยังไม่มีคำถาม" not in page.get_text()


def test_published_answers_in_english(site):
    page = soup(site, "en/participation/questions/")
    [item] = page.select(".changwat-qa__item")
    assert item.h3.get_text() == "Where do I apply for an event permit?"
    assert "6 November 2026" in item.get_text()


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_statistics_from_the_exports(site, lang, prefix):
    page = soup(site, prefix + "participation/statistics/")
    survey, visits = page.select("table")
    rows = [[c.get_text(strip=True) for c in tr.select("th, td")] for tr in survey.select("tbody tr")]
    if lang == "th":
        assert rows == [["พฤศจิกายน 2569", "หน้าแรก", "3", "3.67", "1", "0", "0", "0", "2"],
                        ["ตุลาคม 2569", "ข่าวประชาสัมพันธ์", "4", "4.00", "0", "0", "1", "2", "1"]]
    else:
        assert rows[0][:4] == ["November 2026", "Home", "3", "3.67"] and rows[1][:2] == ["October 2026", "News"]
    assert survey.caption.get_text(strip=True)
    days = [[c.get_text(strip=True) for c in tr.select("th, td")] for tr in visits.select("tbody tr")]
    assert days == ([["23 พฤศจิกายน 2569", "56"], ["22 พฤศจิกายน 2569", "1,234"]] if lang == "th"
                    else [["23 November 2026", "56"], ["22 November 2026", "1,234"]])
    # Tables scroll in a labelled, focusable region at 320 px, like every other table of the site.
    assert all(t.parent.get("role") == "region" and t.parent.get("tabindex") == "0" for t in (survey, visits))
    assert not page.select(".changwat-nodata")


NO_DATA = {
    "th": ("ยังไม่มีคำถามที่สำนักงานตอบและเผยแพร่", "ยังไม่มีผลการสำรวจความพึงพอใจที่เผยแพร่", "ยังไม่มีสถิติการเข้าชมที่เผยแพร่"),
    "en": ("There are no published answers yet.", "No survey results have been published yet.",
           "No visit statistics have been published yet."),
}


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_a_plain_sentence_without_exports(bare_site, lang, prefix):
    qa, survey, visits = NO_DATA[lang]
    questions = soup(bare_site, prefix + "participation/questions/")
    assert not questions.select(".changwat-qa__item")
    assert questions.select_one(".changwat-nodata").get_text().startswith(qa)
    stats = soup(bare_site, prefix + "participation/statistics/")
    assert not stats.select("table")
    assert [p.get_text()[: len(t)] for p, t in zip(stats.select(".changwat-nodata"), (survey, visits))] == [survey, visits]
    # The forms do not depend on the exports.
    assert soup(bare_site, prefix + "participation/complaints/").select("form[action$='/complaint']")


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_each_page_shows_its_components_after_its_prose_in_order(site, lang, prefix):
    """The components named in front matter, in that order, after the officer's text (forms are told apart by
    where they post, the exports by their own class)."""
    marks = {"question": "form[action$='/question']", "complaint": "form[action$='/complaint']",
             "status": "form[action$='/status']", "subscribe": "form[action$='/subscribe']",
             "delete": "form[action$='/delete']", "qa": ".changwat-qa", "survey-results": "table",
             "visits": "table"}
    for rel, (_, _, names) in PAGES.items():
        article = soup(site, prefix + rel.removesuffix(".md").removesuffix("index") + "/").select_one("article")
        html = str(article)
        found = [html.find(str(article.select(marks[n])[-1 if n == "visits" else 0])) for n in names]
        assert all(i > html.find("Prose before the components.") > 0 for i in found), rel
        assert found == sorted(found), rel


def test_survey_sections_are_named_from_sections_yml_and_the_menu():
    """One source for what the survey calls each part of the site: sections.yml for the item sections (the old
    table in code said "Procurement" where the site says "Procurement notices"), the menu for the rest."""
    from changwat.contracts.exports import SurveyExport, SurveyMonth
    from changwat.participation.service_forms import section_labels, survey_view

    menu = [("Home", [""]), ("About us", ["about/", "about/history/"]), ("News", ["news/", "follow/"]),
            ("News", ["news/"]), ("Follow us", ["follow/"]), ("Procurement", ["procurement/"])]
    labels = section_labels(menu, {"news": "News", "procurement": "Procurement notices"})
    assert labels == {"home": "Home", "about": "About us", "news": "News", "follow": "Follow us",
                      "procurement": "Procurement notices"}
    survey = SurveyExport(generated="2026-11-24T03:00:00+00:00", months=(
        SurveyMonth(month="2026-11", section="procurement", responses=1, ratings={"5": 1}, average=5.0),
        SurveyMonth(month="2026-11", section="petitions", responses=1, ratings={"4": 1}, average=4.0)))
    rows = survey_view(survey, "en", labels)
    assert sorted(r["section"] for r in rows) == ["Procurement notices", "petitions"]   # unnamed: its segment


def test_an_unknown_component_stops_the_build_naming_the_file_in_thai_and_english(tmp_path):
    config = participation_site(tmp_path, exports=False)
    page = tmp_path / "docs" / "th" / "follow.md"
    page.write_text(page.read_text(encoding="utf-8").replace("components: [subscribe]", "components: [subscribe, petition]"),
                    encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/th/follow.md:4 (components)" in output
    assert 'ไม่รู้จักส่วนประกอบของหน้าชื่อ "petition"' in output and 'no page component called "petition"' in output
    assert "Traceback" not in output
