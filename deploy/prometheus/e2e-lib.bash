# Shared by the real-Prometheus end-to-end checks (e2e.sh, e2e-stuck-rollback.sh, e2e-lottery.sh); source it.
# Starts `./yantra demo` and Debian's prometheus on loopback and free ports, polls Prometheus' own /api/v1/alerts,
# and cleans both up on exit. The rules Prometheus evaluates are a test-only copy of alerts.yml with every `for:`
# shortened; the expressions are the production ones, unchanged.
#
# Functions: free_port, free_pair, e2e_start_demo, e2e_start_prometheus <target-port> <for>, e2e_alert_states
# <alert>, e2e_wait_alert <alert> pending|firing|inactive <timeout-seconds>, e2e_fail <message>.
# Needs: prometheus (apt-get install prometheus), curl, jq, python3, psql for the demo's database.

E2E_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
E2E_ROOT="$(cd "$E2E_HERE/../.." && pwd)"
E2E_WORK="$(mktemp -d -t yantra-prom-e2e.XXXXXX)"
PROM_PID=""
PROM_API=""
NODE_PID=""
DEMO_DATA=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# the demo wallet and the demo banca each listen on a port and their admin API on the next one: two free in a row
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

e2e_cleanup() {
  if [ -n "$PROM_PID" ] && kill -0 "$PROM_PID" 2>/dev/null; then
    kill "$PROM_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PROM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PROM_PID" 2>/dev/null || true
  fi
  if [ -n "$NODE_PID" ] && kill -0 "$NODE_PID" 2>/dev/null; then
    kill "$NODE_PID" 2>/dev/null || true          # SIGTERM: graceful, stops its embedded Postgres
    for _ in $(seq 1 150); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$NODE_PID" 2>/dev/null || true
  fi
  if [ -n "$DEMO_DATA" ] && [ -f "$DEMO_DATA/pg/postmaster.pid" ]; then   # a Postgres left behind by a killed node
    pg_pid="$(head -1 "$DEMO_DATA/pg/postmaster.pid")"
    [ -n "$pg_pid" ] && kill "$pg_pid" 2>/dev/null || true
    sleep 1
  fi
  [ -n "$DEMO_DATA" ] && rm -rf "$DEMO_DATA"
  rm -rf "$E2E_WORK"
}
trap e2e_cleanup EXIT INT TERM

e2e_fail() {
  echo "e2e: FAILED - $*" >&2
  if [ -n "$DEMO_DATA" ]; then tail -40 "$DEMO_DATA/node.log" >&2 || true; fi
  exit 1
}

# Starts `./yantra demo` (node + embedded Postgres + demo wallet + demo banca + Stripe stand-in) on a temporary data directory and
# free ports, with the extra environment given as arguments (NAME=value ...). Sets DEMO_PORT, DEMO_WALLET_ADMIN,
# DEMO_BANCA_ADMIN, DEMO_SESSION (the RGS player's session token), DEMO_DATA and NODE_PID; returns once /readyz
# answers (within E2E_DEMO_START_SECONDS, default 240: a start takes 70-120 s on a busy two-core machine). The
# node's log is $DEMO_DATA/node.log.
e2e_start_demo() {
  DEMO_DATA="$(mktemp -d -t yantra-e2e-data.XXXXXX)"
  DEMO_PORT="$(free_port)"
  local wallet banca stripe
  wallet="$(free_pair)"
  banca="$(free_pair)"
  stripe="$(free_port)"   # the Stripe stand-in too: two e2e runs side by side must not share its default 8094
  DEMO_WALLET_ADMIN="http://127.0.0.1:$((wallet + 1))/admin"
  DEMO_BANCA_ADMIN="http://127.0.0.1:$((banca + 1))/admin"
  : >"$DEMO_DATA/node.log"   # exists before the first read below (a missing file would end the script under set -e)
  echo "e2e: starting yantra demo on port $DEMO_PORT, demo wallet on $wallet, demo banca on $banca, Stripe stand-in on $stripe (data $DEMO_DATA)"
  env YANTRA_DATA_DIR="$DEMO_DATA" PORT="$DEMO_PORT" DEMO_WALLET_PORT="$wallet" DEMO_BANCA_PORT="$banca" DEMO_STRIPE_PORT="$stripe" \
    YANTRA_MASTER_KEY="${YANTRA_MASTER_KEY:-AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=}" "$@" \
    "$E2E_ROOT/yantra" demo --player e2e-player >"$DEMO_DATA/node.log" 2>&1 &
  NODE_PID=$!
  DEMO_SESSION=""
  local deadline=$((SECONDS + ${E2E_DEMO_START_SECONDS:-240}))
  while [ $SECONDS -lt $deadline ]; do
    DEMO_SESSION="$(sed -n 's|.*/play?session=\([A-Za-z0-9_-]*\).*|\1|p' "$DEMO_DATA/node.log" | head -1)"
    [ -n "$DEMO_SESSION" ] && curl -fsS "http://127.0.0.1:$DEMO_PORT/readyz" >/dev/null 2>&1 && break
    kill -0 "$NODE_PID" 2>/dev/null || e2e_fail "yantra demo exited"
    sleep 0.5
  done
  [ -n "$DEMO_SESSION" ] || e2e_fail "yantra demo not ready within ${E2E_DEMO_START_SECONDS:-240} s"
  echo "e2e: demo up after ${SECONDS}s"
}

