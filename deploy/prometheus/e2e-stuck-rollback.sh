#!/usr/bin/env bash
# Demonstrates e2e.sh today: starts `./yantra serve` on a temporary data directory and a free port, inserts an
# operator and an open ROLLBACK job created 10 min ago straight into its embedded database (what a wallet that
# rejects every rollback leaves behind), and waits for YantraStuckRollbacks to go pending then firing in a real
# Prometheus. Cleans up the node, its embedded Postgres and the data directory.
#
#   deploy/prometheus/e2e-stuck-rollback.sh [timeout-seconds (default 240)]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TIMEOUT="${1:-240}"
DATA="$(mktemp -d -t yantra-e2e-data.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
NODE_PID=""
cleanup() {
  if [ -n "$NODE_PID" ] && kill -0 "$NODE_PID" 2>/dev/null; then
    kill "$NODE_PID" 2>/dev/null || true          # SIGTERM: graceful, stops its embedded Postgres
    for _ in $(seq 1 300); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.2; done
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

echo "e2e: starting yantra serve on port $PORT (data $DATA)"
YANTRA_DATA_DIR="$DATA" PORT="$PORT" YANTRA_MASTER_KEY="${YANTRA_MASTER_KEY:-AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}" \
  "$ROOT/yantra" serve >"$DATA/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$NODE_PID" 2>/dev/null || { tail -40 "$DATA/node.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "e2e: node not ready" >&2; tail -40 "$DATA/node.log" >&2; exit 1; }

PGPORT="$(cat "$DATA/pg.port")"
OPERATOR="$(python3 -c 'import uuid; print(uuid.uuid4())')"
psql -q -v ON_ERROR_STOP=1 "postgresql://postgres@127.0.0.1:$PGPORT/yantra" <<SQL
INSERT INTO operators (id, name, compliance_contact) VALUES ('$OPERATOR', 'e2e-operator', 'compliance@example.test');
INSERT INTO pending_wallet_jobs (id, operator_id, endpoint, request_uuid, transaction_uuid, amount_micro, currency,
                                 attempts, last_error, created_at)
VALUES (gen_random_uuid(), '$OPERATOR', 'ROLLBACK', gen_random_uuid(), gen_random_uuid(), 1000000, 'LKR',
        7, 'RS_ERROR_UNKNOWN: wallet rejects rollbacks', now() - interval '10 minutes');
SQL
echo "e2e: inserted a 10 min old open ROLLBACK job for operator $OPERATOR"
sleep 6   # one refresh of the job gauges (every 5 s)
curl -fsS "http://127.0.0.1:$PORT/metrics" | grep "^pending_wallet_jobs_oldest_age_seconds{endpoint=\"ROLLBACK\",operator=\"$OPERATOR\"}" || {
  echo "e2e: the node does not export the job's age" >&2; exit 1; }

"$ROOT/deploy/prometheus/e2e.sh" "$PORT" YantraStuckRollbacks "$TIMEOUT"
