"""The preview's own pages, rendered from templates in the kit's theme folder (overrides/preview/): the page that
lists a failed build's problems, and the inbox of the mail sink. Both are whole pages with their style inline:
they load nothing from anywhere, not even from the site being previewed (which may be the thing that is broken).
"""

from __future__ import annotations

from datetime import datetime

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from changwat.core.problems import Problem
from changwat.site.theme import KIT_THEME

TEMPLATES = KIT_THEME / "preview"

_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                   trim_blocks=True, lstrip_blocks=True)


def problem_page(problems: list[Problem], *, config_file: str, when: datetime | None = None) -> str:
    return _env.get_template("problems.html").render(
        problems=problems, config_file=config_file, when=(when or datetime.now()).strftime("%H:%M:%S"))


def inbox_page(mails: list, *, smtp_address: str, received: int) -> str:
    """`mails` newest first (mail.Mail records); `received` counts every mail so far (the page polls it)."""
    return _env.get_template("inbox.html").render(mails=mails, smtp_address=smtp_address, received=received)
