"""Split a Markdown file into its YAML front matter and body, as MkDocs does, without importing MkDocs."""

from __future__ import annotations

import re

import yaml

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def split_front_matter(source: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, source
    meta = yaml.safe_load(match.group(1)) or {}
    return (meta if isinstance(meta, dict) else {}), source[match.end():]
