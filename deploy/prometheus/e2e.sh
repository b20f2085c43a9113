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
grep -q "alert: $ALERT\$" "$HERE/alerts.yml" || { echo "e2e: no alert named $ALERT in alerts.yml" >&2; exit 2; }

# shellcheck source=e2e-lib.bash
. "$HERE/e2e-lib.bash"
e2e_start_prometheus "$TARGET_PORT" "$FOR"
echo "e2e: waiting up to ${TIMEOUT}s for $ALERT"
e2e_wait_alert "$ALERT" firing "$TIMEOUT" || { echo "e2e: FAILED - $ALERT not firing within ${TIMEOUT}s" >&2; exit 1; }
if [ -n "$E2E_SEEN_PENDING" ]; then echo "e2e: OK - $ALERT went pending then firing"; exit 0; fi
echo "e2e: $ALERT fired but was never seen pending (for: $FOR shorter than the poll?)" >&2
exit 1
