#!/usr/bin/env bash
# Installs n8n from npm, as an operator would run it, for it.events.N8nIT, into a cache outside the
# clone (default ~/.cache/docker-agents/n8n-<version>), once: a run that finds it installed does
# nothing. ~7 min and ~600 MB the first time. Prints the directory.
#   test/n8n/install.sh [dir]
set -euo pipefail
version=1.123.50
dir=${1:-${N8N_HOME:-$HOME/.cache/docker-agents/n8n-$version}}
if [[ -x $dir/node_modules/.bin/n8n ]]; then
    echo "$dir"
    exit 0
fi
mkdir -p "$dir"
cd "$dir"
# n8n asks for xlsx as a tarball from cdn.sheetjs.com, which is not reachable everywhere: the registry's
# last xlsx instead (only n8n's spreadsheet node uses it; the mailer's template does not)
printf '{"name":"n8n-for-tests","private":true,"overrides":{"xlsx":"0.18.5"}}\n' >package.json
npm install --no-audit --no-fund --loglevel=error "n8n@$version" >&2
echo "$dir"
