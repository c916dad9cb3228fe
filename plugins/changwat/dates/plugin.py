"""changwat-dates: "last updated" on every page, from git history unless the front matter says `updated:`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from changwat.core.thai_dates import human_date, machine_date
from changwat.dates.git_dates import last_changed
from changwat.core.problems import ContentError, Problem
from changwat.i18n.context import current_language


class DatesConfig(Config):
    enabled = config_options.Type(bool, default=True)


class DatesPlugin(BasePlugin[DatesConfig]):
    def on_files(self, files, config):
        self.changed = last_changed(Path(config.docs_dir))
        return files

    def on_page_context(self, context, page, config, nav):
        updated = page.meta.get("updated")
        if updated is not None and not isinstance(updated, dt.date):
            raise PluginError(str(ContentError([Problem(
                file=f"docs/{page.file.src_uri}", field="updated",
                what_th=f"อ่านวันที่ปรับปรุง \"{updated}\" ไม่ได้", what_en=f"The date \"{updated}\" cannot be read.",
                fix_th="เขียนเป็น ปี ค.ศ.-เดือน-วัน เช่น updated: 2026-11-24 หรือลบบรรทัดนี้เพื่อใช้วันที่จากประวัติ git",
                fix_en="Write it as year-month-day, e.g. updated: 2026-11-24, or remove the line to use the git date.",
            )])))
        if isinstance(updated, dt.date):
            when = updated
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
