package io.github.alipaystarter.core.protocol.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server on 127.0.0.1 and a free port, standing in for the gateway in one test. */
final class LocalHttpServer implements AutoCloseable {

    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** Every request's path and raw (still encoded) query, in arrival order. */
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> rawQueries = new CopyOnWriteArrayList<>();
    /** The client's port of every request: one port for several requests means a reused connection. */
    final List<Integer> remotePorts = new CopyOnWriteArrayList<>();
    volatile Responder responder = exchange -> send(exchange, 200, "text/plain", "true", StandardCharsets.UTF_8);

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getRawPath());
            rawQueries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
            remotePorts.add(exchange.getRemoteAddress().getPort());
            try {
                responder.respond(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(pool);
        server.start();
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do";
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static void send(HttpExchange exchange, int status, String contentType, String body, Charset charset) throws IOException {
        send(exchange, status, contentType, body.getBytes(charset));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow(); // interrupts handlers still sleeping in a slow-answer test
    }
}
