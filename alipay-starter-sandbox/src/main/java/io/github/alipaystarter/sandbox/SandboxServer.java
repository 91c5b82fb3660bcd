package io.github.alipaystarter.sandbox;

import static io.github.alipaystarter.sandbox.HttpAnswers.html;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The sandbox's HTTP server (the JDK's): routes {@code /gateway.do} to the gateway, {@code /cashier/*}
 * to the cashier, and {@code /} with {@code /console/*} to the console page; a failure becomes a 500 page.
 */
final class SandboxServer {

    private static final System.Logger LOG = System.getLogger(AlipaySandbox.class.getName());

    private final AlipaySandbox sandbox;
    private final ConsoleEvents events;
    private final GatewayHandler gateway;
    private final CashierHandler cashier;
    private final HttpServer server;
    private final URI baseUrl;

    SandboxServer(AlipaySandbox sandbox, ConsoleEvents events, GatewayHandler gateway, CashierHandler cashier,
            String bindAddress, int port, Executor executor) throws IOException {
        this.sandbox = sandbox;
        this.events = events;
        this.gateway = gateway;
        this.cashier = cashier;
        InetAddress address = InetAddress.getByName(bindAddress);
        this.server = HttpServer.create(new InetSocketAddress(address, port), 64);
        this.server.setExecutor(executor);
        this.server.createContext("/", this::handle);
        this.server.start();
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        this.baseUrl = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    }

    URI baseUrl() {
        return baseUrl;
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/gateway.do" -> gateway.handle(exchange);
                case "/cashier/pay" -> cashier.pay(exchange);
                case "/cashier/cancel" -> cashier.cancel(exchange);
                case "/cashier/return" -> cashier.returnToMerchant(exchange);
                case "/", "/index.html" -> console(exchange);
                case "/console/resend", "/console/refund", "/console/close", "/console/finish" -> consoleAction(exchange, path);
                default -> html(exchange, 404, Pages.message("404", "没有这个页面 · No such page: " + Pages.escape(path)));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox error on " + exchange.getRequestURI().getPath(), e);
            try {
                html(exchange, 500, Pages.message("SYSTEM_ERROR", "沙箱内部错误 · Sandbox error: " + Pages.escape(e.toString())));
            } catch (IOException | RuntimeException ignored) {
                // the answer may have been started already
            }
        }
    }

    private void console(HttpExchange exchange) throws IOException {
        Map<String, String> query;
        try {
            query = SandboxCodec.decodeForm(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        } catch (SandboxCodec.MalformedFormException e) {
            query = Map.of();
        }
        html(exchange, 200, ConsolePage.render(sandbox, events, query.get("message"), query.containsKey("error")));
    }

    private void consoleAction(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            exchange.getResponseHeaders().add("Allow", "POST");
            html(exchange, 405, Pages.message("405", "POST only"));
            return;
        }
        ConsolePage.Result r = ConsolePage.act(sandbox, path.substring("/console/".length()), HttpAnswers.readForm(exchange));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("message", r.message());
        if (r.error()) {
            q.put("error", "1");
        }
        HttpAnswers.redirect(exchange, 303, "/?" + SandboxCodec.encodeForm(q, StandardCharsets.UTF_8));
    }
}
