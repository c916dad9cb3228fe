"""Changwat's civic participation service: the part of the site a static build cannot do alone."""

from pathlib import Path

SECTIONS = ("news", "announcements", "procurement")
LANGUAGES = ("th", "en")


def site_snippets_dir() -> Path:
    """The forms' Jinja partials (case, status, subscribe, survey, delete) and their script and style
    (changwat-forms.js, changwat-forms.css): one copy, rendered by the service's own pages and by the site's
    build. Package data of changwat_service; the site kit ships the same folder as
    changwat/participation/service_snippets (a symlink here), so a site builds without the service installed."""
    return Path(__file__).resolve().parent / "site_snippets"
