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
export Crm__DataDirectory="${CRM_DATA:-$PWD/data}"
exec dotnet run --project runtime/NoCodeCrm.Runtime -c Release -- --urls "${CRM_URLS:-http://127.0.0.1:5000}"
