"""Glue: what the editor's generator needs from a site's configuration, read by MkDocs itself (INHERIT, !ENV).

The only module of the editor that imports MkDocs; config.py (the Decap configuration) and cli.py do not.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def site_settings(config_file: Path) -> dict:
    """What the generator needs from the site's configuration, read by MkDocs itself (INHERIT, !ENV)."""
    from mkdocs.config import load_config

    from changwat.i18n.context import languages_of, office_file

    with open(os.devnull, "w") as quiet, contextlib.redirect_stderr(quiet):
        config = load_config(str(config_file))
    root = config_file.resolve().parent
    return {"languages": languages_of(config), "nav": config["nav"],
            "docs_dir": os.path.relpath(config["docs_dir"], root), "office_file": office_file(config),
            "options": dict(config.extra.get("editor") or {})}
