"""Repairs to Material for MkDocs' markup that the W3C Nu checker rejects.

Material writes these attributes in base.html outside any block, so a template override cannot reach them
without copying the whole file; a small post-render fix keeps Material's files untouched.
"""

from __future__ import annotations

import re

# autocomplete is not allowed on checkboxes (Material's drawer and search toggles).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')
# tabindex="" is not a valid integer (Material's nested navigation labels).
EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
# autocorrect is not an HTML attribute (Material's search input).
AUTOCORRECT = re.compile(r'(<input\b[^>]*?)\s+autocorrect="off"')


def fix_material_markup(html: str) -> str:
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = EMPTY_TABINDEX.sub("", html)
    return AUTOCORRECT.sub(r"\1", html)
