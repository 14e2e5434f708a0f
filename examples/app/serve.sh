#!/usr/bin/env bash
# Starts or stops the demo: nginx on 127.0.0.1:$PORT in front of PHP-FPM (several
# workers) with soc2.so loaded. All state (configs, sockets, logs, database, keys)
# lives under $SOC2_DEMO_STATE (default examples/app/run).
#   serve.sh start SO_PATH   |   serve.sh stop
set -euo pipefail
app=$(cd "$(dirname "$0")" && pwd)
state=${SOC2_DEMO_STATE:-$app/run}
port=${SOC2_DEMO_PORT:-8089}
workers=${SOC2_DEMO_WORKERS:-4}

stop() {
  [ -f "$state/nginx.pid" ] && kill "$(cat "$state/nginx.pid")" 2>/dev/null || true
  [ -f "$state/fpm.pid" ] && kill "$(cat "$state/fpm.pid")" 2>/dev/null || true
  for _ in $(seq 50); do
    { [ -f "$state/nginx.pid" ] && kill -0 "$(cat "$state/nginx.pid" 2>/dev/null)" 2>/dev/null; } ||
    { [ -f "$state/fpm.pid" ] && kill -0 "$(cat "$state/fpm.pid" 2>/dev/null)" 2>/dev/null; } || break
    sleep 0.1
  done
  rm -f "$state/nginx.pid" "$state/fpm.pid"
}

start() {
  local so=$1
  mkdir -p "$state/nginx-tmp"
  chmod 700 "$state"
  local as_root=()
  [ "$(id -u)" -eq 0 ] && as_root=(-R)
  cat > "$state/php.ini" <<INI
extension=pdo
extension=pdo_sqlite
extension=$so
display_errors=Off
log_errors=On
error_log=$state/php-errors.log
zend.exception_ignore_args=Off
soc2.password_memory_cost=${SOC2_DEMO_MEMORY_COST:-65536}
soc2.password_time_cost=${SOC2_DEMO_TIME_COST:-4}
soc2.audit_log=$state/audit.log
soc2.audit_key_file=$state/audit.key
soc2.audit_app=soc2-demo
soc2.audit_on_failure=throw
$(cat "$state/extra.ini" 2>/dev/null || true)
INI
  cat > "$state/fpm.conf" <<FPM
[global]
pid = $state/fpm.pid
error_log = $state/fpm.log
daemonize = yes

[app]
listen = $state/fpm.sock
listen.mode = 0600
pm = static
pm.max_children = $workers
clear_env = no
catch_workers_output = yes
FPM
  local user_line=""
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  cat > "$state/nginx.conf" <<NGINX
$user_line
worker_processes 1;
pid $state/nginx.pid;
error_log $state/nginx-error.log warn;
events { worker_connections 512; }
http {
  access_log $state/nginx-access.log;
  client_body_temp_path $state/nginx-tmp/body;
  fastcgi_temp_path $state/nginx-tmp/fastcgi;
  proxy_temp_path $state/nginx-tmp/proxy;
  uwsgi_temp_path $state/nginx-tmp/uwsgi;
  scgi_temp_path $state/nginx-tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    location / {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME $app/public/index.php;
      fastcgi_pass unix:$state/fpm.sock;
    }
  }
}
NGINX
  SOC2_DEMO_STATE=$state php-fpm8.2 "${as_root[@]}" -n -c "$state/php.ini" -y "$state/fpm.conf"
  nginx -c "$state/nginx.conf" -p "$state" -g 'daemon on;' 2>>"$state/nginx-error.log"
  for _ in $(seq 100); do
    if php -n -r '$r = @file_get_contents("http://127.0.0.1:'"$port"'/health"); exit($r === false ? 1 : 0);'; then
      return 0
    fi
    sleep 0.1
  done
  echo "demo servers did not come up; logs in $state" >&2
  tail -n 20 "$state"/*.log >&2 || true
  stop
  return 1
}

case "${1:-}" in
  start) start "${2:?path to soc2.so}" ;;
  stop) stop ;;
  *) echo "usage: $0 start SO_PATH | stop" >&2; exit 2 ;;
esac
