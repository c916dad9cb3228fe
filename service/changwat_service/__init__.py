"""Changwat's civic participation service: the part of the site a static build cannot do alone."""

SECTIONS = ("news", "announcements", "procurement")
LANGUAGES = ("th", "en")
