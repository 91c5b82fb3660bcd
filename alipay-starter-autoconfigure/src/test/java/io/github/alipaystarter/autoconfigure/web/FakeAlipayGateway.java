package io.github.alipaystarter.autoconfigure.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny stand-in for the gateway's notify_verify (spec 10), on 127.0.0.1 and a free port: answers
 * {@code true} unless the notify_id was {@link #reject rejected}. Records every notify_id asked about.
 */
final class FakeAlipayGateway {

    private static final FakeAlipayGateway instance = start();

    private final HttpServer server;

    private final Set<String> rejected = ConcurrentHashMap.newKeySet();

    private final List<String> asked = new CopyOnWriteArrayList<>();

    private FakeAlipayGateway(HttpServer server) {
        this.server = server;
    }

    static FakeAlipayGateway get() {
        return instance;
    }

    private static FakeAlipayGateway start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeAlipayGateway gateway = new FakeAlipayGateway(server);
            server.createContext("/gateway.do", (exchange) -> {
                String query = exchange.getRequestURI().getRawQuery();
                String notifyId = null;
                String service = null;
                for (String pair : (query != null) ? query.split("&") : new String[0]) {
                    int eq = pair.indexOf('=');
                    String name = (eq < 0) ? pair : pair.substring(0, eq);
                    String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (name.equals("notify_id")) {
                        notifyId = value;
                    }
                    if (name.equals("service")) {
                        service = value;
                    }
                }
                String answer;
                if ("notify_verify".equals(service) && notifyId != null) {
                    gateway.asked.add(notifyId);
                    answer = gateway.rejected.contains(notifyId) ? "false" : "true";
                }
                else {
                    answer = "invalid";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.setExecutor(null);
            server.start();
            return gateway;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String url() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/gateway.do";
    }

    void reject(String notifyId) {
        this.rejected.add(notifyId);
    }

    /** Whether notify_verify was asked about {@code notifyId} (decoded once). */
    boolean wasAsked(String notifyId) {
        return this.asked.contains(notifyId);
    }

}
