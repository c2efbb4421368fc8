#!/usr/bin/env bash
# Makes a Docker daemon answer on /var/run/docker.sock: installs docker.io (and debootstrap, which
# scripts/build-images.sh needs) from Debian when missing, starts dockerd in the background when the
# socket does not answer (no systemd here), and waits until `docker info` works.
# Idempotent and fast when the daemon already runs. Exit 0 = Docker usable.
set -euo pipefail

log_file="${SHIPSEC_DOCKERD_LOG:-/var/log/shipsec-dockerd.log}"
wait_seconds="${SHIPSEC_DOCKERD_WAIT_SECONDS:-60}"
started=$SECONDS

docker_answers() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && docker_answers; then
  echo "docker-up: daemon already answering ($((SECONDS - started)) s)"
  exit 0
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if ((${#missing[@]})); then
  echo "docker-up: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" iptables ca-certificates >/dev/null
fi

if ! docker_answers; then
  if pgrep -x dockerd >/dev/null 2>&1; then
    echo "docker-up: dockerd is running but not answering yet; waiting"
  else
    echo "docker-up: starting dockerd (log: $log_file)"
    rm -f /var/run/docker.pid
    # setsid + nohup: the daemon outlives this script and the shell that called it.
    setsid nohup dockerd --host=unix:///var/run/docker.sock ${SHIPSEC_DOCKERD_ARGS:-} >>"$log_file" 2>&1 </dev/null &
  fi
  for _ in $(seq 1 "$wait_seconds"); do
    docker_answers && break
    sleep 1
  done
fi

if ! docker_answers; then
  echo "docker-up: the daemon did not answer within ${wait_seconds} s; last log lines:" >&2
  tail -n 20 "$log_file" >&2 || true
  exit 1
fi
echo "docker-up: ready ($((SECONDS - started)) s, storage driver $(docker info -f '{{.Driver}}'))"
