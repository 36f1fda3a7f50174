#!/bin/sh
# Install Debian's Chromium for the browser tests, unless it is already there.
# Playwright drives this system browser; it never downloads one of its own.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
sh "$(dirname "$0")/apt-install.sh" chromium "the browser tests" \
    "the browser tests will be skipped"
