#!/usr/bin/env bash
# The checks need Java (Nu HTML checker) and Chromium with its driver (axe, browser tests).
# On Debian as root they are installed when missing; elsewhere we say what to install and stop.
set -euo pipefail

chromium=${CHANGWAT_CHROMIUM:-/usr/bin/chromium}
driver=${CHANGWAT_CHROMEDRIVER:-/usr/bin/chromedriver}
missing=()
[ -x "$chromium" ] && [ -x "$driver" ] || missing+=(chromium chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# grep -q would end the pipe early and fail it under pipefail; read it all.
fc-list 2>/dev/null | grep -i "tlwg\|garuda\|loma\|sarabun\|noto sans thai" >/dev/null || missing+=(fonts-thai-tlwg)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} from Debian's packages..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
The checks need these programs, which are not installed: ${missing[*]}
  Debian/Ubuntu: sudo apt-get install ${missing[*]}
  Elsewhere: install Chromium and the matching ChromeDriver, and Java 17 or newer; point
  CHANGWAT_CHROMIUM and CHANGWAT_CHROMEDRIVER at the browser and driver if they are not in /usr/bin.
MSG
exit 1
