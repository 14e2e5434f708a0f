#!/usr/bin/env bash
# Creates the demo's keys and database with the soc2 CLI:
#   setup.sh SOC2_CLI PHP...   (state in $SOC2_DEMO_STATE)
set -euo pipefail
cli=$1; shift
state=${SOC2_DEMO_STATE:?}
app=$(cd "$(dirname "$0")" && pwd)
umask 077
"$cli" master-key generate --out "$state/master.key"           # wraps the data keys
"$cli" master-key generate --out "$state/audit.key"            # keys the audit chain
"$cli" keyring create "$state/keyring.json" --master-key-file "$state/master.key" >/dev/null
head -c 32 /dev/urandom > "$state/jwt.secret"                   # HS256 token secret
"$@" -r 'require "'"$app"'/lib/app.php"; schema(db());'
