#!/usr/bin/env bash
# Builds the images the container test runs, from Debian's packages and Maven Central (no registry
# is reachable here), and keeps them in Podman's store between runs. Each image carries the hash
# of its inputs (its directory, the files added to it, its parent image) in the label
# io.docker-agents.inputs; an image whose label matches is not built again, so a second run
# takes seconds. Prints one line per image: built or cached, and the seconds it took.
#
#   bash test/containers/images.sh            # every image (needs test/containers/host-setup.sh first)
#
# Images (the override file test/containers/compose.podman.yml maps compose.yml's onto them):
#   localhost/debian-base:bookworm          debootstrap --variant=minbase, imported
#   localhost/maven:3.8-jdk17                the Dockerfile's build stage (MAVEN_IMAGE)
#   localhost/open-liberty:26.0.0.3-full-java17  the kernel-slim layout with the full runtime (LIBERTY_IMAGE)
#   localhost/postgres:15-bookworm, localhost/clamav:1.4, localhost/prometheus:2.42,
#   localhost/alertmanager:0.25, localhost/node-exporter:1.5, localhost/postgres-exporter:0.11,
#   localhost/redis:7.0, localhost/mail-catcher:greenmail-2.1.13
#   docker-agents/mailer:local, docker-agents/backup:local   from the project's own Dockerfiles
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/test/containers"
CACHE=${CONTAINERS_CACHE:-/var/cache/docker-agents}
M2=${M2_REPO:-$HOME/.m2/repository}
LIBERTY_VERSION=26.0.0.3
GREENMAIL_VERSION=2.1.13
SUITE=bookworm
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
LABEL=io.docker-agents.inputs

log() { echo "images: $*" >&2; }

