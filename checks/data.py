"""Reading the gate's own data files (filters, fix hints, variants); kept apart so checks stay code-only."""
from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).parent


def load_yaml(path: Path | str):
    path = Path(path)
    if not path.is_absolute():
        path = HERE / path
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)
