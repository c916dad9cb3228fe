"""Where the kit's templates and assets live, and where its assets land in a built site.

The kit ships its templates and assets inside the package (`changwat/theme`, the repository's `overrides/`), one
folder per feature. A site needs no copy of them: the site plugin puts this folder on the theme's search path,
after the site's own `custom_dir` (so a site's override wins) and before Material's.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

KIT_THEME = (Path(__file__).parents[1] / "theme").resolve()
ASSET_ROOT = "assets/changwat"


def theme_search_path(dirs: list[str], custom_dir: str | None, kit_dir: Path = KIT_THEME) -> list[str]:
    """The theme's folders with the kit's inserted once: right after the site's custom_dir (or first)."""
    kit = str(kit_dir)
    ordered = [d for d in dirs if d != kit]
    position = ordered.index(custom_dir) + 1 if custom_dir in ordered else 0
    return [*ordered[:position], kit, *ordered[position:]]


def asset_destination(src_uri: str) -> str:
    """'search/search.js' -> 'assets/changwat/search/search.js': the kit's files stay out of the pages' URLs."""
    return str(PurePosixPath(ASSET_ROOT) / src_uri)

