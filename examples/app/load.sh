#!/usr/bin/env bash
# `make load`: fresh demo state, servers up (small Argon2 parameters so the
# load exercises the whole stack rather than one hash), load test, servers down.
#   load.sh SOC2_SO SOC2_CLI [REQUESTS]
set -euo pipefail
app=$(cd "$(dirname "$0")" && pwd)
so=${1:?path to soc2.so}
cli=${2:?path to the soc2 CLI}
export LOAD_REQUESTS=${3:-${LOAD_REQUESTS:-2000}}
export SOC2_DEMO_STATE=${SOC2_DEMO_STATE:-$app/run-load}
export SOC2_DEMO_PORT=${SOC2_DEMO_PORT:-8090}
export SOC2_DEMO_MEMORY_COST=1024 SOC2_DEMO_TIME_COST=1 SOC2_CLI=$cli
rm -rf "$SOC2_DEMO_STATE"
mkdir -p "$SOC2_DEMO_STATE"
php=(php -n -d extension=pdo -d extension=pdo_sqlite -d extension=posix -d extension="$so")
"$app/setup.sh" "$cli" "${php[@]}" >/dev/null
trap '"$app/serve.sh" stop' EXIT
"$app/serve.sh" start "$so"
"${php[@]}" "$app/load.php"
