"""The Government Website Standard audit: every item of checks/gws_items.yml, either verified on the built site
(with the page that proves it) or left to a person, whose attestation in data/attestations.yml is shown while it
is younger than a year. A manual item is never counted as passed.

Each automated item checks what it claims and nothing weaker: tests/checks/test_audit_mutations.py removes each
feature from a copy of the built site and sees its item fail. Nothing here reads the site's configuration: a
setting is not evidence that the public site has the feature.

Besides its findings, the audit writes reports/audit.json (changwat.contracts.reports.AuditReport), which the
next build publishes as the site's "Standard compliance" page (changwat-compliance).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from changwat.compliance.attestations import latest, read_attestations
from changwat.contracts.reports import AttestationRecord, AuditItem, AuditReport, write_report
from changwat.core.problems import ContentError

from .data import load_yaml
from .report import CheckResult, Finding
from .site import REPO, Site, language_of, page_path

NAME = "audit"
# Parsed pages kept between runs in one process, keyed by file, modification time and size: the mutation tests
# run the audit again and again on a copy where only a file or two changed.
_PARSED: dict[tuple, object] = {}
_LINKED: dict[tuple, set] = {}
ITEMS = Path(__file__).with_name("gws_items.yml")
RESULT = REPO / "reports" / "audit.json"
ATTESTATIONS = "data/attestations.yml"
LANGS = ("th", "en")
THAI = re.compile("[\u0e00-\u0e7f]")
TZ = dt.timezone(dt.timedelta(hours=7))


def load_items() -> list[dict]:
    return load_yaml(ITEMS)["items"]


class Audit:
    """The verifiers. Pages are parsed with lxml (not the checks' shared, cached BeautifulSoup parse): the
    audit walks every page for several items, and the mutation tests re-run it on changed copies."""

    def __init__(self, site: Site, results: dict[str, CheckResult] | None):
        self.site = site
        self.results = results or {}
        self._trees: dict[Path, object] = {}
        self._links: dict[Path, set] = {}
        self._scripts: dict[Path, str] = {}
        self._resolved: dict[str, str | None] = {}

    def tree(self, path: Path):
        if path not in self._trees:
            stat = path.stat()
            key = (path, stat.st_mtime_ns, stat.st_size)
            if key not in _PARSED:
                if len(_PARSED) > 4096:
                    _PARSED.clear()
                _PARSED[key] = lxml.html.fromstring(path.read_bytes())
            self._trees[path] = _PARSED[key]
        return self._trees[path]

    def pages_of(self, lang: str) -> list[Path]:
        return [p for p in self.site.pages if language_of(self.site.page_of(p)) == lang]

    @staticmethod
    def localised(path: str, lang: str) -> str:
        return path if lang == "th" else f"en/{path}"

    def file_of(self, page: str) -> Path | None:
        return self.site.resolve(self.site.base_path + page)

    def office(self, lang: str) -> dict | None:
        """The home page's GovernmentOrganization JSON-LD in this language: what the site says of the office."""
        target = self.file_of(self.localised("", lang))
        if target is None:
            return None
        for script in self.tree(target).xpath('//script[@type="application/ld+json"]'):
            try:
                data = json.loads(script.text or "{}")
            except ValueError:
                continue
            if isinstance(data, dict) and data.get("@type") == "GovernmentOrganization":
                return data
        return None

    # Each verifier returns (status, evidence page, detail); status is "pass" or "fail".

    def missing(self, tree, xpaths) -> str | None:
        for xpath in xpaths or ():
            if not tree.xpath(xpath):
                return xpath
        return None

    def v_page(self, spec):
        for path in spec["paths"]:
            for lang in LANGS:
                page = self.localised(path, lang)
                target = self.file_of(page)
                if target is None:
                    return "fail", page, f"the page {page or 'home'} does not exist"
                tree = self.tree(target)
                lacking = self.missing(tree, spec.get("has"))
                if lacking:
                    return "fail", page, f"the page has nothing matching {lacking}"
                article = " ".join(t.text_content() for t in tree.xpath("//article")) or tree.text_content()
                text = (spec.get("text") or {}).get(lang)
                if text and text not in article:
                    return "fail", page, f"the page does not mention “{text}”"
                heading = (spec.get("heading") or {}).get(lang)
                if heading and not any(heading in h.text_content() for h in tree.xpath("//article//h2|//article//h3")):
                    return "fail", page, f"no heading of the page mentions “{heading}”"
        for file in spec.get("files", []):
            if not (self.site.root / file).is_file() or not (self.site.root / file).stat().st_size:
                return "fail", file, f"{file} is missing or empty"
        return "pass", spec["paths"][0], "found in Thai and English"

    def v_linked(self, spec):
        for lang in LANGS:
            for target in spec["paths"]:
                wanted = self.localised(target, lang)
                for path in self.pages_of(lang):
                    if wanted not in self.links_of(path):
                        return "fail", self.site.page_of(path), f"no link to {wanted or 'the home page'} on this page"
        return "pass", spec["paths"][0], f"linked from all {len(self.site.pages)} pages"

    def links_of(self, path: Path) -> set:
        """The pages this page links to. The URL paths of a page's links are kept like its parse; which file each
        one reaches is looked up again in every run (a page linked to may have gone)."""
        if path not in self._links:
            stat = path.stat()
            key = (path, stat.st_mtime_ns, stat.st_size, self.site.base_path)
            if key not in _LINKED:
                if len(_LINKED) > 4096:
                    _LINKED.clear()
                base = "http://site" + self.site.base_path + self.site.page_of(path)
                urls = (urlsplit(urljoin(base, href)) for href in self.tree(path).xpath("//a/@href"))
                _LINKED[key] = {unquote(u.path) for u in urls if u.netloc == "site"}
            self._links[path] = {self._page_at(url) for url in _LINKED[key]}
        return self._links[path]

    def _page_at(self, url_path: str) -> str | None:
        if url_path not in self._resolved:
            file = self.site.resolve(url_path)
            self._resolved[url_path] = page_path(self.site.rel(file)) if file else None
        return self._resolved[url_path]

    def v_every(self, spec):
        skip = set(spec.get("except", []))
        for file in spec.get("files", []):
            if not (self.site.root / file).is_file():
                return "fail", file, f"{file} is missing"
        for path in self.site.pages:
            page = self.site.page_of(path)
            if page in skip:
                continue
            tree = self.tree(path)
            lacking = self.missing(tree, spec.get("has"))
            if lacking:
                return "fail", page, f"nothing matching {lacking}"
            wanted = spec.get("script_with")
            if wanted:
                sources = "".join(self.script(path, src) for src in tree.xpath("//script/@src"))
                absent = [w for w in wanted if w not in sources]
                if absent:
                    return "fail", page, f"no script of the page handles {', '.join(absent)}"
        return "pass", "", f"on all {len(self.site.pages) - len(skip)} pages"

    def script(self, page_file: Path, src: str) -> str:
        parts = urlsplit(urljoin("http://site" + self.site.base_path + self.site.page_of(page_file), src))
        file = self.site.resolve(unquote(parts.path)) if parts.netloc == "site" else None
        if file is None:
            return ""
        if file not in self._scripts:
            self._scripts[file] = file.read_text(encoding="utf-8", errors="replace")
        return self._scripts[file]

    def v_forms(self, spec):
        for path in spec["paths"]:
            for lang in LANGS:
                page = self.localised(path, lang)
                target = self.file_of(page)
                if target is None:
                    return "fail", page, f"the page {page} does not exist"
                forms = self.tree(target).xpath("//article//form")
                for want in spec["forms"]:
                    if not any(self.form_matches(form, want) for form in forms):
                        fields = ", ".join(want["fields"])
                        return "fail", page, (f"no {want['method'].upper()} form to …{want['action']} with the fields "
                                              f"{fields} and a submit button")
        return "pass", spec["paths"][0], "the forms are there in Thai and English"

    @staticmethod
    def form_matches(form, want) -> bool:
        if want["action"] not in (form.get("action") or ""):
            return False
        if (form.get("method") or "get").lower() != want["method"]:
            return False
        names = {e.get("name") for e in form.xpath(".//input|.//textarea|.//select")}
        if not set(want["fields"]) <= names:
            return False
        return bool(form.xpath(".//button[not(@type) or @type='submit']|.//input[@type='submit']"))

    def v_contact(self, spec):
        for lang in LANGS:
            page = self.localised(spec["path"], lang)
            office = self.office(lang)
            if not office:
                return "fail", self.localised("", lang), "the home page does not describe the office (JSON-LD)"
            target = self.file_of(page)
            if target is None:
                return "fail", page, "the contact page does not exist"
            tree = self.tree(target)
            text = " ".join(tree.text_content().split())
            hrefs = tree.xpath("//a/@href")
            address = office.get("address") or {}
            points = [p for p in office.get("contactPoint") or [] if isinstance(p, dict)]
            phones = [p.get("telephone") for p in points if p.get("contactType") != "complaints" and p.get("telephone")]
            wanted = {
                "the address": [address.get("streetAddress"), address.get("postalCode")],
                "the e-mail": [office.get("email")],
            }
            for label, values in wanted.items():
                if not all(values) or not all(" ".join(str(v).split()) in text for v in values):
                    return "fail", page, f"the contact page does not show {label} of the office"
            if not phones or not any(f"tel:{p}" in hrefs for p in phones):
                return "fail", page, "the contact page does not show the office's phone number as a link"
            fax = office.get("faxNumber")
            if fax and " ".join(fax.split()) not in text:
                return "fail", page, f"the office has a fax ({fax}) but the contact page does not show it"
            if not any(("openstreetmap.org" in h or "maps" in h) for h in hrefs):
                return "fail", page, "the contact page has no map link"
        return "pass", spec["path"], "address, phone, fax, e-mail and map in Thai and English"

    def v_office_name(self, spec):
        for lang in LANGS:
            office = self.office(lang)
            name = " ".join(str((office or {}).get("name") or "").split())
            if not name:
                return "fail", self.localised("", lang), "the home page does not name the office (JSON-LD)"
            if (lang == "th") != bool(THAI.search(name)):
                return "fail", self.localised("", lang), f"the {lang} name of the office is “{name}”"
            for path in self.pages_of(lang):
                tree = self.tree(path)
                header = " ".join(" ".join(e.text_content().split()) for e in tree.xpath("//header"))
                title = " ".join(" ".join((tree.findtext(".//title") or "").split()).split())
                if name not in header or name not in title:
                    return "fail", self.site.page_of(path), f"the header or the title does not name the office “{name}”"
        return "pass", "", "the office's Thai and English names on every page of each language"

    def v_feeds(self, spec):
        import feedparser

        for lang in LANGS:
            for path in spec["paths"]:
                page = self.localised(path, lang)
                file = self.site.root / page
                if not file.is_file():
                    return "fail", page, "the feed does not exist"
                feed = feedparser.parse(file.read_bytes())
                if feed.bozo:
                    return "fail", page, f"the feed does not parse: {feed.bozo_exception}"
                if path in spec.get("nonempty", []) and not feed.entries:
                    return "fail", page, "the feed has no items"
        return "pass", spec["paths"][0], f"{len(spec['paths'])} feeds per language parse"

    def v_check(self, spec):
        names = spec["name"] if isinstance(spec["name"], list) else [spec["name"]]
        passed = []
        for name in names:
            result = self.results.get(name)
            if result is None:
                return "fail", "", f"the {name} check did not run with the audit: run `make check`"
            blocking = [f for f in result.findings if f.blocking]
            if blocking:
                return "fail", blocking[0].page, f"{len(blocking)} problem(s) found by the {name} check"
            passed.append(f"{name}: {result.pages_checked} pages, no problems")
        return "pass", "", "; ".join(passed)

    def v_sitemap(self, spec):
        file = self.site.root / "sitemap.xml"
        text = file.read_text(encoding="utf-8") if file.is_file() else ""
        if 'hreflang="th"' in text and 'hreflang="en"' in text:
            return "pass", "sitemap.xml", "both languages with hreflang alternates"
        return "fail", "sitemap.xml", "sitemap.xml is missing or lacks hreflang alternates"

    def v_jsonld(self, spec):
        for lang in LANGS:
            if not self.office(lang):
                return "fail", self.localised("", lang), "no GovernmentOrganization JSON-LD on the home page"
        return "pass", "", "GovernmentOrganization on both home pages"


# How the built site shows it has an optional part of the kit at all (see `needs` in gws_items.yml).
PARTS = {
    "service": ("the participation service (service/README.md)",
                lambda audit: bool(audit.file_of("") is not None and audit.tree(audit.file_of("")).xpath(
                    "//form[@data-changwat-form]"))),
    "recommendations": ("the recommendations and open-data section",
                        lambda audit: (audit.site.root / "recommendations" / "index.html").is_file()),
}


def attestation_record(a, today: dt.date) -> AttestationRecord:
    return AttestationRecord(who=a.who, when=a.when.isoformat(), evidence=a.evidence, note=a.note,
                             expires=a.expires().isoformat(), current=a.current(today))


def run(site: Site, results: dict[str, CheckResult] | None = None, out: Path = RESULT,
        only: set[str] | None = None, attestations: Path | None = None, today: dt.date | None = None,
        ) -> CheckResult:
    """The audit of `site`. `only`: verify just these items (the mutation tests); `attestations`: the file of
    people's attestations (default data/attestations.yml next to the reports)."""
    start = time.monotonic()
    now = dt.datetime.now(TZ)
    today = today or now.date()
    result = CheckResult(NAME)
    audit = Audit(site, results)
    items = [i for i in load_items() if only is None or i["id"] in only]
    manual_ids = {i["id"] for i in load_items() if i["verify"]["kind"] == "manual"}
    all_ids = {i["id"] for i in load_items()}
    file = attestations or (out.parent.parent / ATTESTATIONS)
    try:
        attested = latest(read_attestations(file, ATTESTATIONS, manual_ids, all_ids, today))
    except ContentError as e:
        attested = {}
        for p in e.problems:
            result.findings.append(Finding(
                NAME, "", "gws-attestations", f"{p.where()}: {p.what_en} / {p.what_th}",
                fix=f"{p.fix_en} / {p.fix_th}"))
    rows = []
    for item in items:
        spec = item["verify"]
        row = {"id": item["id"], "group": item["group"], "title": item["title"], "gws3": item.get("gws3", "")}
        if spec["kind"] == "manual":
            a = attested.get(item["id"])
            record = attestation_record(a, today) if a else None
            if record and record.current:
                detail = f"attested by {a.who} on {a.when.isoformat()}"
            elif record:
                detail = f"the attestation of {a.when.isoformat()} is older than a year: check again"
            else:
                detail = "no attestation yet"
            row.update(status="manual", evidence="", detail=detail, why=spec["why"], how="person",
                       check=spec["check"], record=ATTESTATIONS, attestation=record)
        else:
            status, evidence, detail = getattr(audit, f"v_{spec['kind']}")(spec)
            row.update(status=status, evidence=evidence, detail=detail, why=None, how="automated")
            if status == "fail":
                part = PARTS.get(item.get("needs", ""))
                absent = part is not None and not part[1](audit)
                result.findings.append(Finding(
                    NAME, evidence, f"gws-{item['id']}",
                    f"Standard item {item['id']} ({item['title']['en']} / {item['title']['th']}) is not met: {detail}.",
                    fix=(f"This site is built without {part[0]}: set it up to meet the item." if absent else
                         "Add what the item asks for (see checks/gws_items.yml for how it is verified)."),
                    severity="warning" if absent else "error"))
        rows.append(row)
    result.pages_checked = len(site.pages)
    result.seconds = time.monotonic() - start
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("pass", "fail", "manual")}
    counts["attested"] = sum(1 for r in rows if r.get("attestation") and r["attestation"].current)
    result.notes.append(f"{counts['pass']} items pass, {counts['fail']} fail, {counts['manual']} need a person "
                        f"({counts['attested']} of them attested within a year)")
    result.notes.extend(table(rows))
    write_report(out, AuditReport(
        checked_at=now.isoformat(timespec="minutes"), site_url=site.site_url, counts=counts,
        items=tuple(AuditItem(**row) for row in rows), attestations_file=ATTESTATIONS))
    return result


def table(rows: list[dict]) -> list[str]:
    """The audit as a plain table in the report's notes."""
    lines = [f"{'item':6} {'how':9} {'result':9} {'evidence':28} standard item"]
    for r in rows:
        shown = r["status"].upper()
        if r["status"] == "manual" and r.get("attestation") and r["attestation"].current:
            shown = "ATTESTED"
        lines.append(f"{r['id']:6} {r['how']:9} {shown:9} {(r['evidence'] or '(all pages)')[:28]:28} "
                     f"{r['title']['en']}")
    return lines
