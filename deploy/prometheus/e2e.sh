#!/usr/bin/env bash
# Real-Prometheus check of one alert: starts Debian's prometheus on loopback, scrapes a running Yantra node's
# /metrics with a test-only copy of alerts.yml whose `for:` durations are shortened, and waits until the alert
# shows up in Prometheus' own /api/v1/alerts as pending and then as firing. Bounded in time; cleans up.
#
#   deploy/prometheus/e2e.sh <yantra-port> <alert-name> [timeout-seconds (default 180)] [for-duration (default 10s)]
#
# Exit codes: 0 pending then firing seen; 1 not within the timeout; 2 usage; 69 prometheus missing or did not start.
# Needs: prometheus (apt-get install prometheus), curl, jq. Example: deploy/prometheus/e2e-stuck-rollback.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 2 ] || usage
case "$1" in -h|--help) usage ;; esac
TARGET_PORT="$1"
ALERT="$2"
TIMEOUT="${3:-180}"
FOR="${4:-10s}"
[[ "$TARGET_PORT" =~ ^[0-9]+$ && "$TIMEOUT" =~ ^[0-9]+$ ]] || usage
command -v prometheus >/dev/null || { echo "e2e: prometheus not installed (apt-get install prometheus)" >&2; exit 69; }
grep -q "alert: $ALERT\$" "$HERE/alerts.yml" || { echo "e2e: no alert named $ALERT in alerts.yml" >&2; exit 2; }

WORK="$(mktemp -d -t yantra-prom-e2e.XXXXXX)"
PROM_PID=""
cleanup() {
  if [ -n "$PROM_PID" ] && kill -0 "$PROM_PID" 2>/dev/null; then
    kill "$PROM_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PROM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PROM_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PROM_PORT="$(free_port)"

# The test-only rules: every `for:` shortened; the expressions are the production ones, unchanged.
sed -E "s/^( +)for: [0-9]+[smh]\$/\1for: $FOR/" "$HERE/alerts.yml" > "$WORK/alerts.yml"
cat > "$WORK/prometheus.yml" <<YML
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files: [alerts.yml]
scrape_configs:
  - job_name: yantra
    metrics_path: /metrics
    static_configs: [{targets: ['127.0.0.1:$TARGET_PORT']}]
YML
if command -v promtool >/dev/null; then promtool check config "$WORK/prometheus.yml" >/dev/null; fi

prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
API="http://127.0.0.1:$PROM_PORT/api/v1"
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PROM_PORT/-/ready" >/dev/null 2>&1 && break
  kill -0 "$PROM_PID" 2>/dev/null || { cat "$WORK/prometheus.log" >&2; exit 69; }
  sleep 0.2
done
echo "e2e: prometheus on 127.0.0.1:$PROM_PORT scraping 127.0.0.1:$TARGET_PORT; waiting up to ${TIMEOUT}s for $ALERT (for: $FOR)"

deadline=$((SECONDS + TIMEOUT))
seen_pending=""
last=""
while [ $SECONDS -lt $deadline ]; do
  states="$(curl -fsS "$API/alerts" | jq -r --arg a "$ALERT" '[.data.alerts[] | select(.labels.alertname == $a) | .state] | unique | join(",")' || true)"
  if [ "$states" != "$last" ]; then
    echo "e2e: t=$((SECONDS))s $ALERT state: ${states:-inactive}"
    last="$states"
  fi
  case ",$states," in *,pending,*) seen_pending=yes ;; esac
  case ",$states," in
    *,firing,*)
      curl -fsS "$API/alerts" | jq -c --arg a "$ALERT" '.data.alerts[] | select(.labels.alertname == $a) | {labels, state, activeAt, value}'
      if [ -n "$seen_pending" ]; then echo "e2e: OK - $ALERT went pending then firing"; exit 0; fi
      echo "e2e: $ALERT fired but was never seen pending (for: $FOR shorter than the poll?)" >&2; exit 1 ;;
  esac
  sleep 1
done
target="$(curl -fsS "$API/targets" | jq -c '.data.activeTargets[] | {scrapeUrl, health, lastError}' || true)"
echo "e2e: FAILED - $ALERT not firing within ${TIMEOUT}s (last state: ${last:-inactive}; target: $target)" >&2
exit 1
