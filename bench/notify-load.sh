#!/usr/bin/env bash
# Load test of the sample shop's notify endpoint (POST /alipay/notify) with wrk.
#
# Needs: the sample jar, built beforehand with `mvn -B -DskipTests install` at the repository root
# (this script builds nothing); Debian's wrk (apt-get install -y wrk), curl, jq, md5sum, jcmd, ps, python3, bc.
#
# What it does, all on 127.0.0.1:
#   1. starts alipay-starter-sample (embedded sandbox, demo merchant 2088101568338364, JDBC ledger and
#      journal on an H2 *file* database in a temporary directory, so the journal grows on disk, not in
#      the heap) on a free port, and waits until it answers;
#   2. creates an order (POST /api/orders) and pays it in the sandbox cashier with curl (GET payUrl,
#      POST the cashier's pay form); the sandbox's notification marks it PAID (onPaid once);
#   3. builds, with bash tools only, a correctly MD5-signed TRADE_SUCCESS notification for that paid
#      trade (canonical string sorted by key, md5sum over string + key) and a forged one (signed with
#      a wrong key);
#   4. records the app's RSS and heap after a full GC, runs a warm-up, then wrk for DURATION at each
#      connection count in CONNECTIONS (throughput runs: no response() callback), then short
#      correctness runs that check every answer ("success" for the resend, "fail" for the forgery);
#   5. records RSS and heap after a full GC (and the top of the class histogram) after every run, checks through GET /api/orders/{no} that the order
#      is PAID with paidCallbacks=1, and stops the app (trap on exit).
#
# Settings (environment): DURATION (default 20s), CONNECTIONS (default "16 64"), THREADS (wrk threads,
# default 2), WARMUP (default 10s), CHECK_DURATION (default 5s), JAVA_OPTS (default -Xmx512m),
# OUT (result directory, default a new directory under /tmp).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/alipay-starter-sample/target/alipay-starter-sample-0.1.0-SNAPSHOT.jar"
LUA="$ROOT/bench/notify-post.lua"
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-"16 64"}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10s}
CHECK_DURATION=${CHECK_DURATION:-5s}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
OUT=${OUT:-$(mktemp -d /tmp/notify-load.XXXXXX)}
PARTNER=2088101568338364
KEY=sandbox0demo0key0for0local0tests   # SandboxMerchant.DEMO: the sandbox's demo key, not a secret

