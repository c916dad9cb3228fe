"""Mistakes a web officer can make, told in plain Thai and English, with the file, line and fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    what_th: str
    what_en: str
    fix_th: str
    fix_en: str
    line: int | None = None
    field: str | None = None

    def where(self) -> str:
        place = self.file
        if self.line:
            place += f":{self.line}"
        if self.field:
            place += f" ({self.field})"
        return place

    def explain(self) -> str:
        return (
            f"{self.where()}\n"
            f"  ปัญหา: {self.what_th}\n"
            f"  วิธีแก้: {self.fix_th}\n"
            f"  Problem: {self.what_en}\n"
            f"  How to fix: {self.fix_en}"
        )


class ContentError(Exception):
    """Raised with every problem found, so the officer fixes them all in one round."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        header = f"พบปัญหาในเนื้อหา {count} รายการ / Found {count} content problem(s):"
        super().__init__("\n".join([header, *(p.explain() for p in self.problems)]))
