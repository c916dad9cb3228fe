"""The Government Website Standard audit: each machine-checkable item of checks/gws_items.yml, verified on
the built site, with the page that proves it. Items that need a person's judgement are listed as such and
never counted as passed.

Besides its findings, the audit writes reports/audit.json (changwat.contracts.reports.AuditReport), which the
next build publishes as the site's "Standard compliance" page (changwat-compliance).
"""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from changwat.contracts.reports import AuditItem, AuditReport, write_report

from .data import load_yaml
from .html import parse
from .report import CheckResult, Finding
from .site import REPO, Site, language_of, page_path

NAME = "audit"
ITEMS = Path(__file__).with_name("gws_items.yml")
RESULT = REPO / "reports" / "audit.json"
LANGS = ("th", "en")


class Audit:
    def __init__(self, site: Site, results: dict[str, CheckResult] | None):
        self.site = site
        self.results = results or {}
        self._soups: dict[Path, object] = {}
        self._links: dict[Path, set] = {}

    def soup(self, path: Path):
        if path not in self._soups:
            self._soups[path] = parse(path)
        return self._soups[path]

    def pages_of(self, lang: str) -> list[Path]:
        return [p for p in self.site.pages if language_of(self.site.page_of(p)) == lang]

    def localised(self, path: str, lang: str) -> str:
        return path if lang == "th" else f"en/{path}"

    def file_of(self, page: str) -> Path | None:
        return self.site.resolve(self.site.base_path + page)

    # Each verifier returns (status, evidence page, detail); status is "pass", "fail" or "manual".

    def v_page(self, spec):
        return self.v_pages({**spec, "paths": [spec["path"]]})

    def v_pages(self, spec):
        for path in spec["paths"]:
            for lang in LANGS:
                page = self.localised(path, lang)
                target = self.file_of(page)
                if target is None:
                    return "fail", page, f"the page {page or 'home'} does not exist"
                soup = self.soup(target)
                for selector in spec.get("selectors", []):
                    if not soup.select(selector):
                        return "fail", page, f"the page has no element matching {selector}"
                text = (spec.get("text") or {}).get(lang)
                if text and text not in soup.get_text(" "):
                    return "fail", page, f"the page does not mention “{text}”"
        return "pass", spec["paths"][0], "found in Thai and English"

    def v_linked(self, spec):
        for lang in LANGS:
            pages = self.pages_of(lang)
            for target in spec["paths"]:
                wanted = self.localised(target, lang)
                for path in pages:
                    page = self.site.page_of(path)
                    if wanted not in self.links_of(path):
                        return "fail", page, f"no link to {wanted or 'the home page'} on this page"
        return "pass", spec["paths"][0], f"linked from all {len(self.site.pages)} pages"

    def links_of(self, path: Path) -> set:
        """The pages this page links to, resolved once."""
        if path not in self._links:
            page = self.site.page_of(path)
            self._links[path] = {self._target_page(page, a.get("href", "")) for a in self.soup(path).select("a[href]")}
        return self._links[path]

    def _target_page(self, page: str, href: str) -> str | None:
        absolute = urljoin("http://site" + self.site.base_path + page, href)
        parts = urlsplit(absolute)
        if parts.netloc != "site":
            return None
        file = self.site.resolve(unquote(parts.path))
        return page_path(self.site.rel(file)) if file else None

    def v_every(self, spec):
        skip = set(spec.get("except", []))
        for path in self.site.pages:
            page = self.site.page_of(path)
            if page in skip:
                continue
            if not self.soup(path).select(spec["selector"]):
                return "fail", page, f"no element matching {spec['selector']}"
        return "pass", "", f"on all {len(self.site.pages) - len(skip)} pages"

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
        result = self.results.get(spec["name"])
        if result is None:
            return "fail", "", f"the {spec['name']} check did not run with the audit: run `make check`"
        blocking = [f for f in result.findings if f.blocking]
        if blocking:
            return "fail", blocking[0].page, f"{len(blocking)} problem(s) found by the {spec['name']} check"
        return "pass", "", f"{spec['name']}: {result.pages_checked} pages, no problems"

    def v_sitemap(self, spec):
        file = self.site.root / "sitemap.xml"
        text = file.read_text(encoding="utf-8") if file.is_file() else ""
        if 'hreflang="th"' in text and 'hreflang="en"' in text:
            return "pass", "sitemap.xml", "both languages with hreflang alternates"
        return "fail", "sitemap.xml", "sitemap.xml is missing or lacks hreflang alternates"

    def v_jsonld(self, spec):
        for lang in LANGS:
            page = self.localised("", lang)
            target = self.file_of(page)
            scripts = self.soup(target).select('script[type="application/ld+json"]') if target else []
            types = []
            for script in scripts:
                try:
                    types.append(json.loads(script.string or "{}").get("@type"))
                except ValueError:
                    return "fail", page, "the JSON-LD does not parse"
            if "GovernmentOrganization" not in types:
                return "fail", page, "no GovernmentOrganization JSON-LD on the home page"
        return "pass", "", "GovernmentOrganization on both home pages"

    def v_https(self, spec):
        ok = self.site.site_url.startswith("https://")
        return ("pass" if ok else "fail"), "", f"site_url is {self.site.site_url or 'not set'}"

    def v_domain(self, spec):
        host = self.site.own_host
        ok = host.endswith(spec["suffix"])
        return ("pass" if ok else "fail"), "", f"the site's host is {host or 'unknown'}"

    def v_manual(self, spec):
        return "manual", "", spec["why"]["en"]


def run(site: Site, results: dict[str, CheckResult] | None = None, out: Path = RESULT) -> CheckResult:
    start = time.monotonic()
    result = CheckResult(NAME)
    audit = Audit(site, results)
    rows = []
    for item in load_yaml(ITEMS)["items"]:
        spec = item["verify"]
        status, evidence, detail = getattr(audit, f"v_{spec['kind']}")(spec)
        rows.append({"id": item["id"], "group": item["group"], "title": item["title"], "status": status,
                     "evidence": evidence, "detail": detail,
                     "why": spec.get("why") if status == "manual" else None})
        if status == "fail":
            result.findings.append(Finding(
                NAME, evidence, f"gws-{item['id']}",
                f"Standard item {item['id']} ({item['title']['en']} / {item['title']['th']}) is not met: {detail}.",
                fix="Add what the item asks for (see checks/gws_items.yml for how it is verified)."))
    result.pages_checked = len(site.pages)
    result.seconds = time.monotonic() - start
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("pass", "fail", "manual")}
    result.notes.append(f"{counts['pass']} items pass, {counts['fail']} fail, {counts['manual']} need a person")
    result.notes.extend(table(rows))
    write_report(out, AuditReport(
        checked_at=dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).isoformat(timespec="minutes"),
        site_url=site.site_url, counts=counts, items=tuple(AuditItem(**row) for row in rows)))
    return result


def table(rows: list[dict]) -> list[str]:
    """The audit as a plain table in the report's notes."""
    lines = [f"{'item':6} {'result':7} {'evidence':28} standard item"]
    for r in rows:
        lines.append(f"{r['id']:6} {r['status'].upper():7} {(r['evidence'] or '(all pages)')[:28]:28} "
                     f"{r['title']['en']}")
    return lines
