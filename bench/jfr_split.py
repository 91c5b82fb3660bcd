#!/usr/bin/env python3
"""Where the sample's CPU goes, from a JFR recording made by notify-load.sh with JFR=1.

  jfr_split.py RECORDING.jfr

Reads the jdk.ExecutionSample events (`jfr print`, stack depth 128) and puts each sample into the first
category of PRIORITY that one of its frames belongs to, so that e.g. H2 work done for the journal counts
as journal. Prints the share of each category among all samples of Java threads.
"""
import collections
import re
import subprocess
import sys

CATEGORIES = [
    ("journal (starter, incl. its DB work)", r"\.(JdbcNotificationJournal|InMemoryNotificationJournal)\."),
    ("ledger (starter, incl. its DB work)", r"\.JdbcPaymentLedger\."),
    ("onPaid handler (sample, incl. DB)", r"\.sample\.order\."),
    ("notify_verify HTTP call (starter)", r"\.HttpAlipayGateway\.|jdk\.internal\.net\.http\."),
    ("signature (starter)", r"\.(CanonicalBytes|CanonicalContent|Md5Signer|AlipaySigner)\."),
    ("form decoding (starter)", r"\.notify\.FormData\."),
    ("parsing (starter)", r"\.NotificationParser\.|\.TradeNotification\."),
    ("processor, other (starter)", r"\.NotificationProcessor\.|\.NotificationVerifier\.|\.NotificationCheck"),
    ("notify servlet, other (starter)", r"\.AlipayNotifyServlet\."),
    ("bare endpoint", r"\.BareEndpointApplication"),
    ("Spring MVC / filters", r"org\.springframework\.web\."),
    ("Tomcat (HTTP, connector)", r"org\.apache\.(catalina|coyote|tomcat)\."),
    ("logging", r"ch\.qos\.logback|org\.slf4j|org\.apache\.commons\.logging"),
    ("database driver, other", r"org\.h2\.|org\.postgresql\.|com\.zaxxer\."),
]


def main():
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "128", sys.argv[1]],
                          capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    total = 0
    for event in text.split("jdk.ExecutionSample {")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
        total += 1
        for name, pattern in CATEGORIES:
            if any(re.search(pattern, f) for f in frames):
                counts[name] += 1
                break
        else:
            counts["other (JIT-compiled JDK code, GC helpers, idle loops)"] += 1
    print("%d execution samples in %s" % (total, sys.argv[1]))
    for name, n in counts.most_common():
        print("%5.1f %%  %s" % (100.0 * n / max(total, 1), name))


if __name__ == "__main__":
    main()
