# Services the integration tiers need, for one test run. Sourced by scripts/test.sh (or by hand:
# `source scripts/services.sh && services_up`, run tests, then `services_down`).
#
#   services_up    installs (Debian packages) and starts each service that is not running, creates this run's
#                  throwaway database / vhost / users, and exports the variables the tests read:
#                    SHIPSEC_TEST_PG        Npgsql connection string to this run's database (its role may CREATEDB)
#                    SHIPSEC_TEST_RABBITMQ  amqp://user:password@127.0.0.1:5672/<vhost> of this run
#                    SHIPSEC_TEST_RABBITMQCTL  path of rabbitmqctl (tests add vhosts and stop/start the broker app)
#                    SHIPSEC_TEST_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY  the S3 server of scripts/s3-up.sh
#                  and makes sure /usr/bin/chromium (+ chromedriver) exists for the studio's browser tests.
#   services_down  drops what this run created and stops what services_up started.
#
# One pair of functions per service (services_<name>_up / services_<name>_down); add new services the same way
# and list them in services_up / services_down. Everything listens on 127.0.0.1 only.

SHIPSEC_SERVICES_DIR="${SHIPSEC_SERVICES_DIR:-/tmp/shipsec-services}"
SHIPSEC_PG_PORT="${SHIPSEC_PG_PORT:-55432}"
SHIPSEC_RABBITMQ_PORT="${SHIPSEC_RABBITMQ_PORT:-5672}"
# Names of what this run creates: unique per run, lower-case (valid as a PostgreSQL role and a vhost).
_services_run="shipsec_t$(date +%s)_$$"
_services_started=()

services_up() {
  mkdir -p "$SHIPSEC_SERVICES_DIR" || return 1
  services_postgres_up || return 1
  services_rabbitmq_up || return 1
  services_s3_up || return 1
  services_docker_up || return 1
  ensure_chromium || return 1
}

services_down() {
  local status=0
  services_docker_down || status=1
  services_s3_down || status=1
  services_rabbitmq_down || status=1
  services_postgres_down || status=1
  return $status
}

_services_log() { echo "services: $*" >&2; }

_services_secret() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# Installs Debian packages when a command is missing; refreshes the package lists once if needed.
_services_apt_install() {
  _services_log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$SHIPSEC_SERVICES_DIR/apt.log" 2>&1 && return 0
  apt-get update -qq >>"$SHIPSEC_SERVICES_DIR/apt.log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$SHIPSEC_SERVICES_DIR/apt.log" 2>&1 ||
    { _services_log "apt-get install $* failed; see $SHIPSEC_SERVICES_DIR/apt.log"; return 1; }
}

# Headless Chromium and its WebDriver for the studio's browser tests (tests/ShipSec.Studio.Tests); nothing to start or stop.
ensure_chromium() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then return 0; fi
  _services_apt_install chromium chromium-driver
}

