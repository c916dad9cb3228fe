#!/usr/bin/env bash
# Back up the participation service's PostgreSQL database: one pg_dump file in custom format per run, named by
# date and time, in BACKUP_DIR; files older than KEEP_DAYS days are deleted afterwards (never before the new
# file is complete). Run it daily (deploy/compose.yml's backup job does), and copy BACKUP_DIR off the host:
# a backup on the same disk does not survive the disk.
#
#   CHANGWAT_SERVICE_DB_URL=postgresql+psycopg://user:pw@host:5432/changwat deploy/backup.sh [BACKUP_DIR] [KEEP_DAYS]
#
# Defaults: BACKUP_DIR=${CHANGWAT_BACKUP_DIR:-/var/backups/changwat}, KEEP_DAYS=${CHANGWAT_BACKUP_KEEP_DAYS:-30}.
# Prints the path of the new file. Restore with deploy/restore.sh FILE.
set -euo pipefail

DIR="${1:-${CHANGWAT_BACKUP_DIR:-/var/backups/changwat}}"
KEEP_DAYS="${2:-${CHANGWAT_BACKUP_KEEP_DAYS:-30}}"
URL="${CHANGWAT_SERVICE_DB_URL:?set CHANGWAT_SERVICE_DB_URL to the service database (postgresql+psycopg://...)}"

case "$URL" in
  postgresql*://*) ;;
  *) echo "backup.sh: CHANGWAT_SERVICE_DB_URL is not PostgreSQL; for SQLite copy the file with: sqlite3 DB '.backup FILE'" >&2; exit 2 ;;
esac
case "$KEEP_DAYS" in ""|*[!0-9]*|0) echo "backup.sh: KEEP_DAYS must be a whole number of days, 1 or more" >&2; exit 2 ;; esac

. "$(dirname "$0")/libpq-url.sh"   # sets PG_URL and PGPASSWORD from URL

mkdir -p "$DIR"
umask 077  # the dump holds citizens' names, e-mail addresses and complaints
STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
FILE="$DIR/changwat-$STAMP.dump"
PARTIAL="$FILE.partial"
trap 'rm -f "$PARTIAL"' EXIT

pg_dump --format=custom --no-owner --no-privileges --dbname="$PG_URL" --file="$PARTIAL"
# A dump that pg_restore cannot list is not a backup: fail now, not on the day it is needed.
pg_restore --list "$PARTIAL" >/dev/null
mv "$PARTIAL" "$FILE"

# Only our own complete files, and only after the new one exists.
find "$DIR" -maxdepth 1 -type f -name 'changwat-*.dump' -mtime +"$((KEEP_DAYS - 1))" ! -path "$FILE" -delete
echo "$FILE"
