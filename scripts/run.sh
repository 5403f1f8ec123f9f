#!/usr/bin/env bash
# Runs the CRM with its embedded PostgreSQL.
#   CRM_URLS            where to listen          (default http://127.0.0.1:5000)
#   CRM_ADMIN_PASSWORD  password of user 'admin' (default admin)
#   CRM_DATA            database and files       (default ./data in the repository)
# As root the database runs as the postgres OS user, so every folder above CRM_DATA must be
# traversable by it (not under /root, which is mode 700).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup-machine.sh

export Crm__AdminPassword="${CRM_ADMIN_PASSWORD:-admin}"
data="${CRM_DATA:-$PWD/data}"
# A checkout under /root (mode 700) is not reachable by the postgres user; keep the data where it is.
if [ -z "${CRM_DATA:-}" ] && [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$PWD"; then
  data=/var/lib/nocodecrm/data
  echo "The repository is not reachable by the postgres user; the database goes to $data (set CRM_DATA to choose)."
fi
export Crm__DataDirectory="$data"
exec dotnet run --project runtime/NoCodeCrm.Runtime -c Release -- --urls "${CRM_URLS:-http://127.0.0.1:5000}"
