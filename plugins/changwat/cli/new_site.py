"""`changwat new FOLDER`: a new office's site, complete, that builds and passes the standards gate as created.

The site's files are plain files in scaffold/ (shipped inside the package), copied with the office's names filled
in. Tokens are written __LIKE_THIS__; in YAML files a token is a whole value and is written as a quoted string, so
a name with a colon or a quote stays valid YAML. The site needs nothing from the kit's repository: the kit's
templates come with the changwat-site plugin.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from changwat import __version__
from changwat.core.thai_dates import BUDDHIST_ERA_OFFSET

SCAFFOLD = Path(__file__).with_name("scaffold")
# Dotfiles are stored without their dot (package data globs and some tools skip dotfiles).
RENAMES = {"gitignore": ".gitignore", "github": ".github"}
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".txt", ".svg", ""}
TOKEN = re.compile(r"__([A-Z][A-Z_]*[A-Z])__")


class NewSiteError(Exception):
    """A mistake in what the officer asked for: said in Thai and English, never as a traceback."""

    def __init__(self, th: str, en: str, code: int = 1):
        super().__init__(f"{th}\n{en}")
        self.code = code


@dataclass(frozen=True)
class OfficeNames:
    name_th: str = "สำนักงานจังหวัดใหม่"
    name_en: str = "New Provincial Office"
    province_th: str = "จังหวัดใหม่"
    province_en: str = "New Province"
    site_url: str = "https://www.new-province.go.th/"


def _one_line(label: str, value: str) -> str:
    value = (value or "").strip()
    if not value or "\n" in value:
        raise NewSiteError(f"{label} ต้องเป็นข้อความหนึ่งบรรทัด และต้องไม่ว่าง",
                           f"{label} must be one line of text, not empty.", code=2)
    return value


def _site_url(value: str) -> str:
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NewSiteError(
            f"ที่อยู่เว็บไซต์ (--site-url) ไม่ถูกต้อง: {value!r} ต้องขึ้นต้นด้วย https:// เช่น https://www.example.go.th/",
            f"The site's address (--site-url) is not valid: {value!r}. Write it with https://, "
            "e.g. https://www.example.go.th/", code=2)
    return value if value.endswith("/") else value + "/"


def values_for(names: OfficeNames, today: dt.date | None = None) -> dict[str, str]:
    """Every token's value: the office's names as given, and example details derived from them."""
    name_th = _one_line("ชื่อสำนักงานภาษาไทย (--name-th) / The office's Thai name", names.name_th)
    name_en = _one_line("ชื่อสำนักงานภาษาอังกฤษ (--name-en) / The office's English name", names.name_en)
    province_th = _one_line("ชื่อจังหวัดภาษาไทย (--province-th) / The province's Thai name", names.province_th)
    province_en = _one_line("ชื่อจังหวัดภาษาอังกฤษ (--province-en) / The province's English name", names.province_en)
    site_url = _site_url(names.site_url)
    host = (urlsplit(site_url).hostname or "").lower()
    domain = host[4:] if host.startswith("www.") else host
    handle = re.sub(r"[^a-z0-9]", "", domain.split(".")[0]) or "office"
    year = (today or dt.date.today()).year
    town_th = province_th.removeprefix("จังหวัด")
    town_en = re.sub(r"\s+Province$", "", province_en)
    street_th = f"ศาลากลาง{province_th} ถนนศาลากลาง"
    street_en = f"{province_en} Provincial Hall, Sala Klang Road"
    return {
        "NAME_TH": name_th, "NAME_EN": name_en, "PROVINCE_TH": province_th, "PROVINCE_EN": province_en,
        "KIT_VERSION": __version__, "SITE_URL": site_url, "DOMAIN": domain, "HANDLE": handle, "EMAIL": f"saraban@{domain}",
        "DESCRIPTION_TH": f"เว็บไซต์ทางการของ{name_th} ข่าวสาร ประกาศ และบริการสำหรับประชาชน",
        "DESCRIPTION_EN": f"The official website of the {name_en}: news, announcements and public services.",
        "COPYRIGHT_TH": f"© {year + BUDDHIST_ERA_OFFSET} {name_th}",
        "COPYRIGHT_EN": f"© {year} {name_en}",
        "STREET_TH": street_th, "STREET_EN": street_en,
        "LOCALITY_TH": f"อำเภอเมือง{town_th}", "LOCALITY_EN": f"Mueang {town_en} District",
        "ADDRESS_TH": f"{street_th} ตำบลในเมือง อำเภอเมือง{town_th} {province_th} 10000",
        "ADDRESS_EN": f"{street_en}, Nai Mueang, Mueang {town_en} District, {province_en} 10000",
        "MAP_URL": "https://www.openstreetmap.org/search?query=" + quote(f"ศาลากลาง{province_th}"),
        "FACEBOOK_URL": f"https://www.facebook.com/{handle}",
        "LINE_URL": f"https://line.me/R/ti/p/@{handle}",
        "YOUTUBE_URL": f"https://www.youtube.com/@{handle}",
    }


def fill(text: str, values: dict[str, str], yaml: bool) -> str:
    """Tokens replaced; in YAML, a token outside a comment is a whole value and is written as a quoted string."""
    def line(text_line: str) -> str:
        quoted = yaml and not text_line.lstrip().startswith("#")
        return TOKEN.sub(lambda m: json.dumps(values[m.group(1)], ensure_ascii=False) if quoted
                         else values[m.group(1)], text_line)
    return "".join(line(part) for part in text.splitlines(keepends=True))


def scaffold_files() -> list[Path]:
    return sorted(p for p in SCAFFOLD.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def destination(source: Path, folder: Path) -> Path:
    parts = list(source.relative_to(SCAFFOLD).parts)
    parts[0] = RENAMES.get(parts[0], parts[0])
    return folder.joinpath(*parts)


def create_site(folder: Path, names: OfficeNames = OfficeNames(), today: dt.date | None = None) -> list[Path]:
    """Writes the site into folder (new, or empty); returns the files written."""
    values = values_for(names, today)
    if folder.exists() and not folder.is_dir():
        raise NewSiteError(f"{folder} เป็นไฟล์ ไม่ใช่โฟลเดอร์ เลือกชื่อโฟลเดอร์ใหม่",
                           f"{folder} is a file, not a folder: choose a new folder name.")
    if folder.is_dir() and any(folder.iterdir()):
        raise NewSiteError(
            f"โฟลเดอร์ {folder} มีไฟล์อยู่แล้ว จึงไม่ได้สร้างอะไร เลือกโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง",
            f"The folder {folder} is not empty, so nothing was written. Choose a new or an empty folder.")
    written = []
    try:
        for source in scaffold_files():
            target = destination(source, folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.suffix in TEXT_SUFFIXES:
                text = fill(source.read_text(encoding="utf-8"), values, yaml=source.suffix in (".yml", ".yaml"))
                target.write_text(text, encoding="utf-8")
            else:
                shutil.copyfile(source, target)
            written.append(target)
    except OSError as e:
        raise NewSiteError(f"เขียนไฟล์ใน {folder} ไม่ได้: {e.strerror} ({e.filename})",
                           f"Could not write into {folder}: {e.strerror} ({e.filename}).") from e
    return written


def start_git(folder: Path) -> bool:
    """Makes the new site a git repository (unless it is inside one already): pages show their "last updated" date
    from git history, and a file not committed yet from its modification time. False when git is missing."""
    git = shutil.which("git")
    if git is None:
        return False
    inside = subprocess.run([git, "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, text=True)
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return True
    return subprocess.run([git, "-c", "init.defaultBranch=main", "init", "-q"], cwd=folder,
                          capture_output=True).returncode == 0
