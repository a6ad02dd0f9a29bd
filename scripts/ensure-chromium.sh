#!/bin/sh
# Browser tests drive Debian's Chromium through Playwright. Install it when it is missing and we
# may (root with apt); otherwise stop and say what to install. Browser tests are never skipped.
set -eu
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package for the browser tests..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM. Install the Debian package 'chromium'" >&2
echo "(sudo apt-get install chromium), or set CHROMIUM_PATH to another Chromium binary." >&2
exit 1
