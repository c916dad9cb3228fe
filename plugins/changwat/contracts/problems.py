"""A file between the parts that does not match its format, told to the officer like any content problem."""

from __future__ import annotations

from changwat.core.problems import ContentError, Problem

from .typed import ContractError


def as_problem(error: ContractError) -> Problem:
    return Problem(file=error.file, field=error.field or None, what_th=error.what_th, what_en=error.what_en,
                   fix_th=error.fix_th, fix_en=error.fix_en)


def content_error(error: ContractError) -> ContentError:
    return ContentError([as_problem(error)])
