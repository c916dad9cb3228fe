"""When each page last changed, from git history: one `git log` for the whole site, not one per page.

A shallow clone has no history (every page would show the clone's date), which is why CI fetches the full
history (fetch-depth: 0); files changed but not committed yet use their modification time.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from changwat.core.thai_dates import BANGKOK

COMMIT = "changwat-commit:"


def _git(repo: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def last_changed(folder: Path) -> dict[str, dt.datetime]:
    """Path relative to `folder` -> the time of the last commit that touched it (Bangkok time)."""
    folder = folder.resolve()
    top = _git(folder, "rev-parse", "--show-toplevel")
    if not top:
        return {}
    root = Path(top.strip())
    log = _git(root, "log", f"--format={COMMIT}%cI", "--name-only", "--no-renames", "--", str(folder)) or ""
    changed: dict[str, dt.datetime] = {}
    when = None
    for line in log.splitlines():
        if line.startswith(COMMIT):
            when = dt.datetime.fromisoformat(line[len(COMMIT):]).astimezone(BANGKOK)
        elif line and when:
            path = root / line
            if path.is_relative_to(folder):
                changed.setdefault(path.relative_to(folder).as_posix(), when)
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", str(folder)) or ""
    for line in status.splitlines():
        path = root / line[3:].strip().strip('"')
        if path.is_file() and path.is_relative_to(folder):
            mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=BANGKOK)
            changed[path.relative_to(folder).as_posix()] = mtime
    return changed
