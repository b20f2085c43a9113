#!/usr/bin/env bash
# The lottery hub's end-to-end alert check on a live demo: a real Prometheus scrapes `./yantra demo`
# (node + embedded Postgres + demo banca) with the production alert expressions of alerts.yml, only `for:`
# shortened to 10 s (e2e-lib.bash). Faults are injected through the demo banca's admin API, never by writing to
# the database, while the demo's lottery player buys 1 DOP wallet plays:
#   1. the banca signs its webhooks with a secret we never issued (wrongSecretWebhooks=1, every play answered
#      202 and decided by webhook): YantraWebhookSignatureFailures must go pending, then firing;
#   2. the banca is down (connection refused): its breaker opens and YantraBancaDown must go pending, then firing;
#   3. the faults are cleared: the queued plays are forwarded, the breaker closes, and both alerts must clear.
# The alerts look back 2 min (rate and max_over_time windows), so clearing takes about two minutes.
#
#   deploy/prometheus/e2e-lottery.sh [timeout-seconds per step (default 240)]
#
# Exit: 0 every step seen; 1 anything else (the node's log tail is printed); 69 prometheus missing.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TIMEOUT="${1:-240}"
[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
# shellcheck source=e2e-lib.bash
. "$HERE/e2e-lib.bash"
FEEDER_PID=""
stop_feeding() {
  if [ -n "$FEEDER_PID" ]; then kill "$FEEDER_PID" 2>/dev/null || true; wait "$FEEDER_PID" 2>/dev/null || true; FEEDER_PID=""; fi
}
trap 'stop_feeding; e2e_cleanup' EXIT INT TERM

# the breaker's open wait shortened from 30 s so the banca is probed again soon after it is back
e2e_start_demo BREAKER_OPEN_SECONDS=5
API="http://127.0.0.1:$DEMO_PORT/api/v1"
PHONE="$(sed -n 's/.*lottery player: phone \([^ ]*\) .*/\1/p' "$DEMO_DATA/node.log" | head -1)"
PASSWORD="$(sed -n 's/.*lottery player: phone [^ ]*  *password \([^ ]*\).*/\1/p' "$DEMO_DATA/node.log" | head -1)"
LOTTERY="$(sed -n 's/.*\\"lotteryId\\":\\"\([^\\"]*\)\\".*/\1/p' "$DEMO_DATA/node.log" | head -1)"
[ -n "$PHONE" ] && [ -n "$PASSWORD" ] && [ -n "$LOTTERY" ] || e2e_fail "the demo printed no lottery player or lottery"
LOGIN="$(curl -fsS "$API/auth/login" -H 'content-type: application/json' \
  -d "$(jq -nc --arg p "$PHONE" --arg w "$PASSWORD" '{phone: $p, password: $w}')")" || e2e_fail "lottery login refused"
PLAYER_TOKEN="$(jq -r .accessToken <<<"$LOGIN")"
PLAYER_ID="$(jq -r .user.id <<<"$LOGIN")"

# one 1 DOP wallet play; prints the HTTP status (201 taken; a closed draw between two draws answers otherwise)
play() { play_body -o /dev/null -w '%{http_code}' || echo 000; }
play_body() {
  curl -sS "$@" "$API/plays" -H "Authorization: Bearer $PLAYER_TOKEN" -H 'content-type: application/json' \
    -d "{\"requestId\":\"$(python3 -c 'import uuid; print(uuid.uuid4())')\",\"userId\":\"$PLAYER_ID\",\"lotteryId\":\"$LOTTERY\",
         \"betType\":\"quiniela\",\"numbers\":[\"05\"],\"amount\":\"1\",\"currency\":\"DOP\",\"payment\":{\"method\":\"wallet\"}}"
}
# plays in the background, one every <seconds>, until stop_feeding; the statuses go to $E2E_WORK/plays.log
start_feeding() {
  ( while true; do play >>"$E2E_WORK/plays.log"; echo >>"$E2E_WORK/plays.log"; sleep "$1"; done ) &
  FEEDER_PID=$!
}
faults() {
  curl -fsS -H 'content-type: application/json' -d "$1" "$DEMO_BANCA_ADMIN/faults" >/dev/null || e2e_fail "cannot set the demo banca's faults to $1"
  echo "e2e: demo banca faults $1"
}
expect() {   # <alert> <state>: waits for it; firing must have been seen pending first
  e2e_wait_alert "$1" "$2" "$TIMEOUT" || e2e_fail "$1 not $2 within ${TIMEOUT}s"
  if [ "$2" = firing ] && [ -z "$E2E_SEEN_PENDING" ]; then e2e_fail "$1 fired but was never seen pending"; fi
}

first="$(play_body -w ' HTTP %{http_code}' || true)"
case "$first" in *"HTTP 201") ;; *) e2e_fail "a lottery play with no fault answered $first, expected HTTP 201" ;; esac
BANCA="$(sed 's/ HTTP 201$//' <<<"$first" | jq -r .bancaId)"
echo "e2e: lottery player $PHONE plays $LOTTERY through banca $BANCA"
e2e_start_prometheus "$DEMO_PORT" 10s
for a in YantraWebhookSignatureFailures YantraBancaDown; do
  [ -z "$(e2e_alert_states "$a")" ] || e2e_fail "$a is active before any fault"
done

echo "e2e: step 1 - wrongly signed webhooks"
faults '{"wrongSecretWebhooks":1,"syncRate":0,"webhookDelayMs":100}'
start_feeding 0.5
expect YantraWebhookSignatureFailures firing
stop_feeding
curl -fsS "http://127.0.0.1:$DEMO_PORT/metrics" | grep "^webhook_signature_failures_total{banca=\"$BANCA\"}" \
  || e2e_fail "no webhook_signature_failures_total for banca $BANCA"

echo "e2e: step 2 - banca down"
faults '{"clear":true,"down":true}'
start_feeding 1
expect YantraBancaDown firing
stop_feeding
queued="$(curl -fsS "http://127.0.0.1:$DEMO_PORT/metrics" | awk -v b="$BANCA" '$1 ~ "^plays_pending\\{age=\"<5m\",banca=\"" b "\"" {print $2}')"
echo "e2e: plays unconfirmed (queued for the banca, or waiting for a webhook that was refused): ${queued:-?}"

echo "e2e: step 3 - faults cleared"
faults '{"clear":true}'
expect YantraBancaDown inactive
expect YantraWebhookSignatureFailures inactive
state="$(curl -fsS "http://127.0.0.1:$DEMO_PORT/metrics" | awk -v b="$BANCA" '$1 == "banca_circuit_breaker_state{banca=\"" b "\"}" {print $2}')"
[ "$state" = 0.0 ] || e2e_fail "banca $BANCA breaker state $state after the faults were cleared, expected 0.0 (closed)"
[ "$(play)" = 201 ] || e2e_fail "a lottery play after the faults were cleared was not taken"
echo "e2e: plays answered during the faults: $(sort "$E2E_WORK/plays.log" | uniq -c | tr '\n' ' ')"
echo "e2e: OK - signature-failure and banca-down alerts fired while injected and cleared after (total ${SECONDS}s)"
