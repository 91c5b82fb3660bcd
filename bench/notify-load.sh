#!/usr/bin/env bash
# Load test of the sample shop's notify endpoint beside a bare Spring MVC endpoint, on H2 and PostgreSQL,
# in one run (issue 12). Every answer of every run is checked.
#
# Build first (at the repository root; `package`, never `install`):
#   mvn -B -DskipTests package -pl alipay-starter-sample,alipay-starter-benchmarks -am
# Then:
#   bench/notify-load.sh                      # results in bench/results/<UTC date-time>/
#
# Needs: java, wrk (apt-get install -y wrk), curl, jq, python3; psql and a PostgreSQL for DBS containing
# postgresql (a schema of its own is created in PG_DB and dropped at the end).
#
# Scenarios, each a wrk run with a Lua script that checks every answer (bench/lua/post-check.lua):
#   bare       POST /bare of BareEndpointApplication (alipay-starter-benchmarks): Tomcat + Spring MVC
#              reading the body and answering "success"; the ceiling the others are compared with
#   duplicate  the sample's POST /alipay/notify with a correctly signed TRADE_SUCCESS notification of an
#              order that is already PAID: answered "success", no gateway call, onPaid not called again
#   forged     the same notification signed with another key: answered "fail"
#   first      first deliveries: one correctly signed notification per UNPAID order (created beforehand
#              through POST /api/orders), each sent once: notify_verify with the gateway stub (GET
#              /gateway.do of BareEndpointApplication, answers "true"), PAID transition and onPaid
#              in one transaction; answered "success"
# The notifications are signed by bench/notify_bodies.py (python's md5, not the starter's code): 23
# parameters plus sign and sign_type, Chinese subject and body.
#
# Per database: the sample is started on it, warmed up (every scenario at every connection count, WARMUP
# each), then ROUNDS rounds; in each round, for each
# connection count, the four scenarios run one after the other, in an order that rotates from round to
# round, so that each ratio compares runs made within a minute of each other. `uptime` is recorded with
# every run. bench/summarize.py prints medians, ranges, ratios to bare and the targets.
#
# Settings (environment): DBS ("h2 postgresql"), CONNECTIONS ("16 64"), ROUNDS (3), DURATION (10s),
# WARMUP (20s), THREADS (wrk threads, 2), ORDERS_PER_RUN (first deliveries available to one run, 60000;
# a wrk thread that has used up its share stops sending, the run is then marked exhausted and its rate
# counted as a lower bound: raise it if that happens), PORT_BASE (two ports: bare app, sample; default two
# free ports), PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (postgres), PG_DB (postgres), JAVA_OPTS
# (-Xmx512m), SAMPLE_ARGS (more arguments for the sample, e.g. --alipay.max-concurrent-notify-verify=32),
# JFR (1: record the sample with Java Flight Recorder during the rounds, see bench/jfr_split.py),
# OUT (result directory).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SAMPLE_JAR="$ROOT/alipay-starter-sample/target/alipay-starter-sample-0.1.0-SNAPSHOT.jar"
BARE_JAR="$ROOT/alipay-starter-benchmarks/target/alipay-starter-benchmarks-0.1.0-SNAPSHOT-bare-app.jar"
LUA="$ROOT/bench/lua/post-check.lua"
DBS=${DBS:-"h2 postgresql"}
CONNECTIONS=${CONNECTIONS:-"16 64"}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
SAMPLE_ARGS=${SAMPLE_ARGS:-}
THREADS=${THREADS:-2}
ORDERS_PER_RUN=${ORDERS_PER_RUN:-60000}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
PG_DB=${PG_DB:-postgres}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
JFR=${JFR:-0}
OUT=${OUT:-$ROOT/bench/results/$(date -u +%Y-%m-%dT%H%M%SZ)}
PARTNER=2088101568338364
KEY=sandbox0demo0key0for0local0tests   # the sandbox's demo key (SandboxMerchant.DEMO), not a secret
FEE=12.34