# Starts prometheus scraping 127.0.0.1:<target-port>/metrics every 2 s, evaluating alerts.yml every 2 s with
# every `for:` replaced by <for>. Sets PROM_API.
e2e_start_prometheus() {
  local target="$1" for="$2" port
  command -v prometheus >/dev/null || { echo "e2e: prometheus not installed (apt-get install prometheus)" >&2; exit 69; }
  port="$(free_port)"
  sed -E "s/^( +)for: [0-9]+[smh]\$/\1for: $for/" "$E2E_HERE/alerts.yml" > "$E2E_WORK/alerts.yml"
  cat > "$E2E_WORK/prometheus.yml" <<YML
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files: [alerts.yml]
scrape_configs:
  - job_name: yantra
    metrics_path: /metrics
    static_configs: [{targets: ['127.0.0.1:$target']}]
YML
  if command -v promtool >/dev/null; then promtool check config "$E2E_WORK/prometheus.yml" >/dev/null; fi
  prometheus --config.file="$E2E_WORK/prometheus.yml" --storage.tsdb.path="$E2E_WORK/data" \
    --web.listen-address="127.0.0.1:$port" --log.level=warn >"$E2E_WORK/prometheus.log" 2>&1 &
  PROM_PID=$!
  PROM_API="http://127.0.0.1:$port/api/v1"
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && break
    kill -0 "$PROM_PID" 2>/dev/null || { cat "$E2E_WORK/prometheus.log" >&2; exit 69; }
    sleep 0.2
  done
  echo "e2e: prometheus on 127.0.0.1:$port scraping 127.0.0.1:$target (for: $for)"
}

# The states (pending, firing) of <alert> now, comma-separated; empty when it is inactive.
e2e_alert_states() {
  curl -fsS "$PROM_API/alerts" | jq -r --arg a "$1" '[.data.alerts[] | select(.labels.alertname == $a) | .state] | unique | join(",")'
}

# Waits until <alert> is in <state> (pending, firing, or inactive = in neither) and prints each change of state
# it sees; returns 1 after <timeout> seconds. E2E_SEEN_PENDING is "yes" once pending was seen.
e2e_wait_alert() {
  local alert="$1" want="$2" timeout="$3" states last="-" deadline=$((SECONDS + $3))
  E2E_SEEN_PENDING=""
  while [ $SECONDS -lt $deadline ]; do
    states="$(e2e_alert_states "$alert" || true)"
    if [ "$states" != "$last" ]; then
      echo "e2e: t=$((SECONDS))s $alert state: ${states:-inactive}"
      last="$states"
    fi
    case ",$states," in *,pending,*) E2E_SEEN_PENDING=yes ;; esac
    case "$want" in
      inactive) [ -z "$states" ] && return 0 ;;
      *) case ",$states," in *,"$want",*)
           curl -fsS "$PROM_API/alerts" | jq -c --arg a "$alert" '.data.alerts[] | select(.labels.alertname == $a) | {labels, state, activeAt, value}'
           return 0 ;;
         esac ;;
    esac
    sleep 1
  done
  local target
  target="$(curl -fsS "$PROM_API/targets" | jq -c '.data.activeTargets[] | {scrapeUrl, health, lastError}' || true)"
  echo "e2e: $alert not $want within ${timeout}s (last state: ${last:-inactive}; target: $target)" >&2
  return 1
}
