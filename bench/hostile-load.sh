#!/usr/bin/env bash
# Issue 10's hostile-traffic scenarios against the sample shop on PostgreSQL (figures: docs/reliability.md).
#
#   bench/hostile-load.sh slow-senders   220 connections declare a body, send 10 bytes, go silent; then a real
#                                        notification (must be answered within 2 s)
#   bench/hostile-load.sh slow-gateway   notify_verify answers after 10 s; 200 concurrent deliveries; the shop's
#                                        pages probed meanwhile (within 1 s), every delivery answered
#   bench/hostile-load.sh db-cut         the pool reaches PostgreSQL through a TCP proxy that is cut for 45 s
#                                        while 200 orders are delivered Alipay-style (resent until success):
#                                        every answer within 5 s, every order paid once after
#   bench/hostile-load.sh flood          50,000 forged notifications of 64 KB naming a real order: database
#                                        growth per request, heap after a full GC, order pages and legitimate
#                                        payments during the flood (within 1 s), onPaid once
#
# Needs: the sample jar (mvn -B -DskipTests package -pl alipay-starter-sample -am; this script builds
# nothing), java 17+, jcmd, curl, psql (for the database size), python3 (a free port).
# Everything runs on 127.0.0.1. The shop does not start its embedded sandbox: its gateway is
# HostileLoad.java's notify_verify stand-in (answering "true", after GATEWAY_DELAY_MS), so that a
# notification signed with the demo key for an unpaid order pays it.
#
# Settings (environment): PG_URL (default jdbc:postgresql://127.0.0.1:5432/test; its database's size is
# measured), PG_USER (postgres), JAVA_OPTS (-Xmx512m), OUT (result directory), PORTS (three free ports
# "app gateway proxy"; default any free ones), and per scenario: SLOW_CONNECTIONS (220), DELIVERIES (200),
# ORDERS (200), CUT_AFTER (10 s after the orders exist), CUT_FOR (45), SPREAD (90 s over which deliveries
# start), REQUESTS (50000), CONCURRENCY (16), BYTES (65536).
set -euo pipefail

SCENARIO=${1:?usage: bench/hostile-load.sh slow-senders|slow-gateway|db-cut|flood}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/alipay-starter-sample/target/alipay-starter-sample-0.1.0-SNAPSHOT.jar"
TOOL="$ROOT/bench/HostileLoad.java"
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
PG_USER=${PG_USER:-postgres}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
OUT=${OUT:-$(mktemp -d /tmp/hostile-load.XXXXXX)}
PARTNER=2088101568338364
KEY=sandbox0demo0key0for0local0tests   # the sandbox's demo merchant key (SandboxMerchant.DEMO), not a secret

for tool in java jcmd curl psql python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool on the PATH" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "no $JAR: build the sample first" >&2; exit 2; }
mkdir -p "$OUT"
SUMMARY="$OUT/summary.txt"
: > "$SUMMARY"
say() { echo "$*" | tee -a "$SUMMARY"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
read -r APP_PORT GATEWAY_PORT PROXY_PORT <<<"${PORTS:-$(free_port) $(free_port) $(free_port)}"
BASE="http://127.0.0.1:$APP_PORT"

[[ "$PG_URL" =~ ^jdbc:postgresql://([^/:]+)(:([0-9]+))?/([^?]+) ]] || { echo "PG_URL must be jdbc:postgresql://host[:port]/db" >&2; exit 2; }
PG_HOST=${BASH_REMATCH[1]}; PG_PORT=${BASH_REMATCH[3]:-5432}; PG_DB=${BASH_REMATCH[4]}
db_size() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -Atc "SELECT pg_database_size(current_database())"; }
journal_size() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -Atc \
  "SELECT COALESCE(pg_total_relation_size(to_regclass('alipay_journal')), 0) || ' bytes, ' || (SELECT COUNT(*) FROM alipay_journal) || ' rows'" 2>/dev/null || echo "-"; }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -f "$OUT/cut"
}
trap cleanup EXIT

say "# hostile-load $SCENARIO $(date -u +%FT%TZ), nproc=$(nproc), $(uptime | sed 's/.*load/load/')"
say "# $(java -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS; app $APP_PORT, gateway $GATEWAY_PORT, proxy $PROXY_PORT; $PG_URL"

GATEWAY_DELAY_MS=0
[ "$SCENARIO" = slow-gateway ] && GATEWAY_DELAY_MS=10000
java "$TOOL" gateway "$GATEWAY_PORT" "$GATEWAY_DELAY_MS" >"$OUT/gateway.log" 2>&1 &
PIDS+=($!)

