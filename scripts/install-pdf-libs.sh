#!/bin/sh
# Install the system library WeasyPrint subsets fonts with (HarfBuzz's subset library),
# unless it is already there. Without it WeasyPrint warns, and the report tests turn
# that warning into a failure. (Debian's Chromium pulls it in too.)
set -eu
if ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset\.so\.0'; then
    exit 0
fi
sh "$(dirname "$0")/apt-install.sh" libharfbuzz-subset0 "PDF reports" \
    "the PDF tests will fail"
