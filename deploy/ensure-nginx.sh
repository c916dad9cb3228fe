#!/usr/bin/env bash
# make production and the production tests need Debian's nginx, and its brotli module when Debian has one.
# On Debian as root they are installed when missing; elsewhere we say what to install and stop.
# The kit never uses the system's nginx service or /etc/nginx: it runs its own nginx.conf (deploy/README.md).
set -euo pipefail

nginx=${CHANGWAT_NGINX:-/usr/sbin/nginx}
brotli=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
[ -x "$nginx" ] && [ -e "$brotli" ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  # Brotli is optional where we cannot install it: the generated configuration uses it only when it is there.
  [ -x "$nginx" ] && exit 0
  cat >&2 <<MSG
The production profile needs nginx, which is not installed.
  Debian/Ubuntu: sudo apt-get install nginx libnginx-mod-http-brotli-filter
  Elsewhere: install nginx 1.18 or newer and point CHANGWAT_NGINX at its binary.
MSG
  exit 1
fi

# A fresh machine's package lists are empty or old: apt-cache knows the brotli module only after an update.
apt-get update -qq
wanted=(nginx)
if apt-cache show libnginx-mod-http-brotli-filter >/dev/null 2>&1; then
  wanted+=(libnginx-mod-http-brotli-filter)
fi
echo "Installing ${wanted[*]} from Debian's packages..."
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
