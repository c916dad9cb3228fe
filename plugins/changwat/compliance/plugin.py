"""changwat-compliance: the Standard compliance page (การตรวจสอบตามมาตรฐานเว็บไซต์ภาครัฐ) from the last audit.

A page shows the audit with the component `compliance` (front matter `components: [compliance]`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

from changwat.compliance.audit_view import audit_view, load_audit
from changwat.core.components import register_components, shown_components
from changwat.core.problems import ContentError
from changwat.core.thai_dates import human_datetime
from changwat.i18n.context import current_language, languages_of

COMPONENTS = {"compliance": "compliance/compliance.html"}


class ComplianceConfig(Config):
    enabled = config_options.Type(bool, default=True)
    audit_file = config_options.Type(str, default="reports/audit.json")


class CompliancePlugin(BasePlugin[ComplianceConfig]):
    def on_env(self, env, config, files):
        self.env = env
        if self.config.enabled:
            register_components(env, COMPONENTS)
        return env

    def on_page_context(self, context, page, config, nav):
        shown = shown_components(page)
        if "compliance" not in shown:
            return context
        lang = current_language(config)
        try:
            data = load_audit(Path(config.config_file_path).parent / self.config.audit_file, self.config.audit_file)
        except ContentError as e:
            raise PluginError(str(e)) from None
        view = audit_view(data, lang) if data else None
        if view:
            for item in view["rows"]:
                if item["status"] != "manual" and item["evidence"] and not item["evidence"].endswith(".xml"):
                    target = languages_of(config).url(item["evidence"], lang) \
                        if not item["evidence"].startswith("en/") else item["evidence"]
                    item["url"] = get_relative_url(target, page.url)
            view["checked"] = human_datetime(view["checked_at"], lang) if view["checked_at"] else ""
        context["changwat_audit"] = view
        return context
