import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clients (and the stand-ins) of bench/hostile-load.sh, issue 10's load scenarios, JDK only:
 * run as {@code java bench/HostileLoad.java <command> ...}.
 *
 * <pre>
 * gateway PORT DELAY_MS                       a notify_verify that answers "true" after DELAY_MS
 * proxy PORT HOST:PORT CONTROL_FILE          a TCP proxy, cut (all connections) while CONTROL_FILE exists
 * slow-senders BASE PARTNER KEY CONNECTIONS   slow connections, then a real notification
 * slow-gateway BASE PARTNER KEY DELIVERIES    concurrent deliveries to a slow gateway, pages probed
 * db-cut BASE PARTNER KEY ORDERS SECONDS      Alipay-style deliveries (resend until success)
 * flood BASE PARTNER KEY REQUESTS CONCURRENCY BYTES   forged notifications, pages and a payment probed
 * </pre>
 * Every result line starts with "RESULT".
 */
public class HostileLoad {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gateway" -> gateway(Integer.parseInt(args[1]), Long.parseLong(args[2]));
            case "proxy" -> proxy(Integer.parseInt(args[1]), args[2], java.nio.file.Path.of(args[3]));
            case "slow-senders" -> slowSenders(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "slow-gateway" -> slowGateway(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "db-cut" -> dbCut(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "flood" -> flood(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.exit(0);
    }

    static void result(String line) {
        System.out.println("RESULT " + line);
        System.out.flush();
    }

    // ---- stand-ins ----

    static void gateway(int port, long delayMillis) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        server.createContext("/gateway.do", exchange -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "true".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            try {
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException e) {
                // the caller gave up (its read timeout)
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        System.out.println("gateway on " + port + ", notify_verify answers true after " + delayMillis + " ms");
        sleepForever();
    }

    /** Forwards to HOST:PORT; while CONTROL_FILE exists every connection is cut and new ones are refused. */
    static void proxy(int port, String target, java.nio.file.Path control) throws Exception {
        String[] hp = target.split(":");
        InetSocketAddress upstream = new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
        ServerSocket server = new ServerSocket(port, 500, InetAddress.getLoopbackAddress());
        Set<Socket> open = ConcurrentHashMap.newKeySet();
        AtomicBoolean cut = new AtomicBoolean();
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Socket client = server.accept();
                    if (cut.get()) {
                        client.close();
                        continue;
                    }
                    Socket up = new Socket();
                    up.connect(upstream, 2000);
                    open.add(client);
                    open.add(up);
                    pump(client, up, open);
                    pump(up, client, open);
                } catch (IOException e) {
                    // next
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        System.out.println("proxy " + port + " -> " + target + ", cut while " + control + " exists");
        while (true) {
            boolean cutNow = java.nio.file.Files.exists(control);
            if (cutNow && !cut.get()) {
                cut.set(true);
                for (Socket s : open) {
                    s.close();
                }
                System.out.println("PROXY CUT at " + java.time.Instant.now());
            } else if (!cutNow && cut.get()) {
                cut.set(false);
                System.out.println("PROXY RESTORED at " + java.time.Instant.now());
            }
            sleep(100);
        }
    }

    static void pump(Socket from, Socket to, Set<Socket> open) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) != -1;) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // closed or cut
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // closed
                }
                open.remove(from);
                open.remove(to);
            }
        });
        t.setDaemon(true);
        t.start();
    }

    // ---- the shop ----

    /** POST /api/orders: a new UNPAID order of 0.01; its out_trade_no. */
    static String newOrder(String base) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("subject=load&totalFee=0.01")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"outTradeNo\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("order not created: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    /** GET /api/orders/{no}: status and paidCallbacks. */
    static String orderState(String base, String no) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/orders/" + no)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher s = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"").matcher(body);
        Matcher c = Pattern.compile("\"paidCallbacks\"\\s*:\\s*(\\d+)").matcher(body);
        return (s.find() ? s.group(1) : "?") + "/" + (c.find() ? c.group(1) : "?");
    }

    static final AtomicLong NOTIFY_IDS = new AtomicLong(System.nanoTime());

    /** A TRADE_SUCCESS notification for no, MD5-signed with key (spec 9), form-encoded in UTF-8. */
    static byte[] paidNotification(String partner, String key, String no, String fee) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_time", "2026-12-01 10:20:30");
        p.put("notify_type", "trade_status_sync");
        p.put("notify_id", "load" + NOTIFY_IDS.incrementAndGet());
        p.put("out_trade_no", no);
        p.put("subject", "load");
        p.put("payment_type", "1");
        p.put("trade_no", "2026120100001000" + Math.abs(no.hashCode()));
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("seller_id", partner);
        p.put("buyer_id", "2088002007018916");
        p.put("buyer_email", "buyer@example.com");
        p.put("total_fee", fee);
        p.put("gmt_payment", "2026-12-01 10:20:00");
        StringJoiner content = new StringJoiner("&");
        new TreeMap<>(p).forEach((k, v) -> content.add(k + "=" + v));
        p.put("sign", HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest((content + key).getBytes(StandardCharsets.UTF_8))));
        p.put("sign_type", "MD5");
        StringJoiner form = new StringJoiner("&");
        p.forEach((k, v) -> form.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString().getBytes(StandardCharsets.US_ASCII);
    }

    record Answer(int status, String body, long millis) {
    }

    static Answer post(String base, byte[] body) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/alipay/notify"))
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            return new Answer(-1, e.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    static Answer get(String url) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), "", (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            return new Answer(-1, e.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Probes pages every 200 ms until stopped; the slowest answer and any non-200. */
    static final class PageProbe implements AutoCloseable {
        final AtomicLong max = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger bad = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread thread;

        PageProbe(List<String> urls) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    for (String url : urls) {
                        Answer a = get(url);
                        count.incrementAndGet();
                        latencies.add(a.millis());
                        max.accumulateAndGet(a.millis(), Math::max);
                        if (a.status() != 200) {
                            bad.incrementAndGet();
                        }
                    }
                    sleep(200);
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }

        String summary() {
            return count + " page answers (" + percentiles(latencies) + "), over 1 s: "
                    + latencies.stream().filter(l -> l > 1000).count() + ", non-200: " + bad;
        }
    }

    // ---- scenarios ----

    /** A few payments and page views first, so that the figures are not those of a cold JVM. */
    static void warmUp(String base, String partner, String key) throws Exception {
        for (int i = 0; i < 20; i++) {
            post(base, paidNotification(partner, key, newOrder(base), "0.01"));
            get(base + "/");
            get(base + "/orders");
        }
    }

    /** CONNECTIONS connections each declare a 1,000-byte body, send 10 bytes and go silent; then a real notification. */
    static void slowSenders(String base, String partner, String key, int connections) throws Exception {
        warmUp(base, partner, key);
        String warm = newOrder(base);
        Answer quiet = post(base, paidNotification(partner, key, warm, "0.01"));
        result("slow-senders: without slow connections a real notification answered \"" + quiet.body() + "\" in "
                + quiet.millis() + " ms, GET / in " + get(base + "/").millis() + " ms");
        String no = newOrder(base);
        URI uri = URI.create(base);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket s = new Socket(uri.getHost(), uri.getPort());
            s.getOutputStream().write(("POST /alipay/notify HTTP/1.1\r\nHost: x\r\nContent-Type: application/"
                    + "x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nnotify_id=").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            slow.add(s);
        }
        sleep(1000);
        Answer real = post(base, paidNotification(partner, key, no, "0.01"));
        result("slow-senders: " + connections + " slow connections open; a real notification for " + no + " answered "
                + real.status() + " \"" + real.body() + "\" in " + real.millis() + " ms; order " + orderState(base, no));
        Answer page = get(base + "/");
        result("slow-senders: GET / answered " + page.status() + " in " + page.millis() + " ms");
        // How the slow connections end: answered fail by the body-read timeout, or still open.
        ExecutorService readers = Executors.newFixedThreadPool(32);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (Socket s : slow) {
            done.add(readers.submit(() -> {
                try {
                    s.setSoTimeout(60_000);
                    String answer = new String(s.getInputStream().readNBytes(4096), StandardCharsets.ISO_8859_1);
                    if (answer.endsWith("fail")) {
                        failed.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                } catch (IOException e) {
                    other.incrementAndGet();
                }
                slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        readers.shutdown();
        result("slow-senders: of the " + connections + " slow connections " + failed + " were answered fail and closed,"
                + " " + other + " otherwise (timeout or reset); the last ended " + slowest + " ms after the real notification");
    }

    /** DELIVERIES concurrent signed notifications for unpaid orders while notify_verify is slow; pages probed. */
    static void slowGateway(String base, String partner, String key, int deliveries) throws Exception {
        for (int i = 0; i < 5; i++) {
            get(base + "/");
            get(base + "/orders");
        }
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            orders.add(newOrder(base));
        }
        ExecutorService alipay = Executors.newFixedThreadPool(deliveries);
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicLong slowest = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        try (PageProbe probe = new PageProbe(List.of(base + "/", base + "/orders", base + "/orders/" + orders.get(0),
                base + "/api/orders/" + orders.get(0)))) {
            for (String no : orders) {
                byte[] body = paidNotification(partner, key, no, "0.01");
                sent.add(alipay.submit(() -> {
                    go.await();
                    Answer a = post(base, body);
                    answers.computeIfAbsent(a.status() + " " + a.body(), k -> new AtomicInteger()).incrementAndGet();
                    slowest.accumulateAndGet(a.millis(), Math::max);
                    latencies.add(a.millis());
                    return null;
                }));
            }
            sleep(500);
            result("slow-gateway: " + deliveries + " orders created; deliveries start at " + java.time.Instant.now());
            go.countDown();
            for (Future<?> f : sent) {
                f.get();
            }
            result("slow-gateway: " + deliveries + " concurrent deliveries answered " + answers + " ("
                    + percentiles(latencies) + ")");
            probe.close();
            result("slow-gateway: pages during the deliveries: " + probe.summary());
        }
        alipay.shutdown();
    }

    /** ORDERS deliveries, resent like Alipay until success (every 500 ms here), started over SECONDS. */
    static void dbCut(String base, String partner, String key, int ordersCount, int seconds) throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ordersCount; i++) {
            orders.add(newOrder(base));
        }
        result("db-cut: " + ordersCount + " orders created at " + System.currentTimeMillis());
        ExecutorService alipay = Executors.newFixedThreadPool(ordersCount);
        AtomicLong slowest = new AtomicLong();
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicInteger over5s = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<Future<?>> sent = new ArrayList<>();
        for (String no : orders) {
            long startAfter = ThreadLocalRandom.current().nextLong(0, seconds * 1000L);
            sent.add(alipay.submit(() -> {
                sleep(startAfter);
                byte[] body = paidNotification(partner, key, no, "0.01");
                for (int attempt = 0; attempt < 2000; attempt++) {
                    Answer a = post(base, body);
                    answers.computeIfAbsent(a.status() + " " + a.body(), k -> new AtomicInteger()).incrementAndGet();
                    slowest.accumulateAndGet(a.millis(), Math::max);
                    latencies.add(a.millis());
                    if (a.millis() > 5000) {
                        over5s.incrementAndGet();
                    }
                    if (a.body().equals("success")) {
                        return null;
                    }
                    sleep(500);
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        alipay.shutdown();
        Map<String, Integer> states = new TreeMap<>();
        for (String no : orders) {
            states.merge(orderState(base, no), 1, Integer::sum);
        }
        result("db-cut: answers " + answers + " (" + percentiles(latencies) + "); answers over 5 s: " + over5s);
        result("db-cut: orders after (status/paidCallbacks): " + states);
    }

    /** REQUESTS forged notifications of BYTES naming a real order, CONCURRENCY at a time; pages and a payment probed. */
    static void flood(String base, String partner, String key, int requests, int concurrency, int bytes) throws Exception {
        warmUp(base, partner, key);
        String named = newOrder(base);
        // The forged body: the named order, a wrong signature, padded with a parameter up to BYTES.
        byte[] start = new String(paidNotification(partner, "0123456789abcdef0123456789abcdef", named, "0.01"),
                StandardCharsets.US_ASCII).concat("&padding=").getBytes(StandardCharsets.US_ASCII);
        byte[] forged = Arrays.copyOf(start, Math.max(bytes, start.length));
        // Random letters and digits: a body the database cannot compress (a run of one letter shrinks to nothing).
        Random random = new Random(10);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = start.length; i < forged.length; i++) {
            forged[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        AtomicInteger next = new AtomicInteger();
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService attackers = Executors.newFixedThreadPool(concurrency);
        long began = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        List<String> payments = Collections.synchronizedList(new ArrayList<>());
        try (PageProbe probe = new PageProbe(List.of(base + "/orders/" + named, base + "/api/orders/" + named,
                base + "/orders"))) {
            for (int t = 0; t < concurrency; t++) {
                running.add(attackers.submit(() -> {
                    while (next.getAndIncrement() < requests) {
                        Answer a = post(base, forged);
                        answers.computeIfAbsent(a.status() + " " + a.body(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            // A legitimate payment every 10 s during the flood.
            while (running.stream().anyMatch(f -> !f.isDone())) {
                String no = newOrder(base);
                Answer paid = post(base, paidNotification(partner, key, no, "0.01"));
                payments.add(no + " answered \"" + paid.body() + "\" in " + paid.millis() + " ms, order " + orderState(base, no));
                for (int i = 0; i < 50 && running.stream().anyMatch(f -> !f.isDone()); i++) {
                    sleep(200);
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
            probe.close();
            long secs = Math.max(1, (System.nanoTime() - began) / 1_000_000_000);
            result("flood: " + requests + " forged notifications of " + forged.length + " bytes naming " + named + " in "
                    + secs + " s (" + (requests / secs) + "/s), answers " + answers);
            result("flood: order pages during the flood: " + probe.summary());
            payments.forEach(p -> result("flood: legitimate payment " + p));
            result("flood: named order after: " + orderState(base, named));
        }
        attackers.shutdown();
    }

    /** "p50 a ms, p95 b ms, max c ms" of the latencies. */
    static String percentiles(java.util.Collection<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        if (sorted.isEmpty()) {
            return "none";
        }
        Collections.sort(sorted);
        return "p50 " + sorted.get(sorted.size() / 2) + " ms, p95 " + sorted.get((int) Math.min(sorted.size() - 1,
                Math.ceil(sorted.size() * 0.95) - 1)) + " ms, max " + sorted.get(sorted.size() - 1) + " ms";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepForever() {
        while (true) {
            sleep(60_000);
        }
    }
}
