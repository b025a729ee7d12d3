#!/usr/bin/env bash
# docker compose with docker-compose.yml and host-network.yml, for an engine without bridge
# networks: every service on the host's network (see host-network.yml). Two things an override
# cannot say are done here, in .host-network/:
# - published ports are dropped from the merged file: Docker refuses them on the host's network
#   (each service listens on its own address there instead);
# - HAProxy gets its edge by name, since there is no Docker DNS to find the replicas: its file is
#   haproxy.cfg with that one server, bound to the balancer's own address, with maxconn 9000 to fit
#   the 20000 open files host-network.yml gives it.
#   docker/host-network.sh up -d        players: http://127.0.10.30:8080/
#   docker/host-network.sh kill game-2  docker/host-network.sh down -v
set -euo pipefail
cd "$(dirname "$0")"

mkdir -p .host-network
sed -e 's/^\( *bind \):\([0-9]*\)$/\1127.0.10.30:\2/' \
    -e 's/^\( *\)server-template edge .*/\1server edge-1 edge-1:8080/' \
    -e 's/ resolvers docker init-addr none//' \
    -e 's/^\( *maxconn\) 20000$/\1 9000/' \
    haproxy.cfg > .host-network/haproxy.cfg

# The image builds with BuildKit (RUN --mount, COPY --chmod), through the docker CLI.
export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1
if docker compose version > /dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi

# Every "ports:" key of a service, with its items (indented deeper than the service's keys).
"${compose[@]}" -f docker-compose.yml -f host-network.yml config \
  | awk '/^    ports:$/ { skip = 1; next } skip && !/^    -/ && !/^     / { skip = 0 } !skip' \
  > .host-network/docker-compose.yml
exec "${compose[@]}" --project-directory . -f .host-network/docker-compose.yml "$@"
