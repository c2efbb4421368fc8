#!/usr/bin/env bash
# Adapted from shared/reference/s3-ceph-rgw/start-rgw.sh; scripts/s3-up.sh drives it.
# Throwaway single-node Ceph (1 mon, 1 memstore OSD, no mgr by default) + RADOS Gateway (S3).
# Ceph 16.2.15 (Debian bookworm packages: ceph-mon ceph-osd radosgw ceph-common [ceph-mgr]).
#
# Install once (root):  apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw ceph-common
#
# Usage:  start-rgw.sh [start|stop|status|env]      (default: start)
#   start: wipes $RGW_DIR, starts mon + OSD + radosgw detached, creates S3 user; ~3 s. Returns
#          when S3 answers. Prints (and writes to $RGW_DIR/s3.env) S3_ENDPOINT/ACCESS/SECRET.
#   stop:  SIGKILLs the daemons this script started (pids in $RGW_DIR/pids); data is gone.
# Env:    RGW_DIR      work dir (default /tmp/shipsec-rgw) - wiped on every start
#         RGW_PORT     S3 port on 127.0.0.1 (default 7480)
#         MON_PORT / MON_PORT_V2   mon ports (default 6789 / 3300)
#         OSD_PORT_MIN / OSD_PORT_MAX  port range the OSD binds in (default 6800-6900)
#         (set all ports + RGW_DIR differently to run several clusters side by side)
#         S3_ACCESS_KEY / S3_SECRET_KEY  keys of the S3 user that is created
#         WITH_MGR=1   also start a ceph-mgr (not needed for RGW; ~300 MB RAM, +2 s)
#         MEMSTORE_BYTES  OSD capacity in bytes, held in RAM (default 4 GiB; only used bytes cost RAM)
#         TIMEOUT      seconds to wait for each daemon (default 120)
set -euo pipefail

RGW_DIR=${RGW_DIR:-/tmp/shipsec-rgw}
RGW_PORT=${RGW_PORT:-7480}
MON_PORT=${MON_PORT:-6789}
MON_PORT_V2=${MON_PORT_V2:-3300}
OSD_PORT_MIN=${OSD_PORT_MIN:-6800}
OSD_PORT_MAX=${OSD_PORT_MAX:-6900}
S3_ACCESS_KEY=${S3_ACCESS_KEY:-testaccesskey}
S3_SECRET_KEY=${S3_SECRET_KEY:-testsecretkey1234567890}
WITH_MGR=${WITH_MGR:-0}
MEMSTORE_BYTES=${MEMSTORE_BYTES:-4294967296}
TIMEOUT=${TIMEOUT:-120}

CONF=$RGW_DIR/ceph.conf
RUN=$RGW_DIR/run
PIDS=$RGW_DIR/pids
CEPH="ceph -c $CONF --connect-timeout 10"

log() { echo "[$(date +%T)] $*" >&2; }

case "$RGW_DIR" in /|/tmp|/tmp/|"") echo "refusing RGW_DIR=$RGW_DIR" >&2; exit 2 ;; esac

