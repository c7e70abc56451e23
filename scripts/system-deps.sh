#!/usr/bin/env bash
# Installs the Debian packages Qt 6 and QtWebEngine need, and SpamAssassin (the spam-score
# rule and its tests run the real one, offline), and Node.js with npm, when they are missing.
# Run as root (CI, a container) it installs them; otherwise it prints the command to run.
set -euo pipefail

packages=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxshmfence1 libgbm1
  libasound2 libxkbfile1 fonts-dejavu-core
  gettext   # msgfmt --check validates exported PO files in the tests
  spamassassin
  openssh-client  # ssh-keygen -Y: signed review approvals
)

# Node.js and npm: tests/node renders the bundle's goldens with Intl (test_node_conformance).
# A node or npm already on PATH (from another vendor's package or an installer) is kept:
# Debian's npm would pull in Debian's nodejs over it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: see README for your system
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Missive Studio needs these system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
fi
