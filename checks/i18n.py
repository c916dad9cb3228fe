"""Thai at /, English at /en/: each page says its language, names both versions, and has its twin.

Checks per page: <html lang>; <link rel="alternate" hreflang="th|en|x-default"> with absolute URLs
on the site's own address that exist; the twin page in the other language; and the header's
language switch (<a hreflang lang>) pointing to that twin.
"""
from __future__ import annotations

import time
from urllib.parse import unquote, urljoin, urlsplit

from .html import parse, snippet
from .report import CheckResult, Finding
from .site import Site, language_of, page_path, twin_of

NAME = "i18n"
OTHER = {"th": "en", "en": "th"}


def run(site: Site) -> CheckResult:
    start = time.monotonic()
    result = CheckResult(NAME)
    if not site.site_url:
        result.tool_failure("The site's address is unknown, so hreflang links cannot be judged.",
                            "set site_url in mkdocs.yml or pass --site-url https://…/")
    else:
        for path in site.pages:
            result.findings += check_page(site, path)
        result.pages_checked = len(site.pages)
    result.seconds = time.monotonic() - start
    return result


def url_to_page(site: Site, url_path: str) -> str | None:
    """A URL path on the site → its page path ("/en/about/" → "en/about/"), or None if no file serves it."""
    target = site.resolve(unquote(url_path))
    return page_path(site.rel(target)) if target else None


def check_page(site: Site, path) -> list[Finding]:
    page = site.page_of(path)
    lang = language_of(page)
    soup = parse(path)
    out: list[Finding] = []

    def add(rule, message, element="", line=None):
        out.append(Finding(NAME, page, rule, message, element, line))

    html = soup.find("html")
    declared = (html.get("lang") if html else None) or ""
    if declared.lower().split("-")[0] != lang:
        add("html-lang", f"The page is in the {'English' if lang == 'en' else 'Thai'} part of the site but "
            f"<html lang> is “{declared or 'missing'}”; screen readers will read it with the wrong voice.",
            snippet(html) if html else "<html>", getattr(html, "sourceline", None))

    twin = twin_of(page)
    if url_to_page(site, site.base_path + twin) is None:
        add("missing-twin", f"There is no {'Thai' if lang == 'en' else 'English'} version of this page "
            f"(expected {twin or 'the home page'}).")

    expected = {"th": page if lang == "th" else twin, "en": page if lang == "en" else twin}
    expected["x-default"] = expected["th"]  # Thai is the site's default language
    alternates = {}
    for link in soup.find_all("link", hreflang=True):
        if "alternate" in (link.get("rel") or []):
            alternates.setdefault(link["hreflang"].lower(), link)
    for hreflang, want in expected.items():
        link = alternates.get(hreflang)
        if link is None:
            add("hreflang-missing", f'<link rel="alternate" hreflang="{hreflang}"> is missing, so search '
                "engines cannot offer visitors the page in their language.", "<head>")
            continue
        href = link.get("href", "")
        parts = urlsplit(href)
        el, line = snippet(link), link.sourceline
        if parts.scheme not in ("http", "https") or not parts.hostname:
            add("hreflang-not-absolute", f"hreflang links must be full addresses (https://…), not “{href}”.", el, line)
            continue
        if parts.hostname.lower() != site.own_host:
            add("hreflang-wrong-host", f"“{href}” is not on the site's address {site.site_url}.", el, line)
            continue
        got = url_to_page(site, parts.path or "/")
        if got is None:
            add("hreflang-broken", f"“{href}” points to a page that is not in the site.", el, line)
        elif got != want:
            add("hreflang-wrong-page", f"hreflang=\"{hreflang}\" points to {got or 'the home page'}, "
                f"expected {want or 'the home page'}.", el, line)

    headers = soup.find_all("header")
    switches = [a for h in headers for a in h.find_all("a", attrs={"hreflang": True, "lang": True})]
    if not switches:
        add("lang-switch-missing", "The header has no language switch (an <a> with hreflang and lang) "
            f"leading to the {'Thai' if lang == 'en' else 'English'} page.", "<header>" if headers else "<body>")
    for a in switches:
        el, line = snippet(a), a.sourceline
        other = OTHER[lang]
        if a.get("hreflang", "").lower().split("-")[0] != other or a.get("lang", "").lower().split("-")[0] != other:
            add("lang-switch-attributes", f"The language switch should have hreflang=\"{other}\" and lang=\"{other}\".",
                el, line)
        href = a.get("href", "")
        parts = urlsplit(urljoin("http://site.invalid" + site.base_path + site.rel(path), href))
        target = url_to_page(site, parts.path) if parts.hostname in ("site.invalid", site.own_host) else None
        if target is None:
            add("lang-switch-wrong-target", f"The language switch leads to “{href}”, which is not a page of the site; "
                f"it should lead to this page's twin {twin or 'the home page'}.", el, line)
        elif target != twin:
            add("lang-switch-wrong-target", f"The language switch leads to {target or 'the home page'} instead of "
                f"this page's twin {twin or 'the home page'}.", el, line)
    return out
