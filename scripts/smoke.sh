#!/usr/bin/env bash
# Tries the product as a new user would: README's run command on a fresh data folder, then curl logs in,
# adds a field to person, creates a person with it and filters on it; a restart must keep the data.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${SMOKE_PORT:-5091}
base="http://127.0.0.1:$port"
data=$(mktemp -d /tmp/nocodecrm-smoke.XXXXXX)
chmod 755 "$data"
log="$data/run.log"
pid=""

stop() {
  # The runtime runs in its own process group (setsid): TERM reaches dotnet run and the runtime, which stops its database.
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  pid=""
}
cleanup() {
  stop
  if pgrep -f "$data/db/pgdata" >/dev/null; then echo "smoke: the embedded database outlived the runtime"; tail -20 "$log"; rm -rf "$data"; exit 1; fi
  rm -rf "$data"
}
trap cleanup EXIT

start() {
  CRM_URLS="$base" CRM_DATA="$data/db" CRM_ADMIN_PASSWORD=smoke-pass setsid ./scripts/run.sh >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    if curl -sf "$base/health" >/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "smoke: the runtime did not come up"; tail -50 "$log"; exit 1
}

json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }

start
token=$(curl -sf -X POST "$base/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"smoke-pass"}' | json 'd["token"]')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

curl -sf -X POST "$base/api/metadata/entities/person/fields" "${auth[@]}" \
  -d '{"name":"shoe_size","type":"integer","label":{"en":"Shoe size","tr":"Ayakkabı numarası"},"searchable":true}' >/dev/null
id=$(curl -sf -X POST "$base/api/records/person" "${auth[@]}" \
  -d '{"first_name":"Deniz","last_name":"Öztürk","shoe_size":42}' | json 'd["id"]')
count=$(curl -sf -G "$base/api/records/person" "${auth[@]}" --data-urlencode '$filter=shoe_size eq 42' \
  --data-urlencode '$count=true' | json 'd["count"]')
[ "$count" = "1" ] || { echo "smoke: filter on the new field found $count records"; exit 1; }
curl -sf "$base/openapi.json" | grep -q '"shoe_size"' || { echo "smoke: shoe_size missing from /openapi.json"; exit 1; }

stop
start
token=$(curl -sf -X POST "$base/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"smoke-pass"}' | json 'd["token"]')
size=$(curl -sf "$base/api/records/person/$id" -H "Authorization: Bearer $token" | json 'd["shoe_size"]')
[ "$size" = "42" ] || { echo "smoke: after a restart the record reads shoe_size=$size"; exit 1; }
echo "smoke: run command, login, add field, create, filter and restart all work"
