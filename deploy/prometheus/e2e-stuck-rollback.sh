#!/usr/bin/env bash
# The end-to-end stuck-rollback alert check on a live demo: starts `./yantra demo` (node + embedded Postgres + demo wallet)
# on a temporary data directory and free ports, tells the demo wallet to answer every ROLLBACK (and BET)
# with RS_ERROR_UNKNOWN, places one real bet through /v1/play/bets — the wallet's unknown answer makes the stake
# uncertain, our ROLLBACK job retries and is rejected, the job stays open — and waits for YantraStuckRollbacks
# to go pending then firing in a real Prometheus (e2e-lib.bash). Cleans up the node, its Postgres and the directory.
#
# The alert needs the oldest open ROLLBACK to be older than 5 minutes. Instead of waiting 5 minutes, the script
# moves that job's created_at 10 minutes back once the money path has made it (the one write it does by hand);
# the alert expression and the node are production's, only `for:` is shortened (e2e-lib.bash).
#
#   deploy/prometheus/e2e-stuck-rollback.sh [timeout-seconds for the alert (default 120)]
#
# Exit: 0 pending then firing seen; 1 anything else (the node's log tail is printed).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TIMEOUT="${1:-120}"
# shellcheck source=e2e-lib.bash
. "$HERE/e2e-lib.bash"
fail() { e2e_fail "$@"; }

e2e_start_demo
PORT="$DEMO_PORT"
TOKEN="$DEMO_SESSION"
DATA="$DEMO_DATA"

ADMIN="$DEMO_WALLET_ADMIN"
curl -fsS -H 'content-type: application/json' -d '{"force":{"BET":"RS_ERROR_UNKNOWN","ROLLBACK":"RS_ERROR_UNKNOWN"}}' \
  "$ADMIN/faults" >/dev/null || fail "cannot set the demo wallet's faults at $ADMIN"
echo "e2e: demo wallet answers BET and ROLLBACK with RS_ERROR_UNKNOWN"

# one real bet; 409 while the round is not open for bets, so try until the wallet has answered it
answer=""
for _ in $(seq 1 60); do
  answer="$(curl -sS -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"requestUuid\":\"$(python3 -c 'import uuid; print(uuid.uuid4())')\",\"amountMicro\":\"20000\",\"selection\":{\"side\":\"LOW\"}}" \
    -w ' HTTP %{http_code}' "http://127.0.0.1:$PORT/v1/play/bets")"
  case "$answer" in *"HTTP 409"*) sleep 0.5 ;; *) break ;; esac
done
echo "e2e: bet answered: $answer"
case "$answer" in *wallet_uncertain*) ;; *) fail "expected the bet to end wallet_uncertain" ;; esac

PSQL=(psql -qtA -v ON_ERROR_STOP=1 "postgresql://postgres@127.0.0.1:$(cat "$DATA/pg.port")/yantra")
job=""
for _ in $(seq 1 40); do
  job="$("${PSQL[@]}" -c "SELECT id || ' attempts=' || attempts || ' last_error=' || coalesce(last_error, '-') FROM pending_wallet_jobs
                          WHERE endpoint = 'ROLLBACK' AND completed_at IS NULL AND attempts > 0 LIMIT 1")"
  [ -n "$job" ] && break
  sleep 0.5
done
[ -n "$job" ] || fail "no open ROLLBACK job with a rejected attempt"
echo "e2e: open ROLLBACK job $job"
"${PSQL[@]}" -c "UPDATE pending_wallet_jobs SET created_at = created_at - interval '10 minutes'
                 WHERE endpoint = 'ROLLBACK' AND completed_at IS NULL" >/dev/null
echo "e2e: moved its created_at 10 minutes back (instead of waiting 5 minutes)"
for _ in $(seq 1 20); do   # the job gauges refresh every 5 s
  line="$(curl -fsS "http://127.0.0.1:$PORT/metrics" | grep '^pending_wallet_jobs_oldest_age_seconds{endpoint="ROLLBACK"' | awk '$2 > 300' | head -1 || true)"
  [ -n "$line" ] && break
  sleep 0.5
done
[ -n "$line" ] || fail "the node does not export the job's age above 300 s"
echo "$line"

e2e_start_prometheus "$PORT" 10s
e2e_wait_alert YantraStuckRollbacks firing "$TIMEOUT" || fail "YantraStuckRollbacks not firing within ${TIMEOUT}s"
[ -n "$E2E_SEEN_PENDING" ] || fail "YantraStuckRollbacks fired but was never seen pending"
echo "e2e: OK - YantraStuckRollbacks went pending then firing"
echo "e2e: total ${SECONDS}s"
