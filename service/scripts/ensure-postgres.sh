#!/usr/bin/env bash
# Make a local PostgreSQL available for the service's tests and benchmark: install Debian's package when it is
# absent, start the cluster when it is down, and make sure a login role that may create databases exists.
# Prints the admin URL (database "postgres") on its last line. Exits non-zero when it cannot: the tests then fail.
set -euo pipefail

ROLE="${CHANGWAT_PG_ROLE:-changwat_test}"
PASSWORD="${CHANGWAT_PG_PASSWORD:-changwat_test}"
PORT="${CHANGWAT_PG_PORT:-5432}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "ensure-postgres: installing Debian's postgresql" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
    || { as_root apt-get update -q >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep "^$VERSION main$" >/dev/null; then
  as_root pg_createcluster "$VERSION" main --port "$PORT" >&2
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}' | grep online >/dev/null; then
  as_root pg_ctlcluster "$VERSION" main start >&2
fi
CLUSTER_PORT="$(pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $3}')"

for _ in $(seq 1 30); do
  as_postgres psql -p "$CLUSTER_PORT" -qAtc "select 1" >/dev/null 2>&1 && break
  sleep 1
done

as_postgres psql -p "$CLUSTER_PORT" -v ON_ERROR_STOP=1 -qAt >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
SQL

echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$CLUSTER_PORT/postgres"
