"""Listing pages: page 1 is the section's own index page, pages 2… live under <section>/page/<n>/."""

from __future__ import annotations


def page_path(folder: str, number: int) -> str:
    return f"{folder}/" if number == 1 else f"{folder}/page/{number}/"


def page_numbers(total: int) -> list[int]:
    # Few enough pages that every number is shown; a window would be wanted past a few dozen.
    return list(range(1, total + 1))
