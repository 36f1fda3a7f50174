#!/bin/sh
# Install one of Debian's packages for a set-up step, as root or through sudo.
#
#   sh scripts/apt-install.sh PACKAGE PURPOSE WITHOUT
#
# PURPOSE says what the package is for ("the browser tests"), WITHOUT what happens when it
# is missing ("the browser tests will be skipped"). Where apt-get or root is out of reach it
# says so and exits 0; it exits non-zero only when apt-get itself fails.
set -eu
package=$1 purpose=$2 without=$3
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$purpose: $package is missing and apt-get is not available;" \
         "install it yourself, or $without" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "$purpose: run 'apt-get install $package' as root, or $without" >&2
        exit 0
    fi
fi
echo "Installing $package from Debian's packages for $purpose..." >&2
$SUDO apt-get install -y --no-install-recommends "$package" >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null \
         && $SUDO apt-get install -y --no-install-recommends "$package" >/dev/null; }
