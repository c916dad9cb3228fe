"""Repairs to Material for MkDocs' markup that the W3C Nu checker rejects.

Material writes these attributes in base.html outside any block, so a template override cannot reach them
without copying the whole file; a small post-render fix keeps Material's files untouched.
"""

from __future__ import annotations

import re

# autocomplete is not allowed on checkboxes (Material's drawer and search toggles).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
# tabindex="" is not a valid integer (Material's nested navigation labels).
EMPTY_TABINDEX = 'tabindex=""'
# autocorrect is not an HTML attribute (Material's search input).
AUTOCORRECT = re.compile(r'(<input\b[^>]*?)\s+autocorrect="off"')
# The table of contents' title is a <label for="__toc">, but Material writes the __toc toggle only when the
# page has headings to list: without it the label points at nothing.
ORPHAN_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


TOC_NAV = re.compile(r'<nav class="md-nav md-nav--secondary" aria-label="[^"]*">')


def name_menu_toc(html: str, menu_toc_label: str) -> str:
    """Material repeats the page's table of contents inside the main menu (for small screens) under the same
    name as the sidebar's; the first one, in the menu, gets a name of its own (axe landmark-unique)."""
    navs = TOC_NAV.findall(html)
    if len(navs) < 2:
        return html
    return html.replace(navs[0], f'<nav class="md-nav md-nav--secondary" aria-label="{menu_toc_label}">', 1)


def _drop_empty_tabindex(html: str) -> str:
    r"""Removes whitespace + tabindex="", as re.sub(r'\s+tabindex=""', "") would. A pattern that starts with \s+
    is tried at every space of Material's deeply indented page (1.7 ms a page, 14 % of a build); splitting on
    the attribute takes 0.02 ms."""
    parts = html.split(EMPTY_TABINDEX)
    kept = [parts[0]]
    for part in parts[1:]:
        stripped = kept[-1].rstrip()
        if stripped != kept[-1]:
            kept[-1] = stripped
        else:  # no whitespace before it: another attribute's name (data-tabindex=""), left alone
            kept.append(EMPTY_TABINDEX)
        kept.append(part)
    return "".join(kept)


def fix_material_markup(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _drop_empty_tabindex(html)
    if 'id="__toc"' not in html:
        html = ORPHAN_TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', html)
    return AUTOCORRECT.sub(r"\1", html)


TABLE = re.compile(r"<table>(.*?)</table>", re.S)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
TAG = re.compile(r"<[^>]+>")


def wrap_tables(html: str, table_word: str) -> str:
    """Wide tables scroll inside a focusable, labelled region instead of pushing the page sideways.

    Material wraps tables in JavaScript, so without it a wide table would widen the page at 320 px, and its
    wrapper cannot be reached by keyboard (axe scrollable-region-focusable). Giving the table a class keeps
    Material's script from wrapping it a second time.
    """

    def wrap(match: re.Match) -> str:
        inner = match.group(1)
        caption = CAPTION.search(inner)
        if caption:
            name = TAG.sub("", caption.group(1)).strip()
        else:
            headers = [TAG.sub("", h).strip() for h in HEADER_CELL.findall(inner)[:3]]
            name = f"{table_word}: {', '.join(h for h in headers if h)}" if any(headers) else table_word
        name = name.replace('"', "&quot;")
        return (f'<div class="changwat-table" role="region" tabindex="0" aria-label="{name}">'
                f'<table class="changwat-table__table">{inner}</table></div>')

    return TABLE.sub(wrap, html)


# Any host: whichever CDN Material names, the polyfill is served from the site itself.
MATERIAL_POLYFILL = re.compile(r'"https?://[^"]+/resize-observer-polyfill[^"]*"')


def self_host_polyfill(bundle_js: str, local_url: str) -> str:
    """Material loads a ResizeObserver polyfill from a CDN in old browsers: point it at our own copy."""
    return MATERIAL_POLYFILL.sub(f'"{local_url}"', bundle_js)


# Material's script fetches a sitemap.xml next to every <link rel="alternate"> of each page it shows (the hreflang
# twins, the feeds) so that its language selector can reroute clicks. Changwat's language switch already links
# each page's twin, so those requests are waste on every first view: the whole site's sitemap, which grows with
# every news item, and a 404 per twin. The selector is made to match nothing.
MATERIAL_ALTERNATE_LOOKUP = '"link[rel=alternate]"'


def skip_alternate_sitemaps(bundle_js: str) -> str:
    return bundle_js.replace(MATERIAL_ALTERNATE_LOOKUP, '"link[rel=alternate][data-changwat-never]"')
