"""What a run leaves for the reviewer: one JSON of facts beside each PNG, the contact sheet (index.html, from the
sheet.html template; self-contained, no scripts, no requests elsewhere) and the table printed at the end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2

from .capture import Taken
from .plan import DEFAULT_MODE, Plan

LANGUAGE_TITLES = {"th": "ภาษาไทย / Thai", "en": "ภาษาอังกฤษ / English"}


def write_facts(out: Path, taken: list[Taken]) -> None:
    for t in taken:
        s = t.shot
        record = {"shot": s.name, "kind": s.page.kind, "language": s.language, "path": "/" + s.path,
                  "device": {"name": s.device.name, "width": s.device.width, "height": s.device.height,
                             "dpr": s.device.dpr, "mobile": s.device.mobile},
                  "mode": s.mode, "text": s.text, "search": s.query or None,
                  "png": t.png or None, "full": t.full or None, "facts": t.facts, "problems": t.problems}
        (out / f"{s.name}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")


def _top(t: Taken) -> str:
    top = t.facts.get("h1Top") if t.facts else None
    return "–" if top is None else f"{top:g}"


def heading_table(plan: Plan, taken: list[Taken]) -> list[dict]:
    """Rows of page kind × language, a cell per device: the default mode's shot at 100 % text (or None)."""
    first = {(t.shot.page.kind, t.shot.language, t.shot.device.name): t for t in taken
             if t.shot.mode == DEFAULT_MODE and t.shot.text == 100}
    rows = []
    for page in plan.pages:
        for language in ("th", "en"):
            cells = [first.get((page.kind, language, d.name)) for d in plan.devices]
            if any(cells):
                rows.append({"kind": page.kind, "language": language,
                             "cells": [c and {"shot": c.shot, "top": _top(c), "problems": c.problems}
                                       for c in cells]})
    return rows


def _set_text(s, modes: dict[str, dict[str, str]]) -> str:
    devices = "ทุกขนาดจอ / every device" if s.devices == "all" else ", ".join(s.devices)
    chosen = "ทุกโหมดสี / every colour mode" if s.modes == "all" else ", ".join(s.modes)
    return f"{devices} × {chosen} × อักษร / text {s.text} %"


def write_sheet(out: Path, plan: Plan, taken: list[Taken], modes: dict[str, dict[str, str]], seconds: float,
                site: Path) -> Path:
    mode_order = list(modes)

    def mode_title(mode: str) -> str:
        names = modes.get(mode, {})
        return f"{names.get('th', mode)} / {names.get('en', mode)}"

    groups = []
    for page in plan.pages:
        mine = [t for t in taken if t.shot.page.kind == page.kind]
        if not mine:
            continue
        parts: dict[tuple, dict] = {}
        for t in sorted(mine, key=lambda t: (("th", "en").index(t.shot.language),
                                             t.shot.text, mode_order.index(t.shot.mode)
                                             if t.shot.mode in mode_order else 99,
                                             [d.name for d in plan.devices].index(t.shot.device.name))):
            key = (t.shot.language, t.shot.mode, t.shot.text)
            parts.setdefault(key, {"language_title": LANGUAGE_TITLES[t.shot.language],
                                   "mode_title": mode_title(t.shot.mode), "text": t.shot.text, "shots": []})
            parts[key]["shots"].append(t)
        groups.append({"page": page, "parts": list(parts.values())})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    html = env.get_template("sheet.html").render(
        count=sum(1 for t in taken if t.png), seconds=f"{seconds:.0f}",
        when=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), site=str(site),
        sets=[_set_text(s, modes) for s in plan.sets], problems=[t for t in taken if t.problems],
        devices=plan.devices, table=heading_table(plan, taken), groups=groups)
    path = out / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def table_text(plan: Plan, taken: list[Taken]) -> str:
    """The heading table for the terminal: h1 top in px; "!" marks a shot that breaks a rule."""
    rows = heading_table(plan, taken)
    devices = [d.name for d in plan.devices]
    lines = ["h1 top (px), default mode, text 100 %; ! = a rule is broken",
             f"{'page':<20}" + "".join(f"{d:>14}" for d in devices)]
    for row in rows:
        cells = [("–" if c is None else c["top"] + ("!" if c["problems"] else "")) for c in row["cells"]]
        lines.append(f"{row['kind'] + ' ' + row['language']:<20}" + "".join(f"{c:>14}" for c in cells))
    return "\n".join(lines)
