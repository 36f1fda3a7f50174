#!/bin/sh
# Install Debian's wrk for the web load benchmark (bench/web.py), unless it is already there.
# The load must come from a second process on loopback, and wrk is a small C program that
# keeps 20 connections busy from two threads without itself eating the 2 cores it measures.
# Exits 0 either way: bench/web.py checks for wrk afterwards and skips with a clear line.
set -eu
if command -v wrk >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "web bench: wrk is missing and apt-get is not available;" \
         "install wrk yourself, or the web benchmark will be skipped" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "web bench: run 'apt-get install wrk' as root to enable it" >&2
        exit 0
    fi
fi
echo "Installing wrk from Debian's packages for the web benchmark..." >&2
$SUDO apt-get install -y --no-install-recommends wrk >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends wrk >/dev/null; } \
    || echo "web bench: could not install wrk from Debian's packages" >&2
exit 0
