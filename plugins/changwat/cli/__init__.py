"""The changwat command: make, build, preview and check an office's website.

    changwat new FOLDER               a new office's site, ready to build
    changwat build [-f mkdocs.yml] [-d site]
    changwat serve [-a 127.0.0.1:8000]
    changwat check [--site site]      the standards gate (python -m changwat.checks)
    changwat new-item SECTION SLUG    a news item, announcement or procurement notice in both languages

Every mistake is said in Thai and English, with exit code 1 (a problem found) or 2 (a wrong command, a missing
tool), never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from changwat.checks.__main__ import CHECKS as GATE_CHECKS  # what `changwat check` runs: the whole gate
from changwat.checks.tools import GATE_PACKAGES

DESCRIPTION = ("สร้าง แสดงตัวอย่าง และตรวจเว็บไซต์ของสำนักงานตามมาตรฐานเว็บไซต์ภาครัฐ\n"
               "Make, preview and check a government office's website against the Government Website Standard.")
EPILOG = ("เริ่มต้น / Getting started:\n"
          "  changwat new my-site && cd my-site && changwat build && changwat check\n"
          "ดูวิธีใช้ของแต่ละคำสั่ง / Help on one command: changwat COMMAND --help")


def say(th: str, en: str, stream=None) -> None:
    print(f"{th}\n{en}", file=stream or sys.stderr)


class Parser(argparse.ArgumentParser):
    """argparse with its usage errors said in Thai too (exit code 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"คำสั่งไม่ถูกต้อง: {message}\nWrong command: {message}\n"
                     f"ดูวิธีใช้ / For help: {self.prog} --help\n")


def _config_or_fail(config: Path) -> bool:
    if config.is_file():
        return True
    say(f"ไม่พบไฟล์ {config} ให้เรียกคำสั่งนี้ในโฟลเดอร์ของเว็บไซต์ (โฟลเดอร์ที่มี mkdocs.yml) "
        "หรือสร้างเว็บไซต์ใหม่ด้วย changwat new ชื่อโฟลเดอร์",
        f"{config} was not found. Run this command in the site's folder (the one with mkdocs.yml), "
        "or make a new site with: changwat new FOLDER")
    return False


def cmd_new(args) -> int:
    from changwat.cli.new_site import NewSiteError, OfficeNames, create_site, start_git

    names = OfficeNames(args.name_th, args.name_en, args.province_th, args.province_en, args.site_url)
    folder = Path(args.folder)
    try:
        written = create_site(folder, names)
    except NewSiteError as e:
        print(e, file=sys.stderr)
        return e.code
    if not start_git(folder):
        say("คำเตือน: ไม่พบโปรแกรม git หน้าเว็บจึงยังไม่แสดงวันที่ปรับปรุงล่าสุด ติดตั้ง git แล้วสั่ง git init ในโฟลเดอร์นี้",
            "Warning: git was not found, so pages show no last-updated date yet: install git and run git init "
            "in this folder.")
    say(f"สร้างเว็บไซต์ของ{names.name_th}ที่ {folder} แล้ว ({len(written)} ไฟล์)\n"
        f"ขั้นต่อไป: cd {folder} แล้วสั่ง changwat build และ changwat check จากนั้นแก้ข้อมูลสำนักงานใน mkdocs.yml "
        "ตามที่ README.md อธิบาย",
        f"Made the {names.name_en} website in {folder} ({len(written)} files).\n"
        f"Next: cd {folder}, then changwat build and changwat check; then put the office's real details in "
        "mkdocs.yml as README.md explains.", stream=sys.stdout)
    return 0


def cmd_build(args) -> int:
    from changwat.cli.build import build_atomically

    if not _config_or_fail(args.config_file):
        return 2
    return build_atomically(args.config_file, args.site_dir)


def cmd_serve(args) -> int:
    if not _config_or_fail(args.config_file):
        return 2
    if not args.dev_addr.rpartition(":")[2].isdigit():
        say(f"ที่อยู่ {args.dev_addr} ไม่ถูกต้อง ใช้รูปแบบ ที่อยู่:พอร์ต เช่น 127.0.0.1:8000",
            f"{args.dev_addr} is not an address: write it as host:port, e.g. 127.0.0.1:8000")
        return 2
    from changwat.cli.serve import serve

    # A build that fails does not stop the preview: the browser shows the problems until they are fixed.
    return serve(args.config_file, args.dev_addr)


# The gate's Python packages (module: package to install). pyproject.toml lists them in the `test` extra.
GATE_MODULES = {"bs4": "beautifulsoup4", "selenium": "selenium", "axe_selenium_python": "axe-selenium-python",
                "feedparser": "feedparser"}


