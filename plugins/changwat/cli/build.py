"""Build the site atomically: into a temporary folder first, then swap it in.

A failed build (a web officer's mistake, a broken plugin) leaves the previous site/ exactly as it was, so a
deploy never picks up half a site.

    python -m changwat.cli.build [-f mkdocs.yml] [-d site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def build_atomically(config_file: Path, site_dir: Path, mkdocs: list[str] | None = None,
                     run: Callable[[Path], int] | None = None) -> int:
    """run(staging) builds into the staging folder and returns an exit code; by default `mkdocs build --strict`
    in a child process (the property test passes an in-process build, to try many pages quickly)."""
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(f".{site_dir.name}.building")
    retired = site_dir.with_name(f".{site_dir.name}.previous")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)

    def in_child_process(staging: Path) -> int:
        command = [*(mkdocs or [sys.executable, "-m", "mkdocs"]), "build", "--strict", "--clean",
                   "-f", str(config_file), "-d", str(staging)]
        return subprocess.run(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).returncode

    started = time.monotonic()
    returncode = (run or in_child_process)(staging)
    if returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            "\nการสร้างเว็บไซต์ไม่สำเร็จ ไฟล์ใน site/ ยังเป็นฉบับเดิม แก้ไขตามข้อความด้านบนแล้วลองใหม่\n"
            "The build failed; site/ is unchanged. Fix what the messages above say and build again.",
            file=sys.stderr,
        )
        return returncode

    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"Built {site_dir} in {time.monotonic() - started:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    return build_atomically(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
