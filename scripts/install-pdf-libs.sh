#!/bin/sh
# Install the system library WeasyPrint subsets fonts with (HarfBuzz's subset library),
# unless it is already there. Without it WeasyPrint warns, and the report tests turn
# that warning into a failure. (Debian's Chromium pulls it in too.)
set -eu
if ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0'; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "reports: libharfbuzz-subset is missing and apt-get is not available;" \
         "install HarfBuzz's subset library yourself, or the PDF tests will fail" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "reports: run 'apt-get install libharfbuzz-subset0' as root for the PDF tests" >&2
        exit 0
    fi
fi
echo "Installing HarfBuzz's subset library from Debian's packages for PDF reports..."
$SUDO apt-get install -y --no-install-recommends libharfbuzz-subset0 >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends libharfbuzz-subset0 >/dev/null; }