# Runs a command as the given system user when we are root, as ourselves otherwise.
_services_as() {
  local user=$1; shift
  if [[ $(id -u) -eq 0 ]]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# ---------------------------------------------------------------- PostgreSQL

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

_pg_admin() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$SHIPSEC_PG_PORT" -U postgres -d postgres "$@"; }

services_postgres_up() {
  if [[ -z "$(_pg_bin)" ]] || ! command -v psql >/dev/null; then
    _services_apt_install postgresql || return 1
  fi
  local bin data="$SHIPSEC_SERVICES_DIR/pg-$SHIPSEC_PG_PORT"
  bin="$(_pg_bin)"
  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$SHIPSEC_PG_PORT"; then
    _services_log "starting PostgreSQL on 127.0.0.1:$SHIPSEC_PG_PORT ($data)"
    rm -rf "$data"
    mkdir -p "$data" && chmod 700 "$data"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$data"
    # A throwaway cluster: the superuser trusts loopback connections; test roles use passwords.
    _services_as postgres "$bin/initdb" -D "$data" -U postgres -E UTF8 --auth-local=trust --auth-host=trust \
      >"$SHIPSEC_SERVICES_DIR/pg-initdb.log" 2>&1 || { _services_log "initdb failed; see $SHIPSEC_SERVICES_DIR/pg-initdb.log"; return 1; }
    _services_as postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-p $SHIPSEC_PG_PORT -k $data -c listen_addresses=127.0.0.1 -c max_connections=400" start >/dev/null ||
      { _services_log "PostgreSQL did not start; see $data/server.log"; return 1; }
    _services_started+=(postgres)
  fi
  [[ -n "${SHIPSEC_TEST_PG:-}" ]] && _pg_admin -At -c "SELECT 1 FROM pg_database WHERE datname = '$_services_run'" | grep -q 1 && return 0
  local password
  password="$(_services_secret)"
  _pg_admin -c "CREATE ROLE $_services_run LOGIN CREATEDB PASSWORD '$password'" &&
    _pg_admin -c "CREATE DATABASE $_services_run OWNER $_services_run" || return 1
  export SHIPSEC_TEST_PG="Host=127.0.0.1;Port=$SHIPSEC_PG_PORT;Database=$_services_run;Username=$_services_run;Password=$password"
}

services_postgres_down() {
  local bin data="$SHIPSEC_SERVICES_DIR/pg-$SHIPSEC_PG_PORT"
  bin="$(_pg_bin)"
  [[ -n "$bin" ]] || return 0
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$SHIPSEC_PG_PORT"; then
    # Every database the run's role created (tests make their own) goes with it.
    local db
    for db in $(_pg_admin -At -c "SELECT datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = '$_services_run'" 2>/dev/null); do
      _pg_admin -c "DROP DATABASE \"$db\" WITH (FORCE)" || true
    done
    _pg_admin -c "DROP ROLE IF EXISTS $_services_run" 2>/dev/null || true
  fi
  unset SHIPSEC_TEST_PG
  if [[ " ${_services_started[*]} " == *" postgres "* ]]; then
    _services_as postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || return 1
    rm -rf "$data"
  fi
}

# ---------------------------------------------------------------- RabbitMQ

# The CLI starts epmd when none runs; keep it on loopback too.
export ERL_EPMD_ADDRESS=127.0.0.1

_rabbitmqctl() { rabbitmqctl -q "$@"; }

_rabbitmq_running() { rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

services_rabbitmq_up() {
  if ! command -v rabbitmq-server >/dev/null || ! command -v rabbitmqctl >/dev/null; then
    _services_apt_install rabbitmq-server || return 1
  fi
  if ! _rabbitmq_running; then
    _services_log "starting RabbitMQ on 127.0.0.1:$SHIPSEC_RABBITMQ_PORT"
    # Loopback only: AMQP, Erlang distribution and epmd.
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$SHIPSEC_RABBITMQ_PORT" ERL_EPMD_ADDRESS=127.0.0.1 \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
      rabbitmq-server -detached >"$SHIPSEC_SERVICES_DIR/rabbitmq-start.log" 2>&1
    _services_started+=(rabbitmq)
    # The node registers with epmd a moment after the launch; await_startup needs it registered.
    local tries=0
    until _rabbitmq_running && _rabbitmqctl await_startup --timeout 120 >/dev/null 2>&1; do
      (( ++tries > 120 )) && { _services_log "RabbitMQ did not start; see /var/log/rabbitmq and $SHIPSEC_SERVICES_DIR/rabbitmq-start.log"; return 1; }
      sleep 1
    done
  fi
  [[ -n "${SHIPSEC_TEST_RABBITMQ:-}" ]] && _rabbitmqctl list_vhosts name 2>/dev/null | grep -qx "$_services_run" && return 0
  local password
  password="$(_services_secret)"
  _rabbitmqctl add_vhost "$_services_run" >/dev/null &&
    _rabbitmqctl add_user "$_services_run" "$password" >/dev/null &&
    _rabbitmqctl set_permissions -p "$_services_run" "$_services_run" '.*' '.*' '.*' >/dev/null || return 1
  export SHIPSEC_TEST_RABBITMQ="amqp://$_services_run:$password@127.0.0.1:$SHIPSEC_RABBITMQ_PORT/$_services_run"
  SHIPSEC_TEST_RABBITMQCTL="$(command -v rabbitmqctl)"
  export SHIPSEC_TEST_RABBITMQCTL
}

services_rabbitmq_down() {
  unset SHIPSEC_TEST_RABBITMQ SHIPSEC_TEST_RABBITMQCTL
  command -v rabbitmqctl >/dev/null || return 0
  # This run's vhosts (tests add "<run vhost>_<name>" ones) and user; the broker keeps its definitions across restarts.
  local vhost
  for vhost in $(_rabbitmqctl list_vhosts name 2>/dev/null | grep "^$_services_run"); do
    _rabbitmqctl delete_vhost "$vhost" >/dev/null || true
  done
  _rabbitmqctl delete_user "$_services_run" >/dev/null 2>&1 || true
  if [[ " ${_services_started[*]} " == *" rabbitmq "* ]]; then
    _rabbitmqctl shutdown >/dev/null 2>&1 || return 1
    # The port mapper the node started stays behind otherwise.
    /usr/lib/erlang/bin/epmd -kill >/dev/null 2>&1 || true
  fi
}

# ---------------------------------------------------------------- S3 (Ceph RADOS Gateway, scripts/s3-up.sh)

_s3_answers() { curl -fsS -o /dev/null "http://127.0.0.1:${RGW_PORT:-7480}/" 2>/dev/null; }

services_s3_up() {
  local here variables
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  _s3_answers || _services_started+=(s3)
  variables="$(bash "$here/s3-up.sh")" || { _services_log "the S3 server did not start"; return 1; }
  eval "$variables"
}

services_s3_down() {
  unset SHIPSEC_TEST_S3_ENDPOINT SHIPSEC_TEST_S3_ACCESS_KEY SHIPSEC_TEST_S3_SECRET_KEY
  [[ " ${_services_started[*]} " == *" s3 "* ]] || return 0
  bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/s3-down.sh" >/dev/null
}

# ---------------------------------------------------------------- Docker (scripts/docker-up.sh, scripts/build-images.sh)
# The container tier needs a daemon and the locally built tool images (no registry is reachable here); both scripts are
# idempotent and take well under a second when everything exists. The daemon is stopped again only if this run started it.

services_docker_up() {
  local here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  docker info >/dev/null 2>&1 || _services_started+=(docker)
  bash "$here/docker-up.sh" >&2 || { _services_log "the Docker daemon did not start"; return 1; }
  bash "$here/build-images.sh" >&2 || { _services_log "building the tool images failed"; return 1; }
}

services_docker_down() {
  [[ " ${_services_started[*]} " == *" docker "* ]] || return 0
  pkill -x dockerd 2>/dev/null || true
}
