"""One timed build in a child process: wall time and the peak memory of that build alone.

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


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int
    html_pages: int

    @property
    def pages_per_second(self) -> float:
        return self.html_pages / self.seconds if self.seconds else 0.0


class BuildFailed(RuntimeError):
    pass


def build_command(config: Path, site_dir: Path, strict: bool) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", *(["--strict"] if strict else []),
            "-f", str(config), "-d", str(site_dir)]


def timed_build(config: Path, site_dir: Path, strict: bool) -> Run:
    shutil.rmtree(site_dir, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CHANGWAT_SERVICE_URL", None)
    log = site_dir.with_name(site_dir.name + ".log")
    with log.open("w", encoding="utf-8") as out:
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
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise BuildFailed(f"{config.name} failed ({child.returncode}); its output is in {log}:\n"
                          + log.read_text(encoding="utf-8")[-3000:])
    # ru_maxrss is in kilobytes on Linux.
    return Run(seconds=seconds, peak_bytes=usage.ru_maxrss * 1024,
               html_pages=sum(1 for _ in site_dir.rglob("*.html")))
