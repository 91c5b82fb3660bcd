package io.github.alipaystarter.autoconfigure.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny forward HTTP proxy for plain-http targets, on 127.0.0.1 and a free port: takes absolute-form GET
 * requests ({@code GET http://host:port/path?query HTTP/1.1}), sends them on with a client of its own (no
 * proxy) and copies the answer back. Records what went through.
 */
final class TinyHttpProxy implements AutoCloseable {

    /** One request that went through: the absolute URI and the headers the client sent. */
    record Forwarded(URI uri, String shopHeader) {
    }

    private final HttpServer server;
    private final HttpClient onward = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();

    TinyHttpProxy() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/", this::forward);
        this.server.setExecutor(Executors.newFixedThreadPool(4));
        this.server.start();
    }

    InetSocketAddress address() {
        return this.server.getAddress();
    }

    List<Forwarded> forwarded() {
        return this.forwarded;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = exchange.getRequestURI();
            if (!target.isAbsolute() || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            this.forwarded.add(new Forwarded(target, exchange.getRequestHeaders().getFirst("X-Shop")));
            HttpResponse<byte[]> answer;
            try {
                answer = this.onward.send(HttpRequest.newBuilder(target).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            answer.headers().firstValue("Content-Type")
                .ifPresent((type) -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
        ((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
    }
}
