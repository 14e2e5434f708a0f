#!/usr/bin/env bash
# Installs what building and testing soc2 needs on Debian 12, only when missing.
set -euo pipefail
packages=(php8.2-cli php8.2-dev clang libclang-dev python3 python3-pytest python3-jwt python3-nacl python3-cryptography python3-argon2 python3-bcrypt php-monolog php8.2-sqlite3 php8.2-fpm nginx-light procps rsyslog valgrind)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)"; exit 1; }
