"""Every automated item of the standard audit fails when its feature is taken out of the built site.

One copy of the session's built site (tests/conftest.py built_site); each case changes a few files in it, runs
only the audit (only that item), and puts the files back. The table of these mutations is in checks/README.md.
Items verified by another gate check (F3 vnu, F4 axe, F4b links, F5 i18n, F16 privacy) are mutated at the
check's result: those engines find the broken page in their own tests (tests/checks/test_checks_*.py), and running
them here over every page would take minutes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from changwat.checks import audit
from changwat.checks.report import CheckResult, Finding
from changwat.checks.site import Site, read_site_url

SITE_URL = read_site_url()
# The items another gate check proves; F4 (accessibility) needs both engines.
CHECK_ITEMS = {"F3": ("vnu",), "F4": ("axe", "ibm"), "F4b": ("links",), "F5": ("i18n",), "F16": ("privacy",)}
ALL_CHECKS = [name for names in CHECK_ITEMS.values() for name in names]
# A page deep in the site, standing for "one page" in the every-page items.
ONE = "news/2026-08-07-mobile-service-unit/index.html"


def passing(name: str) -> CheckResult:
    return CheckResult(name, pages_checked=1)


class Mutation:
    """Changes to the shared copy, undone after the case."""

    def __init__(self, root: Path):
        self.root = root
        self.saved: dict[Path, bytes | None] = {}

    def _keep(self, path: Path):
        if path not in self.saved:
            self.saved[path] = path.read_bytes() if path.exists() else None

    def sub(self, rel: str, pattern: str, repl: str = "", flags=re.S):
        path = self.root / rel
        self._keep(path)
        text, n = re.subn(pattern, repl, path.read_text(encoding="utf-8"), flags=flags)
        assert n, f"the mutation changed nothing in {rel}: {pattern}"  # a mutation that removes nothing proves nothing
        path.write_text(text, encoding="utf-8")

    def sub_within(self, rel: str, container: str, old: str, new: str = ""):
        """Replace `old` everywhere inside the first element matching the pattern `container`."""
        self.sub(rel, container, lambda found: found.group(0).replace(old, new))

    def delete(self, rel: str):
        path = self.root / rel
        assert path.is_file(), rel
        self._keep(path)
        path.unlink()

    def undo(self):
        for path, data in self.saved.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)


def element(tag: str, inner: str) -> str:
    """An element with this tag whose opening tag or content contains `inner` (no nesting of the same tag)."""
    return rf"<{tag}\b(?:(?!</{tag}>).)*?{inner}(?:(?!</{tag}>).)*?</{tag}>"


def link_to(target: str) -> str:
    return rf'<a\b[^>]*href="[^"]*{target}"[^>]*>.*?</a>'


# item id, what is removed (checks/README.md), the change
MUTATIONS = [
    ("N3", "the office's name from one page's header", lambda m: m.sub_within(ONE, r"<header\b.*?</header>", "สำนักงานจังหวัดตัวอย่าง")),
    ("B1", "the Thai history page", lambda m: m.delete("about/history/index.html")),
    ("B2", "the English vision page", lambda m: m.delete("en/about/vision/index.html")),
    ("B3", "the executives page", lambda m: m.delete("about/executives/index.html")),
    ("B4", "the powers and duties page", lambda m: m.delete("en/about/duties/index.html")),
    ("B6", "the address from the contact page", lambda m: m.sub("contact/index.html", "ศาลากลางจังหวัดตัวอย่าง ชั้น 2 ถนนศาลากลาง")),
    ("B6", "the phone link from the English contact page", lambda m: m.sub("en/contact/index.html", r'href="tel:\+6699991234"', 'href="#"')),
    ("B6", "the fax from the contact page", lambda m: m.sub("contact/index.html", "0 9999 1235")),
    ("B6", "the e-mail from the contact page", lambda m: m.sub("contact/index.html", "saraban@sample-province.go.th")),
    ("B6", "the map link from the contact page", lambda m: m.sub("contact/index.html", r'href="https://www\.openstreetmap\.org[^"]*"', 'href="#"')),
    ("B8", "the items of the news listing", lambda m: m.sub("news/index.html", "changwat-listing__item", "x")),
    ("B9", "the items of the English procurement listing", lambda m: m.sub("en/procurement/index.html", "changwat-listing__item", "x")),
    ("B10", "the PDF links of the downloads page", lambda m: m.sub("downloads/index.html", r'href="[^"]*\.pdf"', 'href="#"')),
    ("S1", "the e-services page", lambda m: m.delete("services/e-services/index.html")),
    ("P1", "the question form", lambda m: m.sub("en/participation/questions/index.html", element("form", "/question"))),
    ("P2", "the search box from one page", lambda m: m.sub(ONE, r'<input type="search"[^>]*>')),
    ("P2", "the Thai search index", lambda m: m.delete("search/th/manifest.json")),
    ("P3", "the feed links of the follow page", lambda m: m.sub("follow/index.html", r'href="[^"]*rss\.xml"', 'href="#"')),
    ("P4", "the social links from one page's footer", lambda m: m.sub(ONE, r'href="https://(www\.facebook\.com|line\.me)/[^"]*"', 'href="#"')),
    ("P5", "the comment box of one page's feedback form", lambda m: m.sub(ONE, element("textarea", ""))),
    ("P6", "the complaint form", lambda m: m.sub("participation/complaints/index.html", element("form", "/complaint"))),
    ("P6", "the status look-up", lambda m: m.sub("en/participation/complaints/index.html", element("form", "/status"))),
    ("P7", "the rating of one page's survey", lambda m: m.sub(ONE, r'<input[^>]*name="rating"[^>]*>')),
    ("P8", "the questions of the FAQ", lambda m: m.sub("faq/index.html", element("h3", ""))),
    ("P9", "the news RSS feed", lambda m: m.delete("news/rss.xml")),
    ("P10", "the e-mail field of the subscription form", lambda m: m.sub("follow/index.html", r'<input[^>]*name="email"[^>]*>')),
    ("P11", "the share links of one page", lambda m: m.sub(ONE, r'<section[^>]*changwat-share.*?</section>')),
    ("O1", "the JSON download of the open data", lambda m: m.delete("recommendations/data/recommendations.json")),
    ("O3", "the licence of the open data", lambda m: m.sub("en/recommendations/open-data/index.html", "Licence", "Terms")),
    ("O5", "the address from the English contact page", lambda m: m.sub("en/contact/index.html", "2nd floor, Sample Provincial Hall, Sala Klang Road")),
    ("O7", "the dates of the news listing", lambda m: m.sub("news/index.html", r"<time\b[^>]*>.*?</time>")),
    ("O8", "the question form", lambda m: m.sub("participation/questions/index.html", element("form", "/question"))),
    ("O9", "the social links of the contact page", lambda m: m.sub("contact/index.html", r'href="https://(www\.facebook\.com|line\.me)/[^"]*"', 'href="#"')),
    ("F1", "the viewport from one page", lambda m: m.sub(ONE, r'<meta name="viewport"[^>]*>')),
    ("F6", "the larger-text button", lambda m: m.sub(ONE, element("button", 'data-changwat-text="larger"'))),
    ("F6", "the smaller-text button", lambda m: m.sub(ONE, element("button", 'data-changwat-text="smaller"'))),
    ("F6", "the high-contrast button", lambda m: m.sub(ONE, element("button", 'data-changwat-mode="high-contrast"'))),
    ("F6", "the script that makes the buttons work", lambda m: m.sub(ONE, r'<script src="[^"]*display\.js"[^>]*></script>')),
    ("F7", "the site map link from one page", lambda m: m.sub(ONE, link_to("sitemap/"))),
    ("F8", "the links of the site map page", lambda m: m.sub("sitemap/index.html", "changwat-sitemap", "x")),
    ("F8b", "the hreflang alternates of sitemap.xml", lambda m: m.sub("sitemap.xml", r"<xhtml:link[^>]*/>")),
    ("F9", "the breadcrumb of the history page", lambda m: m.sub("about/history/index.html", "md-path", "x")),
    ("F10", "the last-updated date of one page", lambda m: m.sub(ONE, r'<p class="changwat-updated">.*?</p>')),
    ("F11", "the visits of the statistics page", lambda m: m.sub("participation/statistics/index.html", 'id="visits"', 'id="x"')),
    ("F12", "the meta description of one page", lambda m: m.sub(ONE, r'<meta name="description"[^>]*>')),
    ("F12", "the title of one page", lambda m: m.sub("en/" + ONE, r"<title>.*?</title>", "<title></title>")),
    ("F12b", "the JSON-LD of the English home page", lambda m: m.sub("en/index.html", r'<script type="application/ld\+json">.*?</script>')),
    ("F14", "the accessibility statement link of one page", lambda m: m.sub(ONE, link_to("accessibility/"))),
    ("Y1", "the website policy link of one page", lambda m: m.sub(ONE, link_to("policies/website/"))),
    ("Y2", "the privacy policy link of one page", lambda m: m.sub(ONE, link_to("policies/privacy/"))),
    ("Y3", "the security policy link of one page", lambda m: m.sub(ONE, link_to("policies/security/"))),
    ("Y4", "the disclaimer link of one page", lambda m: m.sub(ONE, link_to("policies/disclaimer/"))),
    ("Y5", "the cookie section of the privacy policy", lambda m: m.sub("policies/privacy/index.html", element("h2", "คุกกี้"))),
]


@pytest.fixture(scope="module")
def copy(built_site, tmp_path_factory):
    return shutil.copytree(built_site, tmp_path_factory.mktemp("mutated") / "site")


def audit_item(root: Path, item: str, tmp: Path, results=None):
    site = Site(root, SITE_URL)
    if results is None:
        results = {name: passing(name) for name in ALL_CHECKS}
    result = audit.run(site, results, tmp / "audit.json", only={item}, attestations=tmp / "none.yml")
    return {f.rule.removeprefix("gws-") for f in result.findings}


def test_every_automated_item_has_a_mutation():
    automated = {i["id"] for i in audit.load_items() if i["verify"]["kind"] != "manual"}
    assert automated == {item for item, _, _ in MUTATIONS} | set(CHECK_ITEMS)


def test_every_automated_item_passes_on_the_unchanged_copy(copy, tmp_path):
    automated = {i["id"] for i in audit.load_items() if i["verify"]["kind"] != "manual"}
    results = {name: passing(name) for name in ALL_CHECKS}
    result = audit.run(Site(copy, SITE_URL), results, tmp_path / "audit.json", only=automated, attestations=tmp_path / "none.yml")
    assert not result.findings


@pytest.mark.parametrize(("item", "removed", "change"), MUTATIONS, ids=[f"{m[0]}-{m[1]}" for m in MUTATIONS])
def test_removing_the_feature_fails_its_item(copy, tmp_path, item, removed, change):
    mutation = Mutation(copy)
    try:
        change(mutation)
        assert audit_item(copy, item, tmp_path) == {item}
    finally:
        mutation.undo()  # byte for byte: the next case starts from the built site


@pytest.mark.parametrize(("item", "name"), [(i, n) for i, names in sorted(CHECK_ITEMS.items()) for n in names])
def test_an_item_checked_by_another_check_fails_when_that_check_fails_or_did_not_run(copy, tmp_path, item, name):
    results = {n: passing(n) for n in ALL_CHECKS}
    results[name].findings.append(Finding(name, "about/", "some-rule", "the engine found a problem"))
    assert audit_item(copy, item, tmp_path, results) == {item}
    del results[name]
    assert audit_item(copy, item, tmp_path, results) == {item}
