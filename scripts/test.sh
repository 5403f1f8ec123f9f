#!/usr/bin/env bash
# Runs every test: .NET (engine and runtime, against private PostgreSQL clusters), the SPA's component
# tests (Vitest, jsdom), then the browser tests in tests/e2e when they exist.
set -euo pipefail
cd "$(dirname "$0")/.."

e2e=0
if [ -f tests/e2e/package.json ]; then
  e2e=1
fi

NEED_CHROMIUM="$e2e" ./scripts/setup-machine.sh

# A hang (a test, or a fixture that never finishes disposing) fails the run after 8 quiet minutes instead of eating CI time.
dotnet test NoCodeCrm.sln -c Release --logger "console;verbosity=normal" --blame-hang-timeout 8m --blame-hang-dump-type none

# npm ci every time: a checkout whose node_modules predates a new dev dependency (vitest) would fail otherwise.
(cd designer && npm ci --no-audit --no-fund --loglevel=error && npm test)

# README's run command, tried as a new user would.
./scripts/smoke.sh

if [ "$e2e" -eq 1 ]; then
  (cd tests/e2e && npm ci && npm test)
fi
