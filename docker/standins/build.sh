#!/usr/bin/env bash
# Builds stand-ins for the public base images that docker/Dockerfile and docker-compose.yml name,
# from Debian's packages, and tags them with those names, for a Docker engine that reaches no image
# registry. An image already built from the same Dockerfile here is kept (about 4 minutes the
# first time: debootstrap 75 s, then the JDK, Maven, PostgreSQL and HAProxy packages).
# Needs root, debootstrap and a running engine. Usage: docker/standins/build.sh
set -euo pipefail
cd "$(dirname "$0")"

# Debian's client: BuildKit builds through it, where a newer client without buildx fails.
docker=${DOCKER:-docker}
base=arena/debian-standin:bookworm
# This machine's own certificate authorities (an egress proxy's, say) go into the base, so that
# builds inside it reach Maven Central and Debian as the machine itself does.
cas=/usr/local/share/ca-certificates
base_stamp=bookworm-$(cat "$cas"/*.crt 2>/dev/null | sha256sum | cut -c1-12)
stamp=$(echo "$base_stamp" | cat - Dockerfile postgres-entrypoint.sh | sha256sum | cut -c1-12)

# The names, read from the files that use them, so the two never disagree.
build_image=$(awk '/^FROM .* AS build/ { print $2 }' ../Dockerfile)
run_image=$(awk '/^FROM/ { image = $2 } END { print image }' ../Dockerfile)
postgres_image=$(awk '/image: postgres:/ { print $2 }' ../docker-compose.yml)
haproxy_image=$(awk '/image: haproxy:/ { print $2 }' ../docker-compose.yml)

label() { "$docker" image inspect -f '{{ index .Config.Labels "arena.standin" }}' "$1" 2>/dev/null || true; }

mirror() {
  local uri
  uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

if [ "$(label "$base")" != "$base_stamp" ]; then
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  echo "debootstrap bookworm from $(mirror)"
  debootstrap --variant=minbase bookworm "$rootfs" "$(mirror)" > "$rootfs.log" 2>&1 \
    || { tail -20 "$rootfs.log"; exit 1; }
  rm -f "$rootfs.log"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb
  mkdir -p "$rootfs$cas"
  cp "$cas"/*.crt "$rootfs$cas"/ 2>/dev/null || true
  tar -C "$rootfs" -c . | "$docker" import --change "LABEL arena.standin=$base_stamp" - "$base"
fi

for pair in "maven=$build_image" "jre=$run_image" "postgres=$postgres_image" "haproxy=$haproxy_image"; do
  target=${pair%%=*} image=${pair#*=}
  if [ "$(label "$image")" = "$stamp" ]; then
    echo "$image: kept"
    continue
  fi
  echo "$image: building"
  DOCKER_BUILDKIT=1 "$docker" build -q --network host --target "$target" \
    --label "arena.standin=$stamp" -t "$image" .
done
