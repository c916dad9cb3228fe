"""One timed build in a child process: wall time and the peak memory of that build alone; and what makes the next
build a cold one.

os.wait4 gives the rusage of exactly the child waited for; resource.getrusage(RUSAGE_CHILDREN) would report the
largest of all children so far, which mixes builds together.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


# Caches a build leaves beside its configuration: kept out of git (.cache/, e.g. changwat-search's word cuts) or
# committed with the content (search-cuts/, the Thai word cuts a site keeps in its repository).
UNTRACKED_CACHES = (".cache",)
COMMITTED_CACHES = ("search-cuts",)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int
    html_pages: int
    cold: bool = False
    load_before: float = 0.0     # os.getloadavg()[0] as the build started and as it ended
    load_after: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.html_pages / self.seconds if self.seconds else 0.0


class BuildFailed(RuntimeError):
    pass


def build_command(config: Path, site_dir: Path, strict: bool) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", *(["--strict"] if strict else []),
            "-f", str(config), "-d", str(site_dir)]


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)


def make_cold(folder: Path) -> None:
    """The folder as a fresh clone has it: no untracked caches, and the committed caches as the repository's first
    commit had them (absent if it had none), so a cold build cuts every Thai word again."""
    for name in UNTRACKED_CACHES:
        shutil.rmtree(folder / name, ignore_errors=True)
    first = _git(folder, "rev-list", "--max-parents=0", "HEAD").stdout.split()
    for name in COMMITTED_CACHES:
        shutil.rmtree(folder / name, ignore_errors=True)
        if first and _git(folder, "cat-file", "-e", f"{first[0]}:{name}").returncode == 0:
            _git(folder, "checkout", first[0], "--", name)


def timed_build(config: Path, site_dir: Path, strict: bool, cold: bool = False) -> Run:
    """`cold`: only recorded here; build_runs calls make_cold() first (so a test can check it does)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CHANGWAT_SERVICE_URL", None)
    log = site_dir.with_name(site_dir.name + ".log")
    with log.open("w", encoding="utf-8") as out:
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        child = subprocess.Popen(build_command(config, site_dir, strict), env=env, stdout=out, stderr=out,
                                 cwd=config.parent)
        try:
            _, status, usage = os.wait4(child.pid, 0)
        except BaseException:
            child.kill()
            child.wait()
            raise
        seconds = time.perf_counter() - started
        load_after = os.getloadavg()[0]
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise BuildFailed(f"{config.name} failed ({child.returncode}); its output is in {log}:\n"
                          + log.read_text(encoding="utf-8")[-3000:])
    # ru_maxrss is in kilobytes on Linux.
    return Run(seconds=seconds, peak_bytes=usage.ru_maxrss * 1024,
               html_pages=sum(1 for _ in site_dir.rglob("*.html")), cold=cold, load_before=load_before,
               load_after=load_after)