for tool in java jcmd wrk curl jq md5sum ps python3 bc; do
  command -v "$tool" >/dev/null || { echo "needs $tool on the PATH" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -B -DskipTests install' at the repository root first" >&2; exit 2; }
mkdir -p "$OUT"
SUMMARY="$OUT/summary.txt"
: > "$SUMMARY"
say() { echo "$*" | tee -a "$SUMMARY"; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"

APP_PID=""
stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
}
trap stop_app EXIT

say "# notify-load $(date -u +%FT%TZ) on $(hostname), nproc=$(nproc), $(uptime | sed 's/.*load/load/')"
say "# $(java -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS; wrk -t$THREADS, connections: $CONNECTIONS, duration $DURATION"

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --spring.datasource.url="jdbc:h2:file:$OUT/db/shop" --spring.datasource.username=sa \
  >"$OUT/app.log" 2>&1 &
APP_PID=$!
say "# app pid $APP_PID on port $PORT, log $OUT/app.log"

for i in $(seq 1 120); do
  code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE/alipay/notify" || true)
  [ "$code" = "200" ] && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $OUT/app.log" >&2; exit 1; }
  [ "$i" = 120 ] && { echo "the app did not answer within 120 s" >&2; exit 1; }
  sleep 1
done

# --- an order, paid in the sandbox cashier ------------------------------------------------------------
created=$(curl -sS -m 10 -H 'Content-Type: application/json' \
  -d '{"subject":"Bench order","totalFee":"12.34"}' "$BASE/api/orders")
NO=$(jq -r .outTradeNo <<<"$created")
PAY_URL=$(jq -r .payUrl <<<"$created")
FEE=$(jq -r .totalFee <<<"$created")
SANDBOX=$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$PAY_URL")
case "$SANDBOX" in http://127.0.0.1:*|http://localhost:*) ;; *) echo "payUrl is not local: $PAY_URL" >&2; exit 1;; esac
cashier=$(curl -sS -L -m 10 "$PAY_URL")
TOKEN=$(grep -o 'name="token" value="[^"]*"' <<<"$cashier" | head -1 | sed -E 's/.*value="([^"]*)"/\1/')
[ -n "$TOKEN" ] || { echo "no pay form in the cashier page" >&2; exit 1; }
curl -sS -m 10 -o /dev/null --data-urlencode "token=$TOKEN" "$SANDBOX/cashier/pay"
for i in $(seq 1 60); do
  order=$(curl -sS -m 5 "$BASE/api/orders/$NO")
  [ "$(jq -r .status <<<"$order")" = "PAID" ] && break
  [ "$i" = 60 ] && { echo "order $NO not PAID after 60 s: $order" >&2; exit 1; }
  sleep 1
done
TRADE_NO=$(jq -r .tradeNo <<<"$order")
say "# order $NO paid: $order"

# --- the notifications, signed with bash tools only ------------------------------------------------
urlencode() { jq -rn --arg v "$1" '$v|@uri'; }
# sign KEY NAME=VALUE...: prints the form body with sign and sign_type (spec 9: sorted by name, empty
# values and sign/sign_type left out, md5 over "k1=v1&k2=v2..." followed by the key, utf-8 bytes)
sign() {
  local key=$1; shift
  local canonical body sig
  canonical=$(printf '%s\n' "$@" | LC_ALL=C sort -t= -k1,1 | paste -sd '&')
  sig=$(printf '%s%s' "$canonical" "$key" | md5sum | cut -d' ' -f1)
  body=""
  for kv in "$@"; do body+="${kv%%=*}=$(urlencode "${kv#*=}")&"; done
  printf '%ssign=%s&sign_type=MD5' "$body" "$sig"
}
NOW=$(TZ=Asia/Shanghai date '+%Y-%m-%d %H:%M:%S')
PARAMS=("notify_id=bench$(date +%s)notifyid" "notify_type=trade_status_sync" "notify_time=$NOW"
  "out_trade_no=$NO" "trade_no=$TRADE_NO" "subject=Bench order" "payment_type=1"
  "trade_status=TRADE_SUCCESS" "total_fee=$FEE" "seller_id=$PARTNER" "buyer_id=2088002007013600"
  "gmt_payment=$NOW")
sign "$KEY" "${PARAMS[@]}" > "$OUT/valid.body"
sign "not-the-merchant-key-0000000000" "${PARAMS[@]}" > "$OUT/forged.body"
say "# valid body: $(cat "$OUT/valid.body")"
say "# forged body differs in sign only"
[ "$(curl -sS -m 5 --data-binary @"$OUT/valid.body" -H 'Content-Type: application/x-www-form-urlencoded' "$BASE/alipay/notify")" = success ] \
  || { echo "the bash-signed notification was not answered success" >&2; exit 1; }
[ "$(curl -sS -m 5 --data-binary @"$OUT/forged.body" -H 'Content-Type: application/x-www-form-urlencoded' "$BASE/alipay/notify")" = fail ] \
  || { echo "the forged notification was not answered fail" >&2; exit 1; }

# --- memory -----------------------------------------------------------------------------------------
memory() { # label: RSS, the heap after a full GC, and the live objects of a class histogram
  jcmd "$APP_PID" GC.run >/dev/null
  sleep 1
  local heap rss live
  jcmd "$APP_PID" GC.heap_info > "$OUT/heap-$1.txt"
  heap=$(grep -m1 'heap *total' "$OUT/heap-$1.txt" | sed -E 's/^ +//; s/ \[.*//')
  rss=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
  jcmd "$APP_PID" GC.class_histogram > "$OUT/histogram-$1.txt"   # forces a full GC too
  live=$(grep -m1 '^Total' "$OUT/histogram-$1.txt" | awk '{printf "%d objects, %.1f MB", $2, $3 / 1048576}')
  say "MEMORY $1 rss_kb=$rss heap_after_gc: $heap; live (class histogram): $live"
}

run_wrk() { # label body expect connections duration
  LABEL=$1 BODY_FILE=$2 EXPECT=$3 timeout 600 wrk -t"$THREADS" -c"$4" -d"$5" --latency -s "$LUA" "$BASE/alipay/notify" \
    > "$OUT/wrk-$1.txt" 2>&1 || true
  grep '^RESULT' "$OUT/wrk-$1.txt" | tee -a "$SUMMARY" || { echo "wrk gave no result, see $OUT/wrk-$1.txt" >&2; exit 1; }
}

memory before-load
run_wrk warmup-valid "$OUT/valid.body" "" 16 "$WARMUP"
run_wrk warmup-forged "$OUT/forged.body" "" 16 "$WARMUP"
memory after-warmup
for c in $CONNECTIONS; do
  run_wrk "valid-c$c" "$OUT/valid.body" "" "$c" "$DURATION"
  memory "after-valid-c$c"
  run_wrk "forged-c$c" "$OUT/forged.body" "" "$c" "$DURATION"
  memory "after-forged-c$c"
done
run_wrk check-valid "$OUT/valid.body" success 16 "$CHECK_DURATION"
run_wrk check-forged "$OUT/forged.body" fail 16 "$CHECK_DURATION"
memory after-load

TOTAL=$(grep -h '^RESULT' "$OUT"/wrk-*.txt | sed -E 's/.* requests=([0-9]+).*/\1/' | paste -sd+ | bc)
say "TOTAL notifications sent by wrk: $TOTAL"
final=$(curl -sS -m 5 "$BASE/api/orders/$NO")
say "ORDER after load: $final"
if [ "$(jq -r .status <<<"$final")" = PAID ] && [ "$(jq -r .paidCallbacks <<<"$final")" = 1 ]; then
  say "OK paidCallbacks stayed 1"
else
  say "FAILED: expected status PAID and paidCallbacks 1"; exit 1
fi
say "# app log: $(wc -l < "$OUT/app.log") lines, $(du -h "$OUT/app.log" | cut -f1); H2 files: $(du -sh "$OUT/db" | cut -f1)"
say "# results in $OUT"
