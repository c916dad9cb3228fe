"""The plan of make screenshots and its rules, without a browser: which shots the sets make, and what a reviewer is
shown as broken."""

from __future__ import annotations

import pytest

from changwat.screenshots.capture import rules
from changwat.screenshots.plan import PlanError, load_plan, shots

MODES = ["default", "dark", "high-contrast"]


def test_every_page_kind_on_every_device_and_every_mode_on_a_subset():
    plan = load_plan()
    every = shots(plan, MODES)
    names = [s.name for s in every]
    assert len(names) == len(set(names))
    kinds = {p.kind for p in plan.pages}
    assert kinds >= {"home", "content", "news", "news-item", "announcements", "recommendations", "form", "search"}
    # 16 pages on 5 devices in the default mode, 16 × 2 more modes on the 360 px phone and the desktop, and
    # 16 at 200 % text on the 320 px phone.
    assert len(every) == 16 * 5 + 16 * 2 * 2 + 16
    assert {(s.device.name, s.mode) for s in every if s.mode != "default"} == {
        (d, m) for d in ("phone-360", "desktop-1280") for m in ("dark", "high-contrast")}
    assert {s.device.name for s in every if s.text == 200} == {"phone-320"}
    # One emulation per device: the shots come device by device.
    order = [s.device.name for s in every]
    assert order == sorted(order, key=[d.name for d in plan.devices].index)


def test_choices_narrow_the_plan_and_unknown_names_are_refused():
    plan = load_plan()
    chosen = shots(plan, MODES, kinds=["home", "search"], devices=["phone-360"], languages=["en"],
                   only_modes=["dark"])
    assert [s.name for s in chosen] == ["home-en-phone-360-dark", "search-en-phone-360-dark"]
    assert chosen[1].query == "province"
    with pytest.raises(PlanError, match="gallery"):
        shots(plan, MODES, kinds=["gallery"])


def facts(**changes):
    base = {"screenWidth": 360, "innerWidth": 360, "innerHeight": 800, "scrollWidth": 360, "dpr": 3, "touch": True,
            "mode": "default", "text": 100, "h1Top": 180.0, "nameScrollWidth": 200, "nameWidth": 200,
            "nameVisible": True, "results": 0, "resultsLeft": None, "resultsRight": None, "wide": [],
            "brokenWords": []}
    return base | changes


@pytest.fixture
def phone_shot():
    plan = load_plan()
    return next(s for s in shots(plan, MODES, kinds=["home"], devices=["phone-360"], languages=["th"],
                                 only_modes=["default"]))


def test_a_shot_within_the_rules_is_not_flagged(phone_shot):
    assert rules(phone_shot, facts()) == []


@pytest.mark.parametrize("changes,said", [
    ({"scrollWidth": 400}, "scrolls sideways"),
    # A wider page widens a mobile layout viewport with it: innerWidth grows too.
    ({"scrollWidth": 385, "innerWidth": 385, "wide": ["div.md-dialog (369)"]}, "md-dialog"),
    ({"h1Top": 267.0}, "below the top third"),
    ({"nameScrollWidth": 260}, "office name cut"),
    ({"screenWidth": 1280, "dpr": 1, "touch": False}, "not emulated"),
    ({"mode": "dark"}, "not applied"),
    ({"h1Top": None}, "no h1"),
    ({"brokenWords": ["Complaints"]}, "Complaints"),
    ({"nameWidth": None, "nameScrollWidth": None, "nameVisible": False}, "no office name"),
])
def test_a_broken_rule_is_said(phone_shot, changes, said):
    assert any(said in p for p in rules(phone_shot, facts(**changes)))
