#!/usr/bin/env bash
# Prepares a Debian machine without a Docker engine to run compose.yml's containers with rootful
# Podman (test/containers/run.sh, .ci/run). Idempotent: a second run changes nothing.
#
#   bash test/containers/host-setup.sh
#
# What it does, each step only when needed (the reasons are measured, see docs/container-tests.md):
# - installs podman, crun, netavark, aardvark-dns, iptables (netavark needs it), docker-compose,
#   debootstrap, curl; catatonit (the pause process of a pod's infra container: test/kubernetes/play.sh);
# - containers.conf: no default ulimits (podman's RLIMIT_NPROC cannot be set here) and the
#   netavark network backend (with CNI, containers on an internal network cannot resolve names);
# - on hybrid cgroups whose v2 hierarchy carries hugetlb (crun refuses that), mounts hugetlb as v1.
# Must run as root. Exit code 0 when the host can run containers, 1 otherwise.
set -euo pipefail

log() { echo "host-setup: $*" >&2; }
[[ $(id -u) == 0 ]] || { log "must run as root (rootful Podman)"; exit 1; }

packages=()
for p in podman crun fuse-overlayfs slirp4netns uidmap netavark aardvark-dns iptables docker-compose curl \
    debootstrap catatonit; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || packages+=("$p")
done
if ((${#packages[@]})); then
    log "installing ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

conf=/etc/containers/containers.conf
wanted='# written by test/containers/host-setup.sh
[containers]
# podman sets RLIMIT_NPROC by default, which this machine does not permit
default_ulimits = []

[network]
# netavark + aardvark-dns: names resolve on internal networks (CNI dnsname refuses them)
network_backend = "netavark"
'
if [[ ! -f $conf ]] || [[ $(cat "$conf") != "$(printf '%s' "$wanted")" ]]; then
    backend_before=$(podman info --format '{{.Host.NetworkBackend}}' 2>/dev/null || echo none)
    mkdir -p /etc/containers
    printf '%s' "$wanted" >"$conf"
    log "wrote $conf"
    if [[ $backend_before == cni ]]; then
        # switching the backend needs a reset, which deletes every image and container
        log "network backend was cni: podman system reset"
        podman system reset --force >/dev/null
    fi
fi

# hugetlb in the v2 hierarchy of a hybrid cgroup set-up: move it to v1, where crun ignores it
if [[ -f /sys/fs/cgroup/unified/cgroup.controllers ]] && grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers; then
    if ! mountpoint -q /sys/fs/cgroup/hugetlb; then
        mkdir -p /sys/fs/cgroup/hugetlb
        mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb
        log "mounted the hugetlb cgroup controller as v1"
    fi
fi

backend=$(podman info --format '{{.Host.NetworkBackend}}')
[[ $backend == netavark ]] || { log "network backend is $backend, not netavark"; exit 1; }
log "podman $(podman version --format '{{.Client.Version}}'), $backend, ready"
