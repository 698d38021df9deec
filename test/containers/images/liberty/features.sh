#!/bin/bash
# Stands in for the kernel-slim image's features.sh, which runs `featureUtility
# installServerFeatures` so that every feature the server's configuration names is installed.
# This base carries the full Open Liberty runtime (every feature is already there; feature
# repositories are not reachable here), so the same job is a check: each feature named in
# /config/server.xml and its configDropins must be installed, or the build fails.
# shellcheck source=/dev/null  # the image's own helper
. /opt/ol/helpers/build/internal/logger.sh
set -Eeo pipefail

installed=$(sed -n 's/^IBM-ShortName: *//p' /opt/ol/wlp/lib/features/*.mf | tr -d '\r' | tr '[:upper:]' '[:lower:]' | sort -u)
missing=0
for f in $(cat /config/server.xml /config/configDropins/*/*.xml 2>/dev/null \
    | grep -o '<feature>[^<]*</feature>' | sed 's:</\?feature>::g' | tr -d ' ' | tr '[:upper:]' '[:lower:]' | sort -u); do
    if grep -qx "$f" <<<"$installed"; then
        echo "features.sh: $f installed" >&3
    else
        echo "features.sh: $f is not part of this runtime" >&2
        missing=1
    fi
done 3>&1
find /opt/ol/wlp/lib /opt/ol/wlp/bin ! -perm -g=rw -print0 | xargs -0 -r chmod g+rw
exit $missing
