"""Split a Markdown file into its YAML front matter and body, as MkDocs does, without importing MkDocs."""

from __future__ import annotations

import re

import yaml

# libyaml's loader when PyYAML has it: the same types as yaml.safe_load, several times faster, and every dated
# item's front matter is read on every build.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def split_front_matter(source: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, source
    meta = yaml.load(match.group(1), Loader=LOADER) or {}
    return (meta if isinstance(meta, dict) else {}), source[match.end():]