def _missing_gate_modules() -> int:
    import importlib.util

    missing = [package for module, package in GATE_MODULES.items() if importlib.util.find_spec(module) is None]
    if missing:
        install = f"pip install 'changwat[check]'  ({', '.join(missing)})"
        say(f"การตรวจต้องใช้แพ็กเกจ Python ที่ยังไม่ได้ติดตั้ง ติดตั้งด้วยคำสั่ง: {install}",
            f"The checks need Python packages that are not installed. Install them with: {install}")
        return 2
    return 0


def _ensure_tools() -> int:
    """Java, Chromium and Thai fonts (ensure-tools.sh), then the pinned checkers from npm (checks/tools.py)."""
    from changwat.checks import tools

    script = Path(tools.__file__).with_name("ensure-tools.sh")
    if subprocess.run(["bash", str(script)]).returncode != 0:
        say("ขาดโปรแกรมที่ใช้ตรวจเว็บไซต์ ติดตั้งตามข้อความด้านบนแล้วลองใหม่",
            "Programs the checks need are missing: install what the message above names, then try again.")
        return 2
    problem = tools.ensure_node_tools(echo=lambda line: print(line, flush=True))
    if problem:
        say(f"ติดตั้งเครื่องมือตรวจ HTML และการเข้าถึง ({', '.join(GATE_PACKAGES)}) ไม่สำเร็จ: {problem}",
            f"The HTML and accessibility checkers ({', '.join(GATE_PACKAGES)}) could not be installed: {problem}.")
        return 2
    return 0


def cmd_check(args) -> int:
    from changwat.checks.__main__ import main as gate

    if args.site_url is None and not _config_or_fail(Path("mkdocs.yml")):
        return 2
    if not Path(args.site).is_dir():
        say(f"ไม่พบโฟลเดอร์ {args.site} ของเว็บไซต์ที่สร้างแล้ว สั่ง changwat build ก่อน แล้วจึงตรวจ",
            f"The built site {args.site} does not exist: run changwat build first, then check.")
        return 2
    if _missing_gate_modules():
        return 2
    if not args.no_install:
        status = _ensure_tools()
        if status:
            return status
    argv = ["--site", args.site, "--only", args.only, "--json", args.json, "--jobs", str(args.jobs)]
    if args.site_url is not None:
        argv += ["--site-url", args.site_url]
    code = gate(argv)
    if code == 1:
        say("พบข้อที่ไม่ผ่านมาตรฐาน แก้ตามคำแนะนำด้านบน (แต่ละข้อบอกหน้าและวิธีแก้) แล้วสั่ง changwat build และ changwat check อีกครั้ง",
            "Some checks failed: fix what the findings above say (each names the page and the fix), then run "
            "changwat build and changwat check again.")
    elif code == 2:
        say("เครื่องมือตรวจบางตัวทำงานไม่ได้ ผลการตรวจจึงยังไม่ครบ ดูข้อความด้านบน",
            "A checking tool did not work, so the results are incomplete: see the messages above.")
    return code


def cmd_new_item(args) -> int:
    from changwat.sections.items import section_definitions
    from changwat.sections.new_item import create

    sections = section_definitions()
    if args.section not in sections:
        say(f"ไม่รู้จักหมวด {args.section!r} ใช้หมวดใดหมวดหนึ่ง: {', '.join(sections)}",
            f"Unknown section {args.section!r}: use one of {', '.join(sections)}.")
        return 2
    try:
        paths = create(args.docs, args.section, args.slug)
    except SystemExit as e:  # create() stops with an English sentence: say it in Thai too
        say("สร้างไม่ได้ ตรวจชื่อสั้น (ใช้อักษรภาษาอังกฤษตัวเล็ก ตัวเลข และขีด เช่น flood-relief-bags) "
            "และดูว่ามีไฟล์ชื่อนี้อยู่แล้วหรือไม่", str(e.code))
        return 1
    for path in paths:
        print(f"สร้างแล้ว / created {path}")
    return 0