DS_URL="$PG_URL"
if [ "$SCENARIO" = db-cut ]; then
  java "$TOOL" proxy "$PROXY_PORT" "$PG_HOST:$PG_PORT" "$OUT/cut" >"$OUT/proxy.log" 2>&1 &
  PIDS+=($!)
  DS_URL="jdbc:postgresql://127.0.0.1:$PROXY_PORT/$PG_DB"
fi
# The pool settings docs/reliability.md recommends: a database that does not answer costs seconds, not a minute.
case "$DS_URL" in *\?*) DS_URL="$DS_URL&";; *) DS_URL="$DS_URL?";; esac
DS_URL="${DS_URL}connectTimeout=2&socketTimeout=10"

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --server.port="$APP_PORT" --server.address=127.0.0.1 \
  --sample.sandbox.enabled=false --alipay.gateway-url="http://127.0.0.1:$GATEWAY_PORT/gateway.do" \
  --alipay.partner=$PARTNER --alipay.key=$KEY \
  --alipay.notify-url="$BASE/alipay/notify" --alipay.return-url="$BASE/alipay/return" \
  --spring.datasource.url="$DS_URL" --spring.datasource.username="$PG_USER" \
  --spring.datasource.hikari.connection-timeout=1000 --spring.datasource.hikari.validation-timeout=500 \
  >"$OUT/app.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
for i in $(seq 1 180); do
  [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE/alipay/notify" || true)" = 200 ] && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $OUT/app.log" >&2; exit 1; }
  [ "$i" = 180 ] && { echo "the app did not answer within 180 s" >&2; exit 1; }
  sleep 1
done
say "# app pid $APP_PID up; log $OUT/app.log"

heap_after_gc() { jcmd "$APP_PID" GC.run >/dev/null; jcmd "$APP_PID" GC.heap_info | grep -Eo 'used [0-9]+K' | head -1; }
threads() { jcmd "$APP_PID" Thread.print 2>/dev/null | grep -c '^"' || true; }

run_tool() { java "$TOOL" "$@" 2>&1 | tee "$OUT/client.log" | grep '^RESULT' | sed 's/^RESULT //' | tee -a "$SUMMARY"; }

case "$SCENARIO" in
  slow-senders)
    run_tool slow-senders "$BASE" $PARTNER $KEY "${SLOW_CONNECTIONS:-220}"
    ;;
  slow-gateway)
    say "threads of the app before: $(threads)"
    run_tool slow-gateway "$BASE" $PARTNER $KEY "${DELIVERIES:-200}" &
    TOOL_PID=$!
    for _ in $(seq 1 600); do grep -q 'deliveries start' "$OUT/client.log" 2>/dev/null && break; sleep 0.5; done
    sleep 4
    say "threads of the app 4 s into the deliveries: $(threads)"
    wait $TOOL_PID
    say "threads of the app after: $(threads)"
    ;;
  db-cut)
    ( # cut CUT_AFTER s after the orders exist, for CUT_FOR s
      for _ in $(seq 1 600); do grep -q 'orders created' "$OUT/client.log" 2>/dev/null && break; sleep 0.5; done
      sleep "${CUT_AFTER:-10}"; touch "$OUT/cut"; sleep "${CUT_FOR:-45}"; rm -f "$OUT/cut"
    ) &
    run_tool db-cut "$BASE" $PARTNER $KEY "${ORDERS:-200}" "${SPREAD:-90}"
    grep PROXY "$OUT/proxy.log" | tee -a "$SUMMARY"
    ;;
  flood)
    say "heap after full GC before: $(heap_after_gc); database $(db_size) bytes; journal $(journal_size)"
    DB_BEFORE=$(db_size)
    run_tool flood "$BASE" $PARTNER $KEY "${REQUESTS:-50000}" "${CONCURRENCY:-16}" "${BYTES:-65536}"
    DB_AFTER=$(db_size)
    say "heap after full GC after: $(heap_after_gc); database $DB_AFTER bytes; journal $(journal_size)"
    say "database growth: $((DB_AFTER - DB_BEFORE)) bytes, $(( (DB_AFTER - DB_BEFORE) / ${REQUESTS:-50000} )) bytes per forged request"
    ;;
  *) echo "unknown scenario $SCENARIO" >&2; exit 2;;
esac
say "# done $(date -u +%FT%TZ); $(uptime | sed 's/.*load/load/'); app errors in log: $(grep -c ' ERROR ' "$OUT/app.log" || true)"
