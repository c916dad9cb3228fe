#!/usr/bin/env bash
# Restore the participation service's PostgreSQL database from a file made by deploy/backup.sh. The database's
# current content is replaced by the file's: every table the dump holds is dropped and recreated, in one
# transaction, so a failed restore leaves the database as it was.
#
#   CHANGWAT_SERVICE_DB_URL=postgresql+psycopg://user:pw@host:5432/changwat deploy/restore.sh FILE [--yes]
#
# Stop the service first (docker compose stop service), restore, then start it: the service migrates the schema
# forward on start if the dump is from an older version. Without --yes it asks before replacing the data.
set -euo pipefail

FILE="${1:?usage: restore.sh FILE [--yes]}"
URL="${CHANGWAT_SERVICE_DB_URL:?set CHANGWAT_SERVICE_DB_URL to the service database (postgresql+psycopg://...)}"
case "$URL" in
  postgresql*://*) ;;
  *) echo "restore.sh: CHANGWAT_SERVICE_DB_URL is not PostgreSQL" >&2; exit 2 ;;
esac
[ -r "$FILE" ] || { echo "restore.sh: cannot read $FILE" >&2; exit 2; }
pg_restore --list "$FILE" >/dev/null || { echo "restore.sh: $FILE is not a pg_dump custom-format file" >&2; exit 2; }

. "$(dirname "$0")/libpq-url.sh"   # sets PG_URL and PGPASSWORD from URL
if [ "${2:-}" != "--yes" ]; then
  read -r -p "Replace all data in the service database with $FILE? Type yes: " answer
  [ "$answer" = yes ] || { echo "restore.sh: nothing changed" >&2; exit 1; }
fi

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$PG_URL" "$FILE"
echo "restored $FILE"
