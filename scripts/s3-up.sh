#!/usr/bin/env bash
# Starts a real S3 server on 127.0.0.1 for the storage integration tests: Debian's Ceph RADOS Gateway (one monitor,
# one in-memory OSD, the gateway), installing the packages first when they are missing. Idempotent: when the server
# it started is still answering, it is kept. Prints the variables the tests read (and writes them to $RGW_DIR/s3.env):
#   SHIPSEC_TEST_S3_ENDPOINT  SHIPSEC_TEST_S3_ACCESS_KEY  SHIPSEC_TEST_S3_SECRET_KEY
# Usage:  scripts/s3-up.sh            start (or keep) the server and print the variables
#         eval "$(scripts/s3-up.sh)"  ... and export them into the calling shell
#         scripts/s3-down.sh          stop it (its data is in RAM and goes with it)
# Env: RGW_DIR (default /tmp/shipsec-rgw), RGW_PORT (default 7480) and the other settings of scripts/rgw.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export RGW_DIR=${RGW_DIR:-/tmp/shipsec-rgw}
export RGW_PORT=${RGW_PORT:-7480}

log() { echo "[s3-up] $*" >&2; }

install_packages() {
  local missing=0 b
  for b in ceph-mon ceph-osd radosgw radosgw-admin monmaptool uuidgen curl; do
    command -v "$b" >/dev/null || missing=1
  done
  [ "$missing" = 0 ] && return 0
  [ "$(id -u)" = 0 ] || { log "Ceph packages are missing and installing them needs root"; exit 1; }
  log "installing ceph-mon ceph-osd radosgw ceph-common curl uuid-runtime (once, ~20 s)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends ceph-mon ceph-osd radosgw ceph-common curl uuid-runtime >&2
}

running() {
  [ -s "$RGW_DIR/s3.env" ] && [ -s "$RGW_DIR/pids/rgw.a.pid" ] && kill -0 "$(cat "$RGW_DIR/pids/rgw.a.pid")" 2>/dev/null &&
    curl -fsS -o /dev/null "http://127.0.0.1:$RGW_PORT/"
}

install_packages
if running; then
  log "S3 already answering on 127.0.0.1:$RGW_PORT"
else
  bash "$here/rgw.sh" start >/dev/null
fi
sed 's/^/export /' "$RGW_DIR/s3.env"
