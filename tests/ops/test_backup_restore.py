"""deploy/backup.sh and deploy/restore.sh on a real PostgreSQL: data made by the service's own functions comes
back exactly after it was changed and deleted; old backups are pruned, recent ones and other files kept; a file
that is not a dump is refused before anything is touched."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

from sqlalchemy import select

from changwat_service import cases, subscriptions
from changwat_service.db import Database
from changwat_service.models import Base, Case

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "deploy" / "backup.sh"
RESTORE = ROOT / "deploy" / "restore.sh"
DAY = 86400


def run(script: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHANGWAT_")}
    env["CHANGWAT_SERVICE_DB_URL"] = url
    return subprocess.run(["bash", str(script), *args], capture_output=True, text=True, env=env, timeout=300)


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table of the service's schema, in primary-key order."""
    with db.read() as s:
        return {table.name: [tuple(row) for row in s.execute(select(table).order_by(*table.primary_key.columns))]
                for table in Base.metadata.sorted_tables}


def fill(db: Database) -> tuple[str, str]:
    complaint = cases.submit(db, "complaint", "th", {
        "name": "สมชาย ใจดี", "email": "somchai@example.com", "phone": "0812345678",
        "subject": "ถนนชำรุด หมู่ 4", "body": "หลุมบนถนนหน้าโรงเรียน <b>อันตราย</b> 'quote' \"double\""})
    question = cases.submit(db, "question", "en", {"subject": "Opening hours", "body": "When is the office open?"})
    with db.read() as s:
        qid = s.execute(select(Case.id).where(Case.code == question)).scalar_one()
    cases.update(db, qid, status="answered", reply="08:30–16:30, Monday to Friday", public=True,
                 public_question="When is the office open?")
    ids = subscriptions.subscribe(db, "somsri@example.com", "th", ["news", "procurement"])
    subscriptions.confirm(db, ids, "somsri@example.com")
    subscriptions.subscribe(db, "pending@example.com", "en", ["news"])
    return complaint, question


def test_restore_brings_back_exactly_what_was_backed_up(pg_url, tmp_path):
    db = Database(pg_url)
    complaint, question = fill(db)
    before = snapshot(db)
    assert len(before["cases"]) == 2 and len(before["subscribers"]) == 3

    made = run(BACKUP, pg_url, str(tmp_path))
    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip().splitlines()[-1])
    assert dump.parent == tmp_path and re.fullmatch(r"changwat-\d{4}-\d\d-\d\dT\d{6}Z\.dump", dump.name), dump
    assert dump.stat().st_mode & 0o077 == 0, "the dump holds personal data: only its owner may read it"

    # What can happen after a backup: a new case, a deletion on request, an unsubscription, a row gone.
    cases.submit(db, "question", "th", {"subject": "หลังสำรอง", "body": "ข้อมูลที่ต้องหายไปหลังกู้คืน"})
    with db.read() as s:
        cid = s.execute(select(Case.id).where(Case.code == complaint)).scalar_one()
    assert cases.delete_on_request(db, cid, complaint)
    subscriptions.unsubscribe(db, before["subscribers"][0][0])
    with db.write() as s:
        s.delete(s.get(Case, before["cases"][1][0]))
    assert snapshot(db) != before
    db.dispose()  # the restore drops the tables: no pooled connection may hold them

    restored = run(RESTORE, pg_url, str(dump), "--yes")
    assert restored.returncode == 0, restored.stderr

    db = Database(pg_url)
    try:
        assert snapshot(db) == before
        assert cases.public_status(db, question)["reply"] == "08:30–16:30, Monday to Friday"
        # The sequences came back too: the service takes new cases after the restore without a key clash.
        new = cases.submit(db, "question", "th", {"subject": "ใหม่", "body": "หลังกู้คืน"})
        assert cases.public_status(db, new)["status"] == "received"
    finally:
        db.dispose()


def test_backup_prunes_only_its_own_old_files(pg_url, tmp_path):
    old = tmp_path / "changwat-2026-01-01T000000Z.dump"
    recent = tmp_path / "changwat-2026-11-20T000000Z.dump"
    other = tmp_path / "notes-2026-01-01.txt"
    for path, age_days in ((old, 40), (recent, 5), (other, 40)):
        path.write_bytes(b"x")
        past = time.time() - age_days * DAY
        os.utime(path, (past, past))

    made = run(BACKUP, pg_url, str(tmp_path), "30")
    assert made.returncode == 0, made.stderr
    new = Path(made.stdout.strip().splitlines()[-1])
    assert new.exists() and not old.exists() and recent.exists() and other.exists()
    assert not list(tmp_path.glob("*.partial"))


def test_restore_refuses_a_file_that_is_not_a_dump(pg_url, tmp_path):
    db = Database(pg_url)
    fill(db)
    before = snapshot(db)
    db.dispose()
    bogus = tmp_path / "changwat-2026-11-30T000000Z.dump"
    bogus.write_text("not a dump", encoding="utf-8")

    refused = run(RESTORE, pg_url, str(bogus), "--yes")
    assert refused.returncode == 2 and "not a pg_dump custom-format file" in refused.stderr

    db = Database(pg_url)
    try:
        assert snapshot(db) == before
    finally:
        db.dispose()


def test_backup_says_what_is_wrong_with_its_arguments(tmp_path):
    sqlite = run(BACKUP, f"sqlite:///{tmp_path}/x.sqlite3", str(tmp_path))
    assert sqlite.returncode == 2 and "not PostgreSQL" in sqlite.stderr
    zero = run(BACKUP, "postgresql+psycopg://u:p@127.0.0.1/x", str(tmp_path), "0")
    assert zero.returncode == 2 and "1 or more" in zero.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_password_leaves_no_file_and_the_password_is_not_an_argument(pg_url, tmp_path):
    """The password reaches libpq through PGPASSWORD: a wrong one fails the run, and a right one never appears
    on pg_dump's command line (world-readable in ps), only in its environment."""
    user, rest = pg_url.split("://", 1)[1].split(":", 1)
    wrong = pg_url.replace(f"{user}:{rest.split('@', 1)[0]}@", f"{user}:not-the-password@")
    failed = run(BACKUP, wrong, str(tmp_path))
    assert failed.returncode != 0 and list(tmp_path.iterdir()) == []

    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    seen = tmp_path / "seen"
    (fake_bin / "pg_dump").write_text(f'#!/bin/sh\necho "$@" > {seen}\necho "$PGPASSWORD" >> {seen}\nexit 1\n')
    (fake_bin / "pg_dump").chmod(0o755)
    env = {"PATH": f"{fake_bin}:/usr/bin:/bin", "CHANGWAT_SERVICE_DB_URL": "postgresql+psycopg://u:s%40cret@h:5432/d"}
    subprocess.run(["bash", str(BACKUP), str(tmp_path / "out")], env=env, capture_output=True, timeout=60)
    args, password = seen.read_text().splitlines()
    assert "s@cret" not in args and "s%40cret" not in args and "postgresql://u@h:5432/d" in args
    assert password == "s@cret"