for tool in java wrk curl jq python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool on the PATH" >&2; exit 2; }
done
case " $DBS " in *" postgresql "*) command -v psql >/dev/null || { echo "needs psql for DBS=postgresql" >&2; exit 2; };; esac
for jar in "$SAMPLE_JAR" "$BARE_JAR"; do
  [ -f "$jar" ] || { echo "no $jar: run 'mvn -B -DskipTests package -pl alipay-starter-sample,alipay-starter-benchmarks -am' first" >&2; exit 2; }
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)   # absolute: H2 refuses a relative file path
RUNS="$OUT/runs.txt"
LOG="$OUT/log.txt"
: > "$RUNS"
say() { echo "$*" | tee -a "$LOG"; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
if [ -n "${PORT_BASE:-}" ]; then BARE_PORT=$PORT_BASE; APP_PORT=$((PORT_BASE + 1)); else BARE_PORT=$(freeport); APP_PORT=$(freeport); fi
BARE="http://127.0.0.1:$BARE_PORT"
APP="http://127.0.0.1:$APP_PORT"

PIDS=()
SCHEMA=""
cleanup() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$SCHEMA" ]; then
    psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

wait_for() { # url pid what
  for i in $(seq 1 180); do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" || true)
    [ "$code" = 200 ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 exited; see $OUT" >&2; exit 1; }
    sleep 1
  done
  echo "$3 did not answer within 180 s" >&2; exit 1
}

say "# notify-load $(date -u +%FT%TZ) on $(hostname), nproc=$(nproc), $(uptime | sed 's/.*load/load/')"
say "# $(java -version 2>&1 | head -1); $(wrk --version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS"
say "# DBS=$DBS CONNECTIONS=$CONNECTIONS ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS ORDERS_PER_RUN=$ORDERS_PER_RUN SAMPLE_ARGS=$SAMPLE_ARGS"
say "# commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$BARE_JAR" --server.port="$BARE_PORT" --server.address=127.0.0.1 >"$OUT/bare-app.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")
wait_for "$BARE/gateway.do?service=notify_verify" "$BARE_PID" "the bare endpoint app"
[ "$(curl -sS -m 5 -d 'a=1' "$BARE/bare")" = success ] || { echo "POST /bare did not answer success" >&2; exit 1; }

wrk_run() { # db scenario connections round duration body-file mode expect
  local label="$1-$2-c$3-r$4" url="$APP/alipay/notify" load
  [ "$2" = bare ] && url="$BARE/bare"
  load=$(uptime | sed 's/.*load average: //; s/,//g')
  LABEL=$label BODY_FILE=$6 MODE=$7 EXPECT=$8 THREADS_N=$THREADS \
    timeout 600 wrk -t"$THREADS" -c"$3" -d"$5" --latency -s "$LUA" "$url" > "$OUT/wrk-$label.txt" 2>&1 || true
  local result
  result=$(grep '^RESULT' "$OUT/wrk-$label.txt" || true)
  [ -n "$result" ] || { echo "wrk gave no result, see $OUT/wrk-$label.txt" >&2; exit 1; }
  echo "RUN db=$1 scenario=$2 c=$3 round=$4 load=\"$load\" $result" | tee -a "$RUNS" | tee -a "$LOG" >/dev/null
  echo "$1 $2 c=$3 round $4: $(sed -E 's/.* rps=([0-9]+).* p99_ms=([0-9.]+).* wrong_answer=([0-9]+).*/\1 req\/s, p99 \2 ms, wrong \3/' <<<"$result") (load $load)"
}

order_batch() { # file count: creates at least count orders through the API, their numbers in file
  local prefix="$OUT/orders.tmp." made=0 i=0
  : > "$1"
  while [ "$made" -lt "$2" ]; do
    i=$((i + 1))
    [ "$i" -le 200 ] || { echo "only $made of $2 orders were created; see $OUT/orders-wrk.txt" >&2; exit 1; }
    rm -f "$prefix"*
    if [ "$2" -le 16 ]; then
      for _ in $(seq "$2"); do
        curl -sS -m 10 -H 'Content-Type: application/json' -d '{"subject":"Bench order","totalFee":"12.34"}' \
          "$APP/api/orders" | jq -r .outTradeNo >> "$1"
      done
    else
      OUT_PREFIX=$prefix timeout 120 wrk -t"$THREADS" -c16 -d5s -s "$ROOT/bench/lua/create-orders.lua" \
        "$APP/api/orders" >> "$OUT/orders-wrk.txt" 2>&1 || true
      cat "$prefix"* >> "$1"
      rm -f "$prefix"*
    fi
    made=$(grep -c . "$1" || true)
  done
}

for db in $DBS; do
  say "## $db"
  DBARGS=()
  case $db in
    h2) DBARGS=(--spring.datasource.url="jdbc:h2:file:$OUT/h2/shop" --spring.datasource.username=sa) ;;
    postgresql)
      SCHEMA="bench_$(date -u +%Y%m%d%H%M%S)_$$"
      psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -c "CREATE SCHEMA $SCHEMA" >/dev/null
      DBARGS=(--spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB?currentSchema=$SCHEMA"
              --spring.datasource.username="$PG_USER") ;;
    *) echo "unknown database $db (h2, postgresql)" >&2; exit 2 ;;
  esac
  JFR_OPTS=()
  [ "$JFR" = 1 ] && JFR_OPTS=(-XX:StartFlightRecording=filename="$OUT/sample-$db.jfr",settings=profile,delay=30s)
  # shellcheck disable=SC2086
  java $JAVA_OPTS "${JFR_OPTS[@]}" -jar "$SAMPLE_JAR" --server.port="$APP_PORT" --server.address=127.0.0.1 \
    --sample.sandbox.enabled=false --alipay.gateway-url="$BARE/gateway.do" --alipay.partner=$PARTNER \
    --alipay.key=$KEY --alipay.seller=$PARTNER --alipay.sign-type=MD5 \
    --alipay.notify-url="$APP/alipay/notify" --alipay.return-url="$APP/alipay/return" --alipay.show-url="$APP/orders" \
    "${DBARGS[@]}" $SAMPLE_ARGS >"$OUT/sample-$db.log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  wait_for "$APP/alipay/notify" "$APP_PID" "the sample on $db"

  # one order paid by its first delivery: the duplicate and forged bodies are for it
  order_batch "$OUT/orders-$db-paid.txt" 1
  python3 "$ROOT/bench/notify_bodies.py" $KEY $PARTNER $FEE "$OUT/orders-$db-paid.txt" "$OUT/duplicate-$db.body"
  python3 "$ROOT/bench/notify_bodies.py" $KEY $PARTNER $FEE "$OUT/orders-$db-paid.txt" "$OUT/forged-$db.body" forge
  PAID_NO=$(head -1 "$OUT/orders-$db-paid.txt")
  [ "$(head -1 "$OUT/duplicate-$db.body" | tr -d '\n' | curl -sS -m 10 --data-binary @- "$APP/alipay/notify")" = success ] || { echo "first delivery not answered success" >&2; exit 1; }
  [ "$(curl -sS -m 5 "$APP/api/orders/$PAID_NO" | jq -r .status)" = PAID ] || { echo "order $PAID_NO not PAID" >&2; exit 1; }
  [ "$(head -1 "$OUT/forged-$db.body" | tr -d '\n' | curl -sS -m 10 --data-binary @- "$APP/alipay/notify")" = fail ] || { echo "forgery not answered fail" >&2; exit 1; }
  say "# order $PAID_NO paid by its first delivery; duplicates and forgeries are for it"

  # orders for the first deliveries: one batch per measured run, plus one for the warm-up
  t0=$(date +%s)
  runs=$(( (ROUNDS + 1) * $(wc -w <<<"$CONNECTIONS") ))
  order_batch "$OUT/orders-$db-unpaid.txt" $(( runs * ORDERS_PER_RUN ))
  say "# $(wc -l < "$OUT/orders-$db-unpaid.txt") unpaid orders created in $(( $(date +%s) - t0 )) s"
  split -d -a 3 -l "$ORDERS_PER_RUN" "$OUT/orders-$db-unpaid.txt" "$OUT/orders-$db-batch-"
  batch=0
  next_first_bodies() { # prints the body file of the next batch
    local f
    f="$OUT/orders-$db-batch-$(printf %03d $batch)"
    batch=$((batch + 1))
    python3 "$ROOT/bench/notify_bodies.py" $KEY $PARTNER $FEE "$f" "$f.bodies"
    echo "$f.bodies"
  }

  echo "a=1" > "$OUT/bare.body"
  # Every scenario at every connection count before the first measured round: the first deliveries'
  # path is compiled by the JIT only after tens of thousands of calls (with a single 10 s warm-up at 16
  # connections their rate still doubled from the first measured round to the third).
  say "# warm-up ($WARMUP each, every scenario at $CONNECTIONS connections)"
  for c in $CONNECTIONS; do
    wrk_run "$db" bare "$c" 0 "$WARMUP" "$OUT/bare.body" cycle success | tee -a "$LOG"
    wrk_run "$db" duplicate "$c" 0 "$WARMUP" "$OUT/duplicate-$db.body" cycle success | tee -a "$LOG"
    wrk_run "$db" forged "$c" 0 "$WARMUP" "$OUT/forged-$db.body" cycle fail | tee -a "$LOG"
    wrk_run "$db" first "$c" 0 "$WARMUP" "$(next_first_bodies)" once success | tee -a "$LOG"
  done
  sed -i '/ round=0 /d' "$RUNS"   # warm-up runs are logged, not summarised

  scenarios=(bare duplicate forged first)
  for round in $(seq 1 "$ROUNDS"); do
    for c in $CONNECTIONS; do
      for k in 0 1 2 3; do
        s=${scenarios[$(( (k + round - 1) % 4 ))]}
        case $s in
          bare) wrk_run "$db" bare "$c" "$round" "$DURATION" "$OUT/bare.body" cycle success ;;
          duplicate) wrk_run "$db" duplicate "$c" "$round" "$DURATION" "$OUT/duplicate-$db.body" cycle success ;;
          forged) wrk_run "$db" forged "$c" "$round" "$DURATION" "$OUT/forged-$db.body" cycle fail ;;
          first) wrk_run "$db" first "$c" "$round" "$DURATION" "$(next_first_bodies)" once success ;;
        esac | tee -a "$LOG"
      done
    done
  done

  order=$(curl -sS -m 5 "$APP/api/orders/$PAID_NO")
  say "# after the runs: $order"
  [ "$(jq -r .status <<<"$order")" = PAID ] && [ "$(jq -r .paidCallbacks <<<"$order")" = 1 ] \
    || { say "FAILED: the duplicated order is not PAID with paidCallbacks 1"; exit 1; }
  # a sample of the first deliveries: each order PAID, onPaid once. Not the first line of a batch: wrk
  # calls the script's request() once before the run without sending what it returns (seen against a
  # plain echo server: the first body of the file never arrives), so the first order of every batch is
  # never delivered and stays UNPAID. The second and third lines are the first each wrk thread sends.
  for f in $(ls "$OUT"/orders-"$db"-batch-*.bodies | head -3); do
    for no in $(sed -n '2,3p' "${f%.bodies}"); do
    o=$(curl -sS -m 5 "$APP/api/orders/$no")
    [ "$(jq -r .status <<<"$o")" = PAID ] && [ "$(jq -r .paidCallbacks <<<"$o")" = 1 ] \
      || { say "FAILED: first-delivered order $no: $o"; exit 1; }
    done
  done
  say "# checked: the duplicated order and a sample of first-delivered orders are PAID with paidCallbacks 1"
  if [ "$JFR" = 1 ]; then
    jcmd "$APP_PID" JFR.dump filename="$OUT/sample-$db.jfr" >/dev/null 2>&1 || true
  fi
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  rm -f "$OUT"/orders-"$db"-batch-* "$OUT"/orders-"$db"-unpaid.txt
  rm -rf "$OUT/h2"
  if [ -n "$SCHEMA" ]; then
    psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null
    SCHEMA=""
  fi
done

say "# done $(date -u +%FT%TZ), $(uptime | sed 's/.*load/load/')"
python3 "$ROOT/bench/summarize.py" "$RUNS" "$OUT/summary.md" | tee -a "$LOG"
