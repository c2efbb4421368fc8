#!/usr/bin/env bash
# Runs every test project of the solution and prints one summary line:
#   Tests: N passed, N failed, N skipped
# The services the integration tiers need (PostgreSQL, RabbitMQ, an S3 server, the Docker daemon and its locally
# built tool images) are installed from Debian's packages when missing and started by scripts/services.sh; what
# this run created is dropped and what it started is stopped again at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results_dir="${TEST_RESULTS_DIR:-$PWD/TestResults}"
rm -rf "$results_dir" && mkdir -p "$results_dir"
log="$results_dir/dotnet-test.log"

if [[ -f scripts/services.sh ]]; then
  # shellcheck source=/dev/null
  source scripts/services.sh
  services_up || { echo "Tests: 0 passed, 1 failed, 0 skipped (services failed to start)"; exit 1; }
  trap services_down EXIT
fi

dotnet build ShipSec.Elsa.sln -c Release -nologo -v q 2>&1 | tee "$results_dir/build.log" | tail -n 20
if [[ ${PIPESTATUS[0]} -ne 0 ]]; then
  echo "Tests: 0 passed, 1 failed, 0 skipped (build failed)"
  exit 1
fi

# Test projects run one after another (2 cores; the integration tiers start servers and containers).
dotnet test ShipSec.Elsa.sln -c Release --no-build -nologo -m:1 \
  --results-directory "$results_dir" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...").
read -r passed failed skipped < <(
  grep -E '^\s*(Passed|Failed)!\s+-\s+Failed:' "$log" | sed -E 's/.*Failed:\s*([0-9]+), Passed:\s*([0-9]+), Skipped:\s*([0-9]+).*/\2 \1 \3/' |
    awk '{p+=$1; f+=$2; s+=$3} END {printf "%d %d %d\n", p, f, s}')
projects=$(find tests -name '*.Tests.csproj' | wc -l)
reported=$(grep -cE '^\s*(Passed|Failed)!\s+-\s+Failed:' "$log" || true)
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
if [[ $reported -lt $projects ]]; then
  echo "warning: $reported of $projects test projects reported a summary" >&2
  [[ $failed -eq 0 ]] && failed=1
fi
if declare -F services_down >/dev/null; then
  trap - EXIT
  services_down || echo "warning: stopping the test services failed" >&2
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[[ $status -eq 0 && $failed -eq 0 ]]
