"""The editor's own npm packages (Decap CMS and decap-server), installed only when the editor runs.

They are pinned in this folder's package.json and package-lock.json, not in the gate's root package.json: every
`npm ci` of the gate (CI, `changwat check` in an installed kit) would otherwise download ~390 MB it never uses.
`ensure_installed(target)` copies the two files into target/ and runs `npm ci --ignore-scripts` there once; a
stamp holding the lock file's hash makes later runs free and a changed pin reinstall.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFESTS = ("package.json", "package-lock.json")
STAMP = ".changwat-editor-lock"


class InstallError(RuntimeError):
    """npm is missing or `npm ci` failed; the message is Thai and English."""


def lock_hash() -> str:
    return hashlib.sha256((HERE / "package-lock.json").read_bytes()).hexdigest()


def default_target(root: Path) -> Path:
    """Where a site keeps the editor's packages: its .cache/ (git-ignored, also in a new office's site)."""
    return root / ".cache" / "editor" / "npm"


def is_installed(target: Path) -> bool:
    stamp = target / "node_modules" / STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == lock_hash()


def ensure_installed(target: Path, echo=print) -> Path:
    """target/node_modules with the pinned decap-cms and decap-server; installs them if absent or stale."""
    modules = target / "node_modules"
    if is_installed(target):
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError("โปรแกรมแก้ไขต้องใช้ Node.js และ npm: ติดตั้งก่อน (Debian/Ubuntu: apt-get install nodejs npm)\n"
                           "The editor needs Node.js and npm: install them first (Debian/Ubuntu: apt-get install "
                           "nodejs npm)")
    target.mkdir(parents=True, exist_ok=True)
    for name in MANIFESTS:
        shutil.copyfile(HERE / name, target / name)
    echo(f"กำลังติดตั้ง Decap CMS ลงใน {target} (ครั้งแรกครั้งเดียว ประมาณหนึ่งนาที)\n"
         f"Installing Decap CMS into {target} (once, about a minute)…")
    done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                          cwd=target, capture_output=True, text=True)
    if done.returncode != 0:
        raise InstallError(f"ติดตั้ง Decap CMS ไม่สำเร็จ (npm ci ใน {target}): ตรวจการเชื่อมต่ออินเทอร์เน็ตแล้วลองใหม่\n"
                           f"Installing Decap CMS failed (npm ci in {target}): check the network and try again\n"
                           f"{done.stderr.strip()[-2000:]}")
    (modules / STAMP).write_text(lock_hash() + "\n", encoding="utf-8")
    return modules
