#!/bin/sh
# Install Debian's wrk for the web load benchmark (bench/web.py), unless it is already there.
# The load must come from a second process on loopback, and wrk is a small C program that
# keeps 20 connections busy from two threads without itself eating the 2 cores it measures.
# Exits 0 either way: bench/web.py checks for wrk afterwards and skips with a clear line.
set -eu
if command -v wrk >/dev/null 2>&1; then
    exit 0
fi
sh "$(dirname "$0")/apt-install.sh" wrk "the web benchmark" \
    "the web benchmark will be skipped" \
    || echo "web bench: could not install wrk from Debian's packages" >&2
exit 0
