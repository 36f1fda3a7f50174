#!/bin/sh
# Install Debian's Chromium for the browser tests, unless it is already there.
# Playwright drives this system browser; it never downloads one of its own.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "browser tests: /usr/bin/chromium is missing and apt-get is not available;" \
         "install Chromium yourself, or the browser tests will be skipped" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "browser tests: run 'apt-get install chromium' as root to enable them" >&2
        exit 0
    fi
fi
echo "Installing Chromium from Debian's packages for the browser tests..."
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends chromium >/dev/null; }
