package io.github.alipaystarter.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A tiny local HTTP server playing the merchant's notify_url. */
final class MerchantServer implements AutoCloseable {

    /** One notification as the merchant received it. */
    record Received(long nanoTime, byte[] body, String contentType, String method) {
        String bodyAscii() {
            return new String(body, StandardCharsets.US_ASCII);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, String> answer = r -> "success";

    MerchantServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "merchant");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/notify", exchange -> {
            Received r = new Received(System.nanoTime(), exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestMethod());
            received.add(r);
            byte[] out = answer.apply(r).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    /** What the merchant answers each notification with (the body). */
    MerchantServer answering(Function<Received, String> answer) {
        this.answer = answer;
        return this;
    }

    URI notifyUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notify");
    }

    URI returnUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/return");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
