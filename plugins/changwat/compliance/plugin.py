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
from changwat.compliance.statement import load_data, statement_view
from changwat.contracts.problems import content_error
from changwat.contracts.reports import ContractError, read_checks_report
from changwat.core.components import register_components, shown_components
from changwat.core.problems import ContentError
from changwat.core.thai_dates import human_datetime
from changwat.i18n.context import current_language, languages_of

COMPONENTS = {"compliance": "compliance/compliance.html",
              "accessibility_statement": "compliance/statement.html"}


class ComplianceConfig(Config):
    enabled = config_options.Type(bool, default=True)
    audit_file = config_options.Type(str, default="reports/audit.json")
    checks_file = config_options.Type(str, default="reports/checks.json")
    statement_file = config_options.Type(str, default="data/accessibility.yml")


class CompliancePlugin(BasePlugin[ComplianceConfig]):
    def on_env(self, env, config, files):
        self.env = env
        if self.config.enabled:
            register_components(env, COMPONENTS)
        return env

    def on_page_context(self, context, page, config, nav):
        shown = shown_components(page)
        if "accessibility_statement" in shown:
            context["changwat_statement"] = self.statement(config, current_language(config))
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

    def statement(self, config, lang: str) -> dict:
        """The accessibility statement's view: the gate's last reports and the office's data file."""
        root = Path(config.config_file_path).parent
        try:
            audit = load_audit(root / self.config.audit_file, self.config.audit_file)
            try:
                checks = read_checks_report(root / self.config.checks_file, self.config.checks_file)
            except ContractError as e:
                raise content_error(e) from None
            data = load_data(root / self.config.statement_file, self.config.statement_file)
        except ContentError as e:
            raise PluginError(str(e)) from None
        return statement_view(checks, audit, data, lang, tuple(data.get("person_checks") or ()))
