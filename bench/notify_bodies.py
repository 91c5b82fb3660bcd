#!/usr/bin/env python3
"""Signed notification bodies for bench/notify-load.sh, made without the starter's code.

A realistic TRADE_SUCCESS notification of spec 6.2/6.3: 23 parameters plus sign and sign_type, a
Chinese subject and body, utf-8. Signed as spec 9 says: every parameter but sign and sign_type with
a non-empty value, sorted by name, joined as k=v with &, md5 over that string followed by the key,
utf-8 bytes; values percent-encoded in utf-8.

  notify_bodies.py KEY PARTNER FEE ORDERS_FILE OUT_FILE [forge]
writes one body per order number (one per line of ORDERS_FILE) to OUT_FILE; with "forge" the bodies
are signed with another key.
"""
import hashlib
import sys
import time
import urllib.parse


def body(key, partner, fee, out_trade_no, serial):
    now = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + 8 * 3600))
    p = {
        "notify_time": now,
        "notify_type": "trade_status_sync",
        "notify_id": "bench%012dnotifyid%s" % (serial, out_trade_no[-6:]),
        "out_trade_no": out_trade_no,
        "subject": "测试商品 Bench order",
        "payment_type": "1",
        "trade_no": "2026120100%016d" % serial,
        "trade_status": "TRADE_SUCCESS",
        "seller_id": partner,
        "seller_email": "shop@example.com",
        "buyer_id": "2088002007013600",
        "buyer_email": "buyer@example.com",
        "total_fee": fee,
        "quantity": "1",
        "price": fee,
        "body": "一件测试商品",
        "gmt_create": now,
        "gmt_payment": now,
        "is_total_fee_adjust": "N",
        "use_coupon": "N",
        "discount": "0.00",
        "extra_common_param": "bench",
        "buyer_actions": "",
    }
    canonical = "&".join("%s=%s" % (k, p[k]) for k in sorted(p) if p[k] != "")
    sign = hashlib.md5((canonical + key).encode("utf-8")).hexdigest()
    encoded = "&".join("%s=%s" % (k, urllib.parse.quote(v, safe="-_.~")) for k, v in p.items())
    return encoded + "&sign=" + sign + "&sign_type=MD5"


def main():
    key, partner, fee, orders_file, out_file = sys.argv[1:6]
    if len(sys.argv) > 6 and sys.argv[6] == "forge":
        key = "not-the-merchant-key-0000000000"
    with open(orders_file) as f:
        orders = [line.strip() for line in f if line.strip()]
    with open(out_file, "w") as out:
        for serial, no in enumerate(orders):
            out.write(body(key, partner, fee, no, serial + int(time.time() * 1000) % 10**9 * 1000) + "\n")


if __name__ == "__main__":
    main()
