#!/usr/bin/env bash
# make production and the production tests need Debian's nginx, and its brotli module when Debian has one.
# On Debian as root they are installed when missing; elsewhere we say what to install and stop.
# The kit never uses the system's nginx service or /etc/nginx: it runs its own nginx.conf (deploy/README.md).
set -euo pipefail

nginx=${CHANGWAT_NGINX:-/usr/sbin/nginx}
brotli=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
missing=()
[ -x "$nginx" ] || missing+=(nginx)
# Brotli is optional: the generated configuration uses it only when the module is there.
if [ ! -e "$brotli" ] && command -v apt-cache >/dev/null 2>&1 \
    && apt-cache show libnginx-mod-http-brotli-filter >/dev/null 2>&1; then
  missing+=(libnginx-mod-http-brotli-filter)
fi

[ ${#missing[@]} -eq 0 ] && exit 0
# Only nginx itself is needed to go on; a missing brotli module when we cannot install is not an error.
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  [ -x "$nginx" ] && exit 0
  cat >&2 <<MSG
The production profile needs nginx, which is not installed.
  Debian/Ubuntu: sudo apt-get install nginx libnginx-mod-http-brotli-filter
  Elsewhere: install nginx 1.18 or newer and point CHANGWAT_NGINX at its binary.
MSG
  exit 1
fi

echo "Installing ${missing[*]} from Debian's packages..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
