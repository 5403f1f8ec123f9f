#!/usr/bin/env bash
# Installs what NoCodeCrm needs on Debian 12 and does nothing when it is already there.
#   PostgreSQL 15 server binaries  (the runtime and the tests start private clusters from them)
#   Chromium, when NEED_CHROMIUM=1 (browser tests)
# Checks that the .NET SDK is present. Leaves the packaged 15/main cluster alone: apt may start
# it, nothing here uses it.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  fi
fi

updated=0
# One apt command at a time, all from this script: dpkg's lock breaks a concurrent second one
# and can leave a package half-installed. The lock timeout waits for apt run by anyone else.
apt_install() {
  if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
    echo "setup-machine: need root (or sudo) to run: apt-get install -y $*" >&2
    exit 1
  fi
  if [ "$updated" -eq 0 ]; then
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update
    updated=1
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "$@"
}

if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "setup-machine: installing PostgreSQL 15 server binaries"
  apt_install postgresql
fi

if [ "${NEED_CHROMIUM:-0}" = "1" ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup-machine: installing Chromium"
  apt_install chromium
fi

if ! command -v dotnet >/dev/null 2>&1; then
  cat >&2 <<'MSG'
setup-machine: the .NET SDK (dotnet) is not on PATH. Install the SDK named in global.json, e.g.:
  curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
  bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet
  ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet
MSG
  exit 1
fi
