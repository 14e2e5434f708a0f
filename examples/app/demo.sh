#!/usr/bin/env bash
# Runs the whole demo: fresh state, servers up, walkthrough, servers down.
set -euo pipefail
app=$(cd "$(dirname "$0")" && pwd)
so=${1:?path to soc2.so}
export SOC2_DEMO_STATE=${SOC2_DEMO_STATE:-$app/run}
rm -rf "$SOC2_DEMO_STATE"
mkdir -p "$SOC2_DEMO_STATE"
trap '"$app/serve.sh" stop' EXIT
"$app/serve.sh" start "$so"
php=(php -n -d extension=pdo -d extension=pdo_sqlite -d extension="$so")
"${php[@]}" -r 'require "'"$app"'/lib/app.php"; schema(db());'
"${php[@]}" "$app/walkthrough.php"
