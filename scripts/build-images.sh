#!/usr/bin/env bash
# Builds the images the container modules and their tests use, without any registry:
#   shipsec/base:bookworm  — Debian bookworm (debootstrap --variant=minbase) imported with `docker import`
#   shipsec/<tool>:local   — one per recipe activities/*/images/<tool>/Dockerfile, FROM the base image,
#                            tools installed from Debian's apt mirror (docker build --network host)
# Idempotent: an image whose recipe (Dockerfile content hash, label shipsec.recipe) is unchanged is skipped.
# Prints how long each image took. Usage: scripts/build-images.sh [tool ...]   (default: every recipe)
# Needs a running daemon (scripts/docker-up.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

base_image="shipsec/base:bookworm"
mirror="${SHIPSEC_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export DOCKER_BUILDKIT=0 # the classic builder ships with docker.io; BuildKit would need the buildx plugin
total_started=$SECONDS

recipe_hash() { sha256sum "$1" | cut -c1-16; }
image_label() { docker image inspect -f "{{ index .Config.Labels \"shipsec.recipe\" }}" "$1" 2>/dev/null || true; }
report() { printf 'build-images: %-28s %-8s %4d s\n' "$1" "$2" "$3"; }

build_base() {
  local started=$SECONDS
  if docker image inspect "$base_image" >/dev/null 2>&1; then
    report "$base_image" present $((SECONDS - started)); return
  fi
  command -v debootstrap >/dev/null 2>&1 || { echo "build-images: debootstrap is missing (scripts/docker-up.sh installs it)" >&2; exit 1; }
  local root
  root=$(mktemp -d /tmp/shipsec-base.XXXXXX)
  trap 'rm -rf "$root"' RETURN
  debootstrap --variant=minbase bookworm "$root" "$mirror" >/tmp/shipsec-debootstrap.log 2>&1 ||
    { tail -n 30 /tmp/shipsec-debootstrap.log >&2; exit 1; }
  # Smaller image: no apt lists, caches or docs from the bootstrap.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/*
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/99shipsec"
  tar -C "$root" -c . | docker import \
    --change 'ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' - "$base_image" >/dev/null
  report "$base_image" built $((SECONDS - started))
}

build_tool() {
  local dockerfile=$1 tool image hash started=$SECONDS
  tool=$(basename "$(dirname "$dockerfile")")
  image="shipsec/$tool:local"
  hash=$(recipe_hash "$dockerfile")
  if [[ "$(image_label "$image")" == "$hash" ]]; then
    report "$image" present $((SECONDS - started)); return
  fi
  docker build --network host --quiet --label "shipsec.recipe=$hash" -t "$image" "$(dirname "$dockerfile")" >/tmp/shipsec-build-"$tool".log 2>&1 ||
    { tail -n 30 /tmp/shipsec-build-"$tool".log >&2; exit 1; }
  report "$image" built $((SECONDS - started))
}

docker info >/dev/null 2>&1 || { echo "build-images: no Docker daemon answers; run scripts/docker-up.sh first" >&2; exit 1; }
build_base
mapfile -t recipes < <(find activities -path '*/images/*/Dockerfile' | sort)
for recipe in "${recipes[@]}"; do
  tool=$(basename "$(dirname "$recipe")")
  if (($# == 0)) || [[ " $* " == *" $tool "* ]]; then build_tool "$recipe"; fi
done
docker image prune -f --filter label=shipsec.recipe >/dev/null 2>&1 || true
echo "build-images: done in $((SECONDS - total_started)) s"
