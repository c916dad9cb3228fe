"""Listing pages: page 1 is the section's own index page, pages 2… live under <section>/page/<n>/."""

from __future__ import annotations


def page_path(folder: str, number: int) -> str:
    return f"{folder}/" if number == 1 else f"{folder}/page/{number}/"


def page_numbers(total: int, current: int = 1, around: int = 2) -> list[int | None]:
    """The first and last pages and `around` pages either side of the current one; None where numbers are
    left out. Listing every number made each listing page grow with the site (160 links at 1,600 news items)."""
    shown = sorted({1, total, *range(max(1, current - around), min(total, current + around) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] == 2:
            numbers.append(number - 1)      # a gap of one page: the number takes no more room than "…"
        elif numbers and number - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers
