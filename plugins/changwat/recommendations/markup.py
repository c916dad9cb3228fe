"""Fixes to Material's menu markup on the section's pages, which nest menu sections three levels deep.

A menu section with its own page (navigation.indexes) gets an empty toggle label, and Material names the
section's <nav> after that label: with several such sections on one page (the section and its six dimensions)
the navs share one empty name, which axe reports as landmark-unique. Each nav is named after its title instead.
The body is marked so the section's stylesheet can give the deeper, denser menu 24 px targets (WCAG 2.5.8)
without changing the rest of the site.
"""

from __future__ import annotations

import html as html_lib
import re

NAV = re.compile(
    r'<nav class="md-nav" data-md-level="(\d+)" aria-labelledby="[^"]*"( aria-expanded="\w+")?>'
    r'(\s*<label class="md-nav__title" for="[^"]*">\s*(?:<span class="md-nav__icon md-icon"></span>)?\s*(.*?)\s*</label>)',
    re.S,
)
TAG = re.compile(r"<[^>]+>")
BODY = re.compile(r"<body\b")


def _named(match: re.Match) -> str:
    title = html_lib.escape(html_lib.unescape(TAG.sub("", match.group(4))).strip(), quote=True)
    return (f'<nav class="md-nav" data-md-level="{match.group(1)}" aria-label="{title}"{match.group(2) or ""}>'
            f"{match.group(3)}")


def mark_section_page(output: str) -> str:
    output = NAV.sub(_named, output)
    return BODY.sub('<body data-changwat-section="recommendations"', output, count=1)
