"""changwat-dates: "last updated" on every page, from git history unless the front matter says `updated:`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from changwat.core.components import front_matter_line
from changwat.core.thai_dates import DateError, human_date, machine_date, read_date
from changwat.dates.git_dates import last_changed
from changwat.core.problems import ContentError
from changwat.i18n.context import current_language


class DatesConfig(Config):
    enabled = config_options.Type(bool, default=True)


class DatesPlugin(BasePlugin[DatesConfig]):
    def on_files(self, files, config):
        self.changed = last_changed(Path(config.docs_dir))
        return files

    def on_page_context(self, context, page, config, nav):
        updated = page.meta.get("updated")
        when = None
        if updated is not None:
            # content_lint reports every page's `updated:` first, all in one round; this stops a build without it.
            try:
                when, has_time = read_date(updated)
            except DateError as e:
                source = page.file.content_string if page.file.abs_src_path else ""
                raise PluginError(str(ContentError([e.problem(
                    f"docs/{page.file.src_uri}", front_matter_line(source, "updated"), "updated")]))) from None
            when = when if has_time else when.date()
        else:
            rel = Path(page.file.abs_src_path).relative_to(Path(config.docs_dir).resolve()).as_posix() \
                if page.file.abs_src_path else None
            when = self.changed.get(rel) if rel else None
        if when:
            context["changwat_updated"] = {
                "human": human_date(when, current_language(config)),
                "machine": machine_date(when.date() if isinstance(when, dt.datetime) else when),
            }
        return context
