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
  openssl
  xvfb xauth poppler-utils fonts-dejavu-core
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
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
