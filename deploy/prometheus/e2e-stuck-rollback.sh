#!/usr/bin/env bash
# Issue 8's end-to-end alert check on a live demo: starts `./yantra demo` (node + embedded Postgres + demo wallet)
# on a temporary data directory and free ports, tells the demo wallet to answer every ROLLBACK (and BET)
# with RS_ERROR_UNKNOWN, places one real bet through /v1/play/bets — the wallet's unknown answer makes the stake
# uncertain, our ROLLBACK job retries and is rejected, the job stays open — and waits for YantraStuckRollbacks
# to go pending then firing in a real Prometheus (e2e.sh). Cleans up the node, its Postgres and the directory.
#
# The alert needs the oldest open ROLLBACK to be older than 5 minutes. Instead of waiting 5 minutes, the script
# moves that job's created_at 10 minutes back once the money path has made it (the one write it does by hand);
# the alert expression and the node are production's, only `for:` is shortened by e2e.sh.
#
#   deploy/prometheus/e2e-stuck-rollback.sh [timeout-seconds for the alert (default 120)]
#
# Exit: 0 pending then firing seen; 1 anything else (the node's log tail is printed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TIMEOUT="${1:-120}"
DATA="$(mktemp -d -t yantra-e2e-data.XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# the demo wallet listens on DEMO_WALLET_PORT and its admin API on the next port: find two free in a row
free_pair() {
  python3 - <<'PY'
import socket
for _ in range(200):
    a = socket.socket(); a.bind(("127.0.0.1", 0)); p = a.getsockname()[1]
    b = socket.socket()
    try:
        b.bind(("127.0.0.1", p + 1)); print(p); break
    except OSError:
        pass
    finally:
        a.close(); b.close()
PY
}
PORT="$(free_port)"
WALLET_PORT="$(free_pair)"
BANCA_PORT="$(free_pair)"   # the demo also runs its demo banca (port and admin port + 1)
NODE_PID=""
fail() { echo "e2e: FAILED - $*" >&2; tail -40 "$DATA/node.log" >&2 || true; exit 1; }
cleanup() {
  if [ -n "$NODE_PID" ] && kill -0 "$NODE_PID" 2>/dev/null; then
    kill "$NODE_PID" 2>/dev/null || true          # SIGTERM: graceful, stops its embedded Postgres
    for _ in $(seq 1 150); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$NODE_PID" 2>/dev/null || true
  fi
  if [ -f "$DATA/pg/postmaster.pid" ]; then      # a Postgres left behind by a killed node
    pg_pid="$(head -1 "$DATA/pg/postmaster.pid")"
    [ -n "$pg_pid" ] && kill "$pg_pid" 2>/dev/null || true
    sleep 1
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT INT TERM

echo "e2e: starting yantra demo on port $PORT, demo wallet on $WALLET_PORT (data $DATA)"
YANTRA_DATA_DIR="$DATA" PORT="$PORT" DEMO_WALLET_PORT="$WALLET_PORT" DEMO_BANCA_PORT="$BANCA_PORT" \
  YANTRA_MASTER_KEY="${YANTRA_MASTER_KEY:-AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}" \
  "$ROOT/yantra" demo --player e2e-player >"$DATA/node.log" 2>&1 &
NODE_PID=$!
TOKEN=""
for _ in $(seq 1 240); do
  TOKEN="$(sed -n 's|.*/play?session=\([A-Za-z0-9_-]*\).*|\1|p' "$DATA/node.log" | head -1)"
  [ -n "$TOKEN" ] && curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$NODE_PID" 2>/dev/null || fail "yantra demo exited"
  sleep 0.5
done
[ -n "$TOKEN" ] || fail "yantra demo printed no session within 120 s"
echo "e2e: demo up after ${SECONDS}s"

ADMIN="http://127.0.0.1:$((WALLET_PORT + 1))/admin"
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

"$ROOT/deploy/prometheus/e2e.sh" "$PORT" YantraStuckRollbacks "$TIMEOUT"
echo "e2e: total ${SECONDS}s"