# Throwaway data (memstore, wiped on next start): no need for a graceful shutdown, which takes
# ~2 s per daemon (and a radosgw whose mon is already gone hangs). SIGKILL, rgw first.
stop_all() {
  local pf pid
  for pf in "$PIDS"/rgw.*.pid "$PIDS"/mgr.*.pid "$PIDS"/osd.*.pid "$PIDS"/mon.*.pid; do
    [ -e "$pf" ] || continue
    pid=$(cat "$pf" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; then
      # gone, or a zombie (we are not its parent, so we cannot reap it; it holds no ports)
      while alive "$pid"; do sleep 0.05; done
      log "stopped $(basename "$pf" .pid) (pid $pid)"
    fi
    rm -f "$pf"
  done
}

alive() { [ -e "/proc/$1" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # wait_for <desc> <daemon name whose death aborts the wait> <cmd...>
  local desc=$1 name=$2; shift 2
  local end=$((SECONDS + TIMEOUT)) pid
  pid=$(cat "$PIDS/$name.pid")
  until "$@" >/dev/null 2>&1; do
    alive "$pid" || { log "$name (pid $pid) died"; return 1; }
    if [ $SECONDS -ge $end ]; then log "TIMEOUT waiting for $desc"; return 1; fi
    sleep 0.2
  done
  alive "$pid" || { log "$name (pid $pid) died"; return 1; }
  log "$desc: ok"
}

# start a daemon in the foreground (-f) in the background; record its pid ourselves
spawn() { # spawn <name> <cmd...>
  local name=$1; shift
  nohup "$@" </dev/null >"$RUN/$name.out" 2>&1 &
  echo $! >"$PIDS/$name.pid"
  disown $!
  log "started $name (pid $!)"
}

fail() {
  log "FAILED: $*"
  local f
  for f in "$RUN"/*.out "$RUN"/*.log; do [ -s "$f" ] && { echo "== $f"; tail -n 15 "$f"; }; done >&2
  stop_all
  exit 1
}

start() {
  local b
  for b in ceph ceph-mon ceph-osd radosgw radosgw-admin monmaptool uuidgen curl; do
    command -v "$b" >/dev/null || { log "missing $b (apt-get install ceph-mon ceph-osd radosgw ceph-common curl uuid-runtime)"; exit 1; }
  done
  trap 'fail "command failed at line $LINENO"' ERR
  [ -d "$PIDS" ] && stop_all
  local port
  for port in "$RGW_PORT" "$MON_PORT" "$MON_PORT_V2"; do
    port_in_use "$port" && { log "port $port on 127.0.0.1 is already in use"; exit 1; }
  done
  rm -rf "$RGW_DIR"
  mkdir -p "$RUN" "$PIDS" "$RGW_DIR/mon.a" "$RGW_DIR/osd.0"
  local fsid; fsid=$(uuidgen)

  cat >"$CONF" <<EOF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:$MON_PORT_V2,v1:127.0.0.1:$MON_PORT]
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
run dir = $RUN
admin socket = $RUN/\$name.asok
pid file = $RUN/\$name.daemon.pid
log file = $RUN/\$name.log
crash dir = $RGW_DIR/crash
keyring = $RGW_DIR/keyring
ms bind port min = $OSD_PORT_MIN
ms bind port max = $OSD_PORT_MAX
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
mon_osd_reporter_subtree_level = osd
mon data avail warn = 1
mon data avail crit = 0
ms mon client mode = crc
# throwaway cluster: commit map changes quickly (default 1 s) -> faster pool creation
paxos propose interval = 0.05
paxos min wait = 0.01

[mon]
mon data = $RGW_DIR/mon.\$id

[osd]
osd data = $RGW_DIR/osd.\$id
osd objectstore = memstore
memstore device bytes = $MEMSTORE_BYTES
osd crush initial weight = 1
osd op num shards = 1
osd op num threads per shard = 2

[mgr]
mgr data = $RGW_DIR/mgr.\$id

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw dns name = localhost
rgw data = $RGW_DIR/rgw
rgw thread pool size = 64
# reclaim deleted object data (held in RAM by memstore) quickly instead of after 2 h
rgw gc obj min wait = 30
rgw gc processor period = 30
EOF

  # --- monitor
  monmaptool --create --clobber --fsid "$fsid" --addv a "[v2:127.0.0.1:$MON_PORT_V2,v1:127.0.0.1:$MON_PORT]" "$RGW_DIR/monmap" >/dev/null
  ceph-mon -c "$CONF" --mkfs -i a --monmap "$RGW_DIR/monmap" >"$RUN/mon-mkfs.out" 2>&1
  spawn mon.a ceph-mon -c "$CONF" -i a -f
  wait_for "mon quorum" mon.a $CEPH mon stat || fail "mon did not start"

  # --- OSD (memstore = RAM, data lost on stop; fine for tests)
  local ouuid id; ouuid=$(uuidgen)
  id=$($CEPH osd new "$ouuid")
  ceph-osd -c "$CONF" -i "$id" --mkfs --osd-uuid "$ouuid" >"$RUN/osd-mkfs.out" 2>&1
  spawn "osd.$id" ceph-osd -c "$CONF" -i "$id" -f
  wait_for "osd.$id up" "osd.$id" bash -c "$CEPH osd dump 2>/dev/null | grep -q '^osd.$id up'" || fail "osd did not come up"

  if [ "$WITH_MGR" = 1 ]; then
    mkdir -p "$RGW_DIR/mgr.x"
    spawn mgr.x ceph-mgr -c "$CONF" -i x -f
  fi

  # --- RADOS Gateway. It creates its pools itself, but the bucket pools only lazily on the
  # first bucket/put/multipart request (~2 s each); create them all up front instead.
  local p
  for p in default.rgw.buckets.index default.rgw.buckets.data default.rgw.buckets.non-ec; do
    $CEPH osd pool create "$p" 8 8 >>"$RUN/pools.out" 2>&1
    $CEPH osd pool application enable "$p" rgw >>"$RUN/pools.out" 2>&1
  done
  log "pools created"
  mkdir -p "$RGW_DIR/rgw"
  spawn rgw.a radosgw -c "$CONF" -n client.rgw.a -f
  wait_for "rgw http" rgw.a curl -fsS -o /dev/null "http://127.0.0.1:$RGW_PORT/" || fail "radosgw did not answer"

  # --- S3 user with fixed keys
  radosgw-admin -c "$CONF" user create --uid=test --display-name="test user" \
    --access-key="$S3_ACCESS_KEY" --secret="$S3_SECRET_KEY" >"$RUN/user.json" 2>"$RUN/user.out"
  cat >"$RGW_DIR/s3.env" <<EOF
SHIPSEC_TEST_S3_ENDPOINT=127.0.0.1:$RGW_PORT
SHIPSEC_TEST_S3_ACCESS_KEY=$S3_ACCESS_KEY
SHIPSEC_TEST_S3_SECRET_KEY=$S3_SECRET_KEY
EOF
  trap - ERR
  log "S3 ready"
  cat "$RGW_DIR/s3.env"
}

case "${1:-start}" in
  start) start ;;
  stop) stop_all ;;
  status) $CEPH -s; for pf in "$PIDS"/*.pid; do echo "$(basename "$pf" .pid) pid $(cat "$pf")"; done ;;
  env) cat "$RGW_DIR/s3.env" ;;
  *) echo "usage: $0 [start|stop|status|env]" >&2; exit 2 ;;
esac
