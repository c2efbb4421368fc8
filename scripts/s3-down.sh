#!/usr/bin/env bash
# Stops the S3 server scripts/s3-up.sh started (only the daemons whose pids it recorded).
set -euo pipefail
export RGW_DIR=${RGW_DIR:-/tmp/shipsec-rgw}
exec bash "$(cd "$(dirname "$0")" && pwd)/rgw.sh" stop