image_id() { podman image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
image_key() { podman image inspect --format "{{index .Labels \"$LABEL\"}}" "$1" 2>/dev/null || true; }

# hash of every file below the given paths (content and name relative to the path, so a fresh
# clone elsewhere, as CI makes one, finds the images of the last run), plus extra strings
inputs_hash() {
    local extra=$1 p
    shift
    { for p in "$@"; do
          if [[ -d $p ]]; then
              (cd "$p" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
          else
              printf '%s  %s\n' "$(sha256sum <"$p" | cut -c1-64)" "${p##*/}"
          fi
      done
      printf '%s\n' "$extra"; } | sha256sum | cut -c1-32
}

# artifact GROUP:ARTIFACT:VERSION[:TYPE] -> path in the local Maven repository, fetched when missing
artifact() {
    local g a v t path
    IFS=: read -r g a v t <<<"$1"
    t=${t:-jar}
    path="$M2/${g//.//}/$a/$v/$a-$v.$t"
    if [[ ! -f $path ]]; then
        (cd "$ROOT" && ./mvnw -q -B dependency:get -Dartifact="$g:$a:$v:$t" -Dtransitive=false) >&2
    fi
    [[ -f $path ]] || { log "cannot fetch $1"; return 1; }
    printf '%s' "$path"
}

# timed NAME TAG KEY COMMAND...: runs the command unless TAG carries KEY already
timed() {
    local name=$1 tag=$2 key=$3 start
    shift 3
    start=$(date +%s)
    if [[ $(image_key "$tag") == "$key" ]]; then
        echo "cached  $tag"
        return 0
    fi
    "$@" || { log "building $name failed"; return 1; }
    echo "built   $tag ($(( $(date +%s) - start )) s)"
}

# ---------------------------------------------------------------- the Debian base
# The host's own certificate authorities (/usr/local/share/ca-certificates: a company proxy, or this
# machine's egress proxy that intercepts TLS) go into the base, so builds inside it reach Maven
# Central as the host does; ca-certificates, installed with any JDK, picks them up.
HOST_CAS=()
for f in /usr/local/share/ca-certificates/*.crt; do [[ -f $f ]] && HOST_CAS+=("$f"); done
base_key=$(printf 'debootstrap minbase %s %s v3 %s' "$SUITE" "$MIRROR" \
    "$( ((${#HOST_CAS[@]})) && sha256sum "${HOST_CAS[@]}" | cut -c1-64)" | sha256sum | cut -c1-32)
build_base() {
    local dir="$CACHE/rootfs-$SUITE"
    mkdir -p "$CACHE"
    rm -rf "$dir"
    debootstrap --variant=minbase "$SUITE" "$dir" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
        || { tail -20 "$CACHE/debootstrap.log" >&2; return 1; }
    printf 'deb %s %s main\ndeb %s %s-updates main\ndeb http://deb.debian.org/debian-security %s-security main\n' \
        "$MIRROR" "$SUITE" "$MIRROR" "$SUITE" "$SUITE" >"$dir/etc/apt/sources.list"
    # apt inside builds: no recommends, no documentation
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$dir/etc/apt/apt.conf.d/90containers"
    if ((${#HOST_CAS[@]})); then
        mkdir -p "$dir/usr/local/share/ca-certificates" && cp "${HOST_CAS[@]}" "$dir/usr/local/share/ca-certificates/" \
            || return 1
    fi
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/archives/*.deb
    tar -C "$dir" -c . | podman import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' \
        --change "LABEL $LABEL=$base_key" - localhost/debian-base:$SUITE >"$CACHE/import.log" 2>&1
    rm -rf "$dir"
}
timed debian-base localhost/debian-base:$SUITE "$base_key" build_base
BASE=localhost/debian-base:$SUITE

# ---------------------------------------------------------------- images from test/containers/images
# image NAME TAG PARENT [NAME=FILE...]: builds images/NAME, the extra files added to its context
image() {
    local name=$1 tag=$2 parent=$3 f
    shift 3
    local key
    key=$(inputs_hash "$(image_id "$parent") $(for f in "$@"; do sha256sum "${f#*=}" | cut -c1-64; done)" \
        "$HERE/images/$name")
    timed "$name" "$tag" "$key" build_image "$name" "$tag" "$parent" "$key" "$@"
}
build_image() {
    local name=$1 tag=$2 parent=$3 key=$4 ctx f rc=0
    shift 4
    ctx=$(mktemp -d "${TMPDIR:-/tmp}/image-$name.XXXXXX")
    cp -r "$HERE/images/$name/." "$ctx/"
    for f in "$@"; do
        # NAME=PATH: the file goes into the context as NAME (a hard link where possible)
        ln "${f#*=}" "$ctx/${f%%=*}" 2>/dev/null || cp "${f#*=}" "$ctx/${f%%=*}"
    done
    podman build -q --layers --format docker --build-arg BASE_IMAGE="$parent" --label "$LABEL=$key" -t "$tag" \
        -f "$ctx/Containerfile" "$ctx" >/dev/null || rc=$?
    rm -rf "$ctx"
    return $rc
}

MAVEN=localhost/maven:3.8-jdk17
LIBERTY=localhost/open-liberty:$LIBERTY_VERSION-full-java17
POSTGRES=localhost/postgres:15-bookworm

image maven "$MAVEN" "$BASE"
image liberty "$LIBERTY" "$BASE" \
    "openliberty-runtime.zip=$(artifact io.openliberty:openliberty-runtime:$LIBERTY_VERSION:zip)"
image postgres "$POSTGRES" "$BASE"
image clamav localhost/clamav:1.4 "$BASE"
image prometheus localhost/prometheus:2.42 "$BASE"
image alertmanager localhost/alertmanager:0.25 "$BASE"
image node-exporter localhost/node-exporter:1.5 "$BASE"
image postgres-exporter localhost/postgres-exporter:0.11 "$BASE"
image redis localhost/redis:7.0 "$BASE"
image mail localhost/mail-catcher:greenmail-$GREENMAIL_VERSION "$MAVEN" \
    "greenmail-standalone.jar=$(artifact com.icegreen:greenmail-standalone:$GREENMAIL_VERSION)"

# ---------------------------------------------------------------- the project's own images
# Built with exactly the context, Dockerfile and build arguments that compose.yml plus the
# override give `docker compose build`; only the inputs label is added.
project_image() { # project_image TAG DOCKERFILE KEY-PATHS... -- BUILD-ARGS...
    local tag=$1 dockerfile=$2 paths=() args=() key a
    shift 2
    while [[ $1 != -- ]]; do paths+=("$ROOT/$1"); shift; done
    shift
    args=("$@")
    key=$(inputs_hash "${args[*]} $(for a in "${args[@]}"; do image_id "${a#*=}"; done)" "${paths[@]}")
    timed "$tag" "$tag" "$key" build_project "$tag" "$dockerfile" "$key" "${args[@]}"
}
build_project() {
    local tag=$1 dockerfile=$2 key=$3 a build_args=()
    shift 3
    for a in "$@"; do build_args+=(--build-arg "$a"); done
    (cd "$ROOT" && podman build -q --layers --format docker "${build_args[@]}" --label "$LABEL=$key" -t "$tag" \
        -f "$dockerfile" . >/dev/null)
}

# the image holds the WAR, built from src/main and pom.xml only: test code does not rebuild it
project_image docker-agents/mailer:local Dockerfile pom.xml src/main Dockerfile .dockerignore -- \
    MAVEN_IMAGE="$MAVEN" LIBERTY_IMAGE="$LIBERTY"
project_image docker-agents/backup:local scripts/backup/Dockerfile scripts/backup scripts/backup.sh \
    scripts/restore.sh -- POSTGRES_IMAGE="$POSTGRES"

# superseded builds leave untagged images behind
podman image prune -f >/dev/null 2>&1 || true
