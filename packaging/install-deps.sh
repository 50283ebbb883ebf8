#!/usr/bin/env bash
# Installs every build, test and run-time dependency of Vigil from Debian 12 packages.
# Idempotent and non-interactive: packages already present are left alone.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-websockets-dev libqt6sql6-sqlite libqt6svg6 libqt6opengl6-dev tzdata
  libqcustomplot-dev libspdlog-dev libfmt-dev libsqlite3-dev
  libtomlplusplus-dev libboost-dev libarchive-dev libssl-dev libmsgpack-cxx-dev
  qtkeychain-qt6-dev gnome-keyring dbus
  libcurl4-openssl-dev python3-aiosmtpd
  openssl
  xvfb xauth poppler-utils fonts-dejavu-core dunst
  clang-format clang-tidy python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Alpaca's official JavaScript SDK, for the gateway's conformance test (tests/alpaca-sdk) and
# the example bot (resources/examples/alpaca-bot), and ws for the fault proxy of the Alpaca
# adapter's tests (tests/alpaca-loopback): exactly the versions in each folder's
# package-lock.json, from the npm registry, here and never at build or test time. A folder
# whose node_modules was installed from the same lock is left alone.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "install-deps: Node.js 20 or later and npm are needed for tests/alpaca-sdk and resources/examples/alpaca-bot" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "install-deps: Node.js $(node --version) is too old; Alpaca's SDK needs Node.js 20 or later" >&2
  exit 1
fi
for folder in tests/alpaca-sdk tests/alpaca-loopback resources/examples/alpaca-bot; do
  lock="$here/$folder/package-lock.json"
  stamp="$here/$folder/node_modules/.installed-from-lock.sha256"
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "install-deps: $folder/node_modules matches its lock"
    continue
  fi
  echo "install-deps: npm ci in $folder"
  npm ci --prefix "$here/$folder" --no-audit --no-fund
  echo "$want" >"$stamp"
done
