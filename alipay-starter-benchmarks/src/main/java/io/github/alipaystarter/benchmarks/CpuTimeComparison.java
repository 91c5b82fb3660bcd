package io.github.alipaystarter.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The operations of {@link SideBySideBenchmark}, timed by the CPU time of the measuring thread
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}) rather than by the wall clock, in many short rounds
 * with the operations in a new random order each round: on a machine shared with other busy processes
 * the wall clock mostly measures waiting for a core, the thread's CPU time much less so (caches and
 * frequency are still shared). Prints, per charset and operation, the median ns/op with the
 * interquartile range and the fastest round, then the ratios the starter's performance targets
 * (see {@code SideBySideBenchmark}) are about, each
 * computed per round (so both sides of a ratio saw the same machine) and summarised by its median.
 *
 * <p>Run: {@code java -cp alipay-starter-benchmarks/target/benchmarks.jar
 * io.github.alipaystarter.benchmarks.CpuTimeComparison [rounds] [opsPerRound]} (defaults 40, 20000).
 * JMH ({@code java -jar benchmarks.jar SideBySide}) is the reference on a quiet machine.
 */
public final class CpuTimeComparison {

    private static volatile int sink;

    private CpuTimeComparison() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        System.out.printf(Locale.ROOT, "# CpuTimeComparison: %d rounds of %d operations each; %s %s; %d cpus%n", rounds,
                ops, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (String charset : new String[] {"utf-8", "gbk"}) {
            SideBySideBenchmark b = new SideBySideBenchmark();
            b.charset = charset;
            b.setUp();
            Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
            operations.put("rawMd5Request", b::rawMd5Request);
            operations.put("demoSignRequest", b::demoSignRequest);
            operations.put("starterSignRequest", b::starterSignRequest);
            operations.put("rawMd5Notification", b::rawMd5Notification);
            operations.put("demoVerify", b::demoVerify);
            operations.put("starterVerify", b::starterVerify);
            operations.put("starterVerifyDecoded", b::starterVerifyDecoded);
            operations.put("naiveDecodeAndVerify", b::naiveDecodeAndVerify);
            operations.put("starterDecodeAndVerify", b::starterDecodeAndVerify);

            // warm-up: every operation, long enough for C2
            for (int w = 0; w < 5; w++) {
                for (Supplier<Object> op : operations.values()) {
                    run(op, ops);
                }
            }
            Map<String, double[]> perOp = new LinkedHashMap<>();
            operations.keySet().forEach(k -> perOp.put(k, new double[rounds]));
            List<String> order = new ArrayList<>(operations.keySet());
            Random random = new Random(12);
            for (int r = 0; r < rounds; r++) {
                Collections.shuffle(order, random);
                for (String name : order) {
                    Supplier<Object> op = operations.get(name);
                    long start = threads.getCurrentThreadCpuTime();
                    run(op, ops);
                    perOp.get(name)[r] = (threads.getCurrentThreadCpuTime() - start) / (double) ops;
                }
            }
            System.out.printf(Locale.ROOT, "%n## %s: CPU ns/op, median [p25, p75], fastest round%n", charset);
            perOp.forEach((name, v) -> {
                double[] s = v.clone();
                Arrays.sort(s);
                System.out.printf(Locale.ROOT, "%-24s %9.0f [%7.0f, %7.0f]  min %7.0f%n", name, pct(s, 50), pct(s, 25),
                        pct(s, 75), s[0]);
            });
            System.out.printf(Locale.ROOT, "## %s: ratios, median of per-round ratios [p25, p75], and target%n", charset);
            // the target: the map the notify endpoint verifies, as FormData.decode gives it
            ratio(perOp, "starterVerifyDecoded", "rawMd5Notification", "<= 1.5", charset);
            // the same for an ordinary map built by the caller (LinkedHashMap), for information
            ratio(perOp, "starterVerify", "rawMd5Notification", "(none)", charset);
            ratio(perOp, "starterVerify", "demoVerify", "<= 0.5", charset);
            ratio(perOp, "starterSignRequest", "rawMd5Request", "(none)", charset);
            ratio(perOp, "starterSignRequest", "demoSignRequest", "<= 0.5", charset);
            ratio(perOp, "starterDecodeAndVerify", "naiveDecodeAndVerify", "< 1", charset);
        }
    }

    private static void ratio(Map<String, double[]> perOp, String a, String b, String target, String charset) {
        double[] x = perOp.get(a);
        double[] y = perOp.get(b);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] / y[i];
        }
        Arrays.sort(r);
        double median = pct(r, 50);
        String verdict = target.equals("(none)") ? ""
                : target.startsWith("<=") ? (median <= Double.parseDouble(target.substring(3)) ? "MET" : "NOT MET")
                : (median < Double.parseDouble(target.substring(2)) ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "RATIO %s %s / %s = %.2f [%.2f, %.2f] target %s %s%n", charset, a, b, median,
                pct(r, 25), pct(r, 75), target, verdict);
    }

    private static double pct(double[] sorted, int p) {
        double pos = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static void run(Supplier<Object> op, int n) {
        int h = 0;
        for (int i = 0; i < n; i++) {
            h += System.identityHashCode(op.get());
        }
        sink += h;
    }
}