def build_parser() -> Parser:
    parser = Parser(prog="changwat", description=DESCRIPTION, epilog=EPILOG,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser,
                                     title="คำสั่ง / commands")

    new = commands.add_parser(
        "new", help="สร้างเว็บไซต์ใหม่ของสำนักงาน / make a new office's site",
        description="สร้างเว็บไซต์ใหม่ที่พร้อมสร้างและผ่านการตรวจ ในโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง\n"
                    "Make a new office's site, ready to build and check, in a new or empty folder.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    new.add_argument("folder", help="โฟลเดอร์ที่จะสร้าง / the folder to make")
    new.add_argument("--name-th", default="สำนักงานจังหวัดใหม่", help="ชื่อสำนักงานภาษาไทย / the office's Thai name")
    new.add_argument("--name-en", default="New Provincial Office", help="ชื่อสำนักงานภาษาอังกฤษ / the office's English name")
    new.add_argument("--province-th", default="จังหวัดใหม่", help="ชื่อจังหวัดภาษาไทย / the province's Thai name")
    new.add_argument("--province-en", default="New Province", help="ชื่อจังหวัดภาษาอังกฤษ / the province's English name")
    new.add_argument("--site-url", default="https://www.new-province.go.th/",
                     help="ที่อยู่เว็บไซต์ / the site's address (https://…go.th/)")
    new.set_defaults(run=cmd_new)

    build = commands.add_parser(
        "build", help="สร้างเว็บไซต์ลงโฟลเดอร์ site / build the site into site/",
        description="สร้างเว็บไซต์แบบเข้มงวด หากผิดพลาด โฟลเดอร์ site เดิมจะไม่ถูกแตะต้อง\n"
                    "Strict build; a failed build leaves the previous site/ untouched.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                       help="ไฟล์ตั้งค่า / the configuration file (default: mkdocs.yml)")
    build.add_argument("-d", "--site-dir", type=Path, default=Path("site"),
                       help="โฟลเดอร์ผลลัพธ์ / the output folder (default: site)")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser(
        "serve", help="แสดงตัวอย่างเว็บไซต์ขณะแก้ไข / live preview while editing",
        description="เปิดเว็บไซต์ตัวอย่างที่ปรับตามการแก้ไขทันที (Ctrl-C เพื่อหยุด)\n"
                    "A live preview that follows your edits (Ctrl-C stops it).\n"
                    "หากสร้างไม่สำเร็จ เบราว์เซอร์จะแสดงรายการปัญหาจนกว่าจะแก้ครบ\n"
                    "While a build fails, the browser lists its problems until they are fixed.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000",
                       help="ที่อยู่ของตัวอย่าง / the preview's address (default: 127.0.0.1:8000)")
    serve.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                       help="ไฟล์ตั้งค่า / the configuration file (default: mkdocs.yml)")
    serve.set_defaults(run=cmd_serve)

    check = commands.add_parser(
        "check", help="ตรวจเว็บไซต์ที่สร้างแล้วตามมาตรฐาน / run the standards gate on the built site",
        description="ตรวจ HTML การเข้าถึง ลิงก์ สองภาษา ความเป็นส่วนตัว และมาตรฐานเว็บไซต์ภาครัฐ\n"
                    "Checks HTML, accessibility, links, both languages, privacy and the Government Website "
                    "Standard (the same as python -m changwat.checks).",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("--site", default="site", help="โฟลเดอร์เว็บไซต์ที่สร้างแล้ว / the built site (default: site)")
    check.add_argument("--only", default=",".join(GATE_CHECKS),
                       help="ตรวจเฉพาะบางข้อ / only these checks (comma-separated)")
    check.add_argument("--json", default="reports/checks.json", help="ไฟล์รายงาน / the JSON report")
    check.add_argument("--site-url", default=None,
                       help="ที่อยู่เว็บไซต์ / the site's address (default: site_url in mkdocs.yml)")
    check.add_argument("--jobs", type=int, default=1, help="จำนวนเบราว์เซอร์ที่ใช้พร้อมกัน / browsers in parallel")
    check.add_argument("--no-install", action="store_true",
                       help="ไม่ติดตั้งเครื่องมือที่ขาด / do not install missing tools")
    check.set_defaults(run=cmd_check)

    item = commands.add_parser(
        "new-item", help="เริ่มข่าว ประกาศ หรือประกาศจัดซื้อจัดจ้างใหม่ / start a news item or notice",
        description="สร้างไฟล์ข่าวหรือประกาศทั้งภาษาไทยและภาษาอังกฤษ ลงวันที่วันนี้\n"
                    "Starts an item in both languages, dated today.\n"
                    "ตัวอย่าง / Example: changwat new-item news flood-relief-bags",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    item.add_argument("section", help="หมวด / the section: news, announcements, procurement")
    item.add_argument("slug", help="ชื่อสั้นภาษาอังกฤษ / a short English name, e.g. flood-relief-bags")
    item.add_argument("--docs", type=Path, default=Path("docs"), help="โฟลเดอร์เนื้อหา / the docs folder")
    item.set_defaults(run=cmd_new_item)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
