#!/usr/bin/env bash
# Runs every test of McpOtelAgent. Installs what the tests need first (Debian packages when run as root, npm
# fixtures), so a fresh machine needs nothing else. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

apt_packages=(prometheus prometheus-alertmanager python3-psutil docker-compose prometheus-process-exporter)

install_apt_packages() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages (${missing[*]}); run as root or install them" >&2
    return 0
  fi
  echo "test.sh: installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
}

install_npm_fixtures() {
  local dir="$root/tests/fixtures/npm"
  [ -f "$dir/package.json" ] || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "test.sh: installing npm fixtures"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) && touch "$dir/node_modules"
  fi
}

install_apt_packages || { echo "test.sh: apt install failed" >&2; exit 1; }
install_npm_fixtures || { echo "test.sh: npm install failed" >&2; exit 1; }

results="$root/TestResults"
rm -rf "$results"
dotnet build McpOtelAgent.sln -c Release -warnaserror -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
run_tests() {
  dotnet test "$@" -c Release --no-build --nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
}
if [ $# -gt 0 ]; then
  run_tests McpOtelAgent.sln "$@"
  status=$?
else
  # The Native AOT publish keeps both cores busy for minutes: it runs alone, after the rest, so it slows no other test.
  run_tests McpOtelAgent.sln --filter "Category!=NativeAot"
  status=$?
  run_tests tests/McpOtelAgent.Tests --filter "Category=NativeAot" || status=1
fi

# dotnet test's own summary is per project; sum the TRX counters into the one line CI reads.
passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
[ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
