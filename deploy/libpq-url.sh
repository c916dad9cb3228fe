# Sourced by backup.sh and restore.sh: the service's SQLAlchemy URL (CHANGWAT_SERVICE_DB_URL) as libpq takes it.
# libpq does not know SQLAlchemy's "+driver" part of the scheme. The password goes to libpq in PGPASSWORD, not
# on the command line, where every user of the host could read it (ps). Sets PG_URL.
REST="${URL#*://}"
if [[ "$REST" == *@* ]]; then
  CREDS="${REST%%@*}"
  if [[ "$CREDS" == *:* ]]; then
    PW="${CREDS#*:}"
    export PGPASSWORD="$(printf '%b' "${PW//%/\\x}")"  # percent-decoded, as in the URL
  fi
  REST="${CREDS%%:*}@${REST#*@}"
fi
PG_URL="postgresql://$REST"
