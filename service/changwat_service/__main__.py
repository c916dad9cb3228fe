"""python -m changwat_service serve | migrate | create-officer | disable-officer | reset-password | notify |
export | purge"""

from __future__ import annotations

import argparse
import getpass
import sys

from .office import load_office
from .settings import SettingsError, load_settings


def _db(settings):
    from .db import Database, migrate
    migrate(settings.db_url)
    return Database(settings.db_url)


def cmd_serve(settings, args):
    import uvicorn
    from .web.app import create_app
    # proxy_headers off: the app reads X-Forwarded-For itself, from the proxies CHANGWAT_SERVICE_TRUST_PROXY names.
    uvicorn.run(create_app(settings), host=args.host, port=args.port, workers=1, proxy_headers=False,
                server_header=False, log_level=args.log_level,
                # Longer than browsers' and proxies' idle reuse, so a reused connection is not cut mid-request.
                timeout_keep_alive=30)


def cmd_migrate(settings, args):
    from .db import migrate
    migrate(settings.db_url)
    print("database is at the latest schema")


def _new_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password (12+ characters): ")
    if getpass.getpass("Again: ") != password:
        sys.exit("The passwords differ.")
    return password


def cmd_create_officer(settings, args):
    from .officers import OfficerError, create
    password = _new_password(args)
    try:
        officer_id = create(_db(settings), args.username, password)
    except OfficerError as e:
        sys.exit(str(e))
    print(f"officer {args.username!r} created (id {officer_id})")


def cmd_disable_officer(settings, args):
    from .officers import OfficerError, disable
    try:
        ended = disable(_db(settings), args.username)
    except OfficerError as e:
        sys.exit(str(e))
    print(f"officer {args.username!r} disabled; sessions ended: {ended}")


def cmd_reset_password(settings, args):
    from .officers import OfficerError, reset_password
    password = _new_password(args)
    try:
        ended = reset_password(_db(settings), args.username, password)
    except OfficerError as e:
        sys.exit(str(e))
    print(f"password of {args.username!r} reset; sessions ended: {ended}")


def cmd_notify(settings, args):
    from . import feeds, notify, runlock
    sources = list(args.feeds)
    if args.site:
        sources += feeds.discover(args.site)
    if not sources:
        sys.exit("No feeds: give feed paths or URLs, or --site DIR of a built site.")
    try:
        report = notify.run(_db(settings), settings, sources, max_age_days=args.max_age_days or None,
                            baseline=args.baseline)
    except runlock.LockHeld as e:
        sys.exit(f"notify: {e}")
    d = report.delivery
    print(f"feeds: {len(sources)}; new items: {report.new_items}; queued: {report.queued}; sent: {d.sent} "
          f"(of which resent after a crash: {d.resent_after_crash}); retry later: {d.retry_later}; "
          f"failed: {d.failed}; cancelled: {d.cancelled}")
    for error in d.errors[:10]:
        print(f"  {error}", file=sys.stderr)
    if d.retry_later:
        sys.exit(75)  # EX_TEMPFAIL: run again later; nothing is lost


def cmd_export(settings, args):
    from .exports import export_all
    for path in export_all(_db(settings), args.out):
        print(path)


def cmd_purge(settings, args):
    from .purge import purge
    days = args.days if args.days is not None else settings.retention_days
    r = purge(_db(settings), days)
    print(f"retention {days} days: cases purged {r.cases}, subscribers deleted {r.subscribers}, "
          f"survey comments removed {r.survey_comments}, outbox rows deleted {r.outbox_rows}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m changwat_service", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", help="run the web service")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8100)
    p.add_argument("--log-level", default="info")
    p.set_defaults(func=cmd_serve)
    sub.add_parser("migrate", help="bring the database to the latest schema").set_defaults(func=cmd_migrate)
    p = sub.add_parser("create-officer", help="create a back-office account")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.set_defaults(func=cmd_create_officer)
    p = sub.add_parser("disable-officer", help="stop an account from logging in and end its sessions")
    p.add_argument("username")
    p.set_defaults(func=cmd_disable_officer)
    p = sub.add_parser("reset-password", help="set an officer's new password and end their sessions")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.set_defaults(func=cmd_reset_password)
    p = sub.add_parser("notify", help="mail new feed items to subscribers (run after each deploy)")
    p.add_argument("feeds", nargs="*", help="feed files or URLs (RSS 2.0 or Atom)")
    p.add_argument("--site", help="a built site directory: use its rss.xml and atom.xml files (root and per section, th and en)")
    p.add_argument("--max-age-days", type=int, default=30, help="items published earlier are recorded, not mailed "
                                                                  "(0: no limit)")
    p.add_argument("--baseline", action="store_true", help="record every item as seen without mailing (first run)")
    p.set_defaults(func=cmd_notify)
    p = sub.add_parser("export", help="write qa.json, survey.json, stats.json for the site's build")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("purge", help="delete personal data past the retention period")
    p.add_argument("--days", type=int, help="override CHANGWAT_SERVICE_RETENTION_DAYS")
    p.set_defaults(func=cmd_purge)
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        load_office(settings)  # a wrong CHANGWAT_OFFICE_FILE stops every command here, with its message
    except SettingsError as e:
        sys.exit(f"settings: {e}")
    args.func(settings, args)


if __name__ == "__main__":
    main()
