"""python -m changwat.screenshots --site site --out build/screenshots [--pages home,news] [--devices phone-360]
[--languages th] [--modes default,dark] [--full-page]

Exit code 0: every shot taken and no rule broken; 1: a shot breaks a rule or could not be taken (the sheet is
written all the same); 2: a wrong command, no built site, no browser."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from .plan import PlanError, load_plan, shots

MARKER = ".changwat-screenshots"  # the output folder is ours to empty on the next run


def say(th: str, en: str) -> None:
    print(f"{th}\n{en}", file=sys.stderr)


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _prepare(out: Path) -> bool:
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        say(f"โฟลเดอร์ {out} มีไฟล์อื่นอยู่แล้ว จะไม่ลบทิ้ง ให้เลือกโฟลเดอร์อื่นด้วย --out",
            f"{out} already holds other files, which are not deleted: choose another folder with --out")
        return False
    shutil.rmtree(out, ignore_errors=True)
    (out / "thumbs").mkdir(parents=True)
    (out / MARKER).write_text("Written by python -m changwat.screenshots; emptied on its next run.\n")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m changwat.screenshots", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (make build)")
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    parser.add_argument("--pages", type=_list, help="page kinds of plan.yml, comma-separated (default: all)")
    parser.add_argument("--devices", type=_list, help="devices of plan.yml (default: all)")
    parser.add_argument("--languages", type=_list, help="th, en (default: both)")
    parser.add_argument("--modes", type=_list, help="colour modes (default: every mode the site offers)")
    parser.add_argument("--full-page", action="store_true", help="also the whole page, beside the first screen")
    args = parser.parse_args(argv)

    from selenium.common.exceptions import WebDriverException

    from changwat.checks.browser import BrowserUnavailable, INSTALL_CHROMIUM, chromium, serve

    from .capture import colour_modes, take
    from .sheet import table_text, write_facts, write_sheet

    site = args.site
    if not (site / "index.html").is_file():
        say(f"ไม่พบเว็บไซต์ที่สร้างแล้วใน {site} (ไม่มี index.html) ให้สร้างก่อนด้วย make build",
            f"No built site in {site} (no index.html): build it first with make build")
        return 2
    plan = load_plan()
    start = time.monotonic()
    try:
        with serve(site) as base, chromium() as driver:
            modes = colour_modes(driver, base)
            if not modes:
                say("หน้าแรกไม่มีปุ่มเลือกโหมดสี (data-changwat-mode) จึงถ่ายเฉพาะโหมดปกติ",
                    "The home page has no colour mode buttons (data-changwat-mode): only the default mode is shot")
                modes = {"default": {"th": "default", "en": "default"}}
            try:
                chosen = shots(plan, list(modes), kinds=args.pages, devices=args.devices, languages=args.languages,
                               only_modes=args.modes)
            except PlanError as e:
                say(f"ไม่มีในแผน (plan.yml): {e}", f"Not in the plan (plan.yml): {e}")
                return 2
            if not _prepare(args.out):
                return 2
            print(f"{len(chosen)} shots → {args.out}", flush=True)

            def progress(t):
                mark = "  ! " + "; ".join(t.problems) if t.problems else ""
                print(f"  {t.shot.name:<48} {t.seconds:5.1f} s{mark}", flush=True)

            taken = take(driver, base, site, chosen, args.out, full_page=args.full_page, progress=progress)
    except BrowserUnavailable as e:
        say(f"เปิด Chromium ไม่ได้: {e}", f"Chromium could not be used: {e}. Fix: {INSTALL_CHROMIUM}")
        return 2
    except WebDriverException as e:
        first = str(e.msg or e).strip().splitlines()[0] if str(e.msg or e).strip() else type(e).__name__
        say(f"Chromium หยุดทำงานระหว่างถ่ายภาพ: {first} ให้ลองใหม่ด้วย make screenshots",
            f"Chromium failed while taking the shots: {first}. Run make screenshots again.")
        return 2
    seconds = time.monotonic() - start
    write_facts(args.out, taken)
    sheet = write_sheet(args.out, plan, taken, modes, seconds, site)
    print()
    print(table_text(plan, taken))
    broken = [t for t in taken if t.problems]
    print(f"\n{sum(1 for t in taken if t.png)} shots in {seconds:.0f} s; {len(broken)} break a rule.")
    for t in broken:
        print(f"  {t.shot.name}: {'; '.join(t.problems)}")
    print(f"แผ่นรวมภาพ / Contact sheet: {sheet}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
