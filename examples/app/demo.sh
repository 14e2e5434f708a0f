#!/usr/bin/env bash
# Runs the whole demo: fresh state, servers up, walkthrough, servers down.
#   demo.sh SOC2_SO SOC2_CLI
set -euo pipefail
app=$(cd "$(dirname "$0")" && pwd)
so=${1:?path to soc2.so}
cli=${2:?path to the soc2 CLI}
export SOC2_DEMO_STATE=${SOC2_DEMO_STATE:-$app/run}
export SOC2_CLI=$cli
rm -rf "$SOC2_DEMO_STATE"
mkdir -p "$SOC2_DEMO_STATE"
php=(php -n -d extension=pdo -d extension=pdo_sqlite -d extension="$so")
"$app/setup.sh" "$cli" "${php[@]}"
trap '"$app/serve.sh" stop' EXIT
"$app/serve.sh" start "$so"
"${php[@]}" "$app/walkthrough.php"
