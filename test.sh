#!/usr/bin/env bash
# Runs the whole RxMonitor test suite on a fresh machine that has the .NET 10 SDK.
# Installs what the tests need and is missing (Debian packages), then runs `dotnet test` on the solution
# and prints one summary line: "Tests: N passed, N failed, N skipped". Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

# Real peers the integration tests run against: promtool/prometheus (conformance, scraping),
# Alertmanager (alert push), sqlite3 (inspecting stores), tmux (a real terminal of a fixed size for rxmon's live view),
# chromium (the dashboard's browser tests, driven by Playwright without a browser download), node/npm
# (the build restores the dashboard's uPlot from package-lock.json with `npm ci`), and PostgreSQL 15 (the
# PostgreSQL source's tests start their own server from its binaries, as the postgres user, on a free port).
needed=()
command -v promtool >/dev/null 2>&1 || needed+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || needed+=(prometheus-alertmanager)
command -v sqlite3 >/dev/null 2>&1 || needed+=(sqlite3)
command -v tmux >/dev/null 2>&1 || needed+=(tmux)
[ -x /usr/bin/chromium ] || needed+=(chromium)
command -v npm >/dev/null 2>&1 || needed+=(nodejs npm)
[ -x /usr/lib/postgresql/15/bin/initdb ] || needed+=(postgresql)
if [ ${#needed[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing test dependencies: ${needed[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${needed[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The browser tests' screenshots (light, dark, an alert) land here.
export RXMON_TEST_ARTIFACTS="${RXMON_TEST_ARTIFACTS:-$PWD/artifacts/web}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test AlphaTrade.RxMonitor.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

sum() { grep -Eo "$1: +[0-9]+" "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
echo
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
