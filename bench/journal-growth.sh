#!/usr/bin/env bash
# How much the notification journal grows per forged notification (issue 10: "the database grows by at
# most 500 bytes per forged request on average"), measured on PostgreSQL against a running sample shop.
#
# Needs: a running sample on PostgreSQL, curl, psql, python3. Start the sample first, for example:
#   mvn -B -o -pl alipay-starter-sample -am -DskipTests package
#   java -Xmx512m -jar alipay-starter-sample/target/alipay-starter-sample-0.1.0-SNAPSHOT.jar --server.port=18600 \
#     --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/wt_journal --spring.datasource.username=postgres
#
# What it does:
#   1. creates an order (POST /api/orders), so the forgeries name a real out_trade_no;
#   2. reads pg_total_relation_size (table + TOAST + indexes) of {prefix}journal and
#      {prefix}journal_rejected, and their row counts;
#   3. posts N forged notifications of SIZE bytes each (a complete TRADE_SUCCESS notification for that
#      order with a wrong MD5 sign, padded with an extra parameter), over keep-alive connections from
#      CLIENTS threads, and checks that every answer is exactly "fail";
#   4. reads the sizes and counts again and prints the growth per forged request, the rows written
#      (compact rejected rows within alipay.journal.rejected-per-minute, plus one summary row per
#      minute), the order's own journal (must stay empty) and the order page's status and time.
#
# Settings (environment): BASE (default http://127.0.0.1:18600), N (default 3000), SIZE (default 65000,
# under the default alipay.web.max-body-size of 64KB), CLIENTS (default 4), PREFIX (table prefix,
# default alipay_), PSQL (default "psql -h 127.0.0.1 -U postgres -d wt_journal").
set -euo pipefail

BASE=${BASE:-http://127.0.0.1:18600}
N=${N:-3000}
SIZE=${SIZE:-65000}
CLIENTS=${CLIENTS:-4}
PREFIX=${PREFIX:-alipay_}
PSQL=${PSQL:-"psql -h 127.0.0.1 -U postgres -d wt_journal"}

for tool in curl psql python3; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done

size_sql="SELECT pg_total_relation_size('${PREFIX}journal') + pg_total_relation_size('${PREFIX}journal_rejected'),
  (SELECT COUNT(*) FROM ${PREFIX}journal), (SELECT COUNT(*) FROM ${PREFIX}journal_rejected),
  (SELECT COALESCE(SUM(deliveries), 0) FROM ${PREFIX}journal_rejected)"

no=$(curl -fsS -X POST --data-urlencode 'subject=forgery target' --data 'totalFee=0.01' "$BASE/api/orders" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["outTradeNo"])')
echo "order $no"

read -r bytes0 rows0 rejected0 counted0 < <($PSQL -AtF ' ' -c "$size_sql")

python3 - "$BASE" "$no" "$N" "$SIZE" "$CLIENTS" <<'PY'
import http.client, sys, threading, time, urllib.parse
base, no, n, size, clients = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
u = urllib.parse.urlsplit(base)
params = {
    "notify_time": "2026-11-26 10:15:30", "notify_type": "trade_status_sync",
    "notify_id": "forged0notify0id0" + no, "sign_type": "MD5", "sign": "0" * 32,
    "out_trade_no": no, "subject": "forgery target", "payment_type": "1", "trade_no": "2026112621001004" + "0" * 12,
    "trade_status": "TRADE_SUCCESS", "seller_id": "2088101568338364", "total_fee": "0.01",
    "buyer_id": "2088102146225135", "buyer_email": "attacker@example.com",
}
body = urllib.parse.urlencode(params)
body = (body + "&padding=" + "A" * max(0, size - len(body) - 9)).encode("ascii")
assert len(body) == size, len(body)
lock = threading.Lock()
state = {"sent": 0, "bad": 0}
def worker():
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    while True:
        with lock:
            if state["sent"] >= n:
                break
            state["sent"] += 1
        c.request("POST", "/alipay/notify", body, {"Content-Type": "application/x-www-form-urlencoded"})
        r = c.getresponse()
        answer = r.read()
        if r.status != 200 or answer != b"fail":
            with lock:
                state["bad"] += 1
    c.close()
t0 = time.time()
threads = [threading.Thread(target=worker) for _ in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
took = time.time() - t0
print(f"posted {n} forged notifications of {size} bytes in {took:.1f} s ({n / took:.0f}/s); answers other than 200 'fail': {state['bad']}")
if state["bad"]:
    sys.exit(1)
PY

read -r bytes1 rows1 rejected1 counted1 < <($PSQL -AtF ' ' -c "$size_sql")
order_rows=$($PSQL -At -c "SELECT COUNT(*) FROM ${PREFIX}journal WHERE out_trade_no = '$no'")
page=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$BASE/orders/$no")

growth=$((bytes1 - bytes0))
echo "journal tables: $bytes0 -> $bytes1 bytes (+$growth)"
echo "rows: verified $rows0 -> $rows1, rejected $rejected0 -> $rejected1 (deliveries they stand for: $counted0 -> $counted1)"
echo "rows filed under the forged order's out_trade_no: $order_rows"
echo "order page: HTTP ${page% *} in ${page#* } s"
python3 -c "print(f'growth per forged request: {$growth / $N:.1f} bytes (N={$N}, SIZE={$SIZE})')"
