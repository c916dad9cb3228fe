"""The plan of `make screenshots`: page kinds, devices and the sets of colour modes and text sizes (plan.yml), and
the shots they make, narrowed by the command line's choices. Plain data: no browser here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

PLAN_FILE = Path(__file__).with_name("plan.yml")
LANGUAGES = ("th", "en")
DEFAULT_MODE = "default"


@dataclass(frozen=True)
class Page:
    kind: str
    title: dict[str, str]
    path: dict[str, str]
    search: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Device:
    name: str
    title: dict[str, str]
    width: int
    height: int
    dpr: float
    mobile: bool
    phone: bool
    thumb: int

    @property
    def label(self) -> str:
        dpr = f"{self.dpr:g}"
        return f"{self.width}×{self.height} @{dpr}x" + (" touch" if self.mobile else "")


@dataclass(frozen=True)
class SetOf:
    """Which devices are shot in which colour modes, at which text size ("all": every one there is)."""
    devices: tuple[str, ...] | str
    modes: tuple[str, ...] | str
    text: int = 100


@dataclass(frozen=True)
class Plan:
    pages: tuple[Page, ...]
    devices: tuple[Device, ...]
    sets: tuple[SetOf, ...]


@dataclass(frozen=True)
class Shot:
    page: Page
    language: str
    device: Device
    mode: str
    text: int

    @property
    def name(self) -> str:
        return "-".join([self.page.kind, self.language, self.device.name, self.mode]
                        + ([f"text{self.text}"] if self.text != 100 else []))

    @property
    def path(self) -> str:
        return self.page.path[self.language]

    @property
    def query(self) -> str:
        return self.page.search.get(self.language, "")


def load_plan(path: Path = PLAN_FILE) -> Plan:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def names(value):
        return value if value == "all" else tuple(value)

    return Plan(
        pages=tuple(Page(p["kind"], p["title"], p["path"], p.get("search", {})) for p in data["pages"]),
        devices=tuple(Device(**d) for d in data["devices"]),
        sets=tuple(SetOf(names(s["devices"]), names(s["modes"]), int(s.get("text", 100))) for s in data["sets"]),
    )


class PlanError(ValueError):
    """A choice on the command line that names no page kind, device, language or mode of the plan."""


def _chosen(what: str, wanted: list[str] | None, known: list[str]) -> list[str]:
    if not wanted:
        return known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise PlanError(f"{what}: {', '.join(unknown)} (ที่มี / known: {', '.join(known)})")
    return [k for k in known if k in wanted]


def shots(plan: Plan, modes: list[str], *, kinds: list[str] | None = None, devices: list[str] | None = None,
          languages: list[str] | None = None, only_modes: list[str] | None = None) -> list[Shot]:
    """Every shot of the plan, in the order they are taken: device by device (one emulation each), then mode and
    text size (one localStorage each), then page. `modes` are the colour modes the site offers."""
    kinds = _chosen("page kind", kinds, [p.kind for p in plan.pages])
    device_names = _chosen("device", devices, [d.name for d in plan.devices])
    languages = _chosen("language", languages, list(LANGUAGES))
    modes = _chosen("colour mode", only_modes, modes)
    out: list[Shot] = []
    seen: set[str] = set()
    for device in plan.devices:
        if device.name not in device_names:
            continue
        for chosen in plan.sets:
            if chosen.devices != "all" and device.name not in chosen.devices:
                continue
            for mode in modes:
                if chosen.modes != "all" and mode not in chosen.modes:
                    continue
                for page in plan.pages:
                    if page.kind not in kinds:
                        continue
                    for language in languages:
                        shot = Shot(page, language, device, mode, chosen.text)
                        if shot.name not in seen:
                            seen.add(shot.name)
                            out.append(shot)
    return out
