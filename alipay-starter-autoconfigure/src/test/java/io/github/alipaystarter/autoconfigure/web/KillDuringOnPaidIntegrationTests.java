package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.jdbc.JdbcPaymentLedger;
import io.github.alipaystarter.core.store.LedgerStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code kill -9} while onPaid runs (issue 10): the starter runs in a child JVM ({@link KillableShop})
 * against PostgreSQL; the notification reaches onPaid, which has written its row and waits; the test
 * kills the process with SIGKILL ({@link Process#destroyForcibly()}). Alipay got no answer, so it sends
 * again: after a restart the resend is answered {@code success} and the trade is paid exactly once (one
 * row of onPaid, PAID in the ledger), and a further resend changes nothing.
 */
class KillDuringOnPaidIntegrationTests {

    private static final String PREFIX = AbstractJdbcEndpointIntegrationTests.randomPrefix();

    private static final String URL = PostgreSqlJdbcEndpointIntegrationTests.URL;

    private static final String USER = PostgreSqlJdbcEndpointIntegrationTests.USER;

    private static final FakeAlipayGateway gateway = FakeAlipayGateway.get();

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port\\D*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        this.children.forEach(Process::destroyForcibly);
    }

    @AfterAll
    static void dropTables() throws Exception {
        AbstractJdbcEndpointIntegrationTests.dropTables(URL, USER, PREFIX);
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + PREFIX + "paid");
        }
    }

    @Test
    void theResendAfterAKillDuringOnPaidPaysExactlyOnce() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + PREFIX + "paid (out_trade_no VARCHAR(64) NOT NULL)");
        }
        Shop first = start(true);
        String no = TestNotifications.newOutTradeNo();
        JdbcPaymentLedger ledger = ledger();
        ledger.record(no, new BigDecimal("45.60"), TestNotifications.SUBJECT);
        byte[] body = TestNotifications.formBody(TestNotifications.signed(TestNotifications.paid(no, "45.60"),
                TestNotifications.KEY, StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        CompletableFuture<HttpResponse<String>> unanswered = this.http.sendAsync(notify(first.port(), body),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.awaitLine(KillableShop.ENTERED + " " + no, Duration.ofSeconds(60)))
            .as("onPaid entered in the child").isTrue();
        assertThat(paidRows(no)).as("onPaid's row is not committed while onPaid runs").isZero();
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).as("exit status of SIGKILL").isEqualTo(137);
        assertThat(unanswered).failsWithin(Duration.ofSeconds(30));

        assertThat(paidRows(no)).as("rows of onPaid after the kill").isZero();
        assertThat(ledger.find(no)).hasValueSatisfying((e) -> assertThat(e.status()).isEqualTo(LedgerStatus.UNPAID));

        Shop second = start(false);
        assertThat(this.http.send(notify(second.port(), body), HttpResponse.BodyHandlers.ofString()).body())
            .isEqualTo("success");
        assertThat(this.http.send(notify(second.port(), body), HttpResponse.BodyHandlers.ofString()).body())
            .isEqualTo("success");

        assertThat(paidRows(no)).as("rows of onPaid after the resends").isEqualTo(1);
        assertThat(ledger.find(no)).hasValueSatisfying((e) -> assertThat(e.status()).isEqualTo(LedgerStatus.PAID));
    }

    private HttpRequest notify(int port, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alipay/notify"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    }

    private static JdbcPaymentLedger ledger() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(URL, USER, "");
        return new JdbcPaymentLedger(dataSource, new DataSourceTransactionManager(dataSource), PREFIX);
    }

    private static int paidRows(String no) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, "");
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + PREFIX + "paid WHERE out_trade_no = ?")) {
            s.setString(1, no);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A child JVM running {@link KillableShop} on the test class path; its output read line by line. */
    private Shop start(boolean holdOnPaid) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), KillableShop.class.getName(),
                "--server.port=0", "--spring.datasource.url=" + URL, "--spring.datasource.username=" + USER,
                "--alipay.jdbc.initialize-schema=always", "--alipay.jdbc.table-prefix=" + PREFIX,
                "--alipay.partner=" + TestNotifications.PARTNER, "--alipay.key=" + TestNotifications.KEY,
                "--alipay.gateway-url=" + gateway.url(), "--alipay.notify-url=http://127.0.0.1:8080/alipay/notify",
                "--shop.paid-table=" + PREFIX + "paid", "--shop.hold-on-paid=" + holdOnPaid,
                // Boot 3.5 auto-configures Flyway when its jars are on the class path (here for another test)
                "--spring.flyway.enabled=false", "--spring.main.banner-mode=off");
        assertThat(Files.isExecutable(java)).isTrue();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        this.children.add(process);
        Shop shop = new Shop(process);
        int port = shop.awaitPort(Duration.ofSeconds(120));
        assertThat(port).as("port of the child shop").isPositive();
        return shop;
    }

    private static final class Shop {

        private final Process process;

        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Shop(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null;) {
                        this.lines.add(line);
                    }
                }
                catch (Exception ex) {
                    // the process died
                }
            }, "killable-shop-output");
            reader.setDaemon(true);
            reader.start();
        }

        Process process() {
            return this.process;
        }

        private volatile int port = -1;

        int port() {
            return this.port;
        }

        int awaitPort(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = this.lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        this.port = Integer.parseInt(m.group(1));
                        return this.port;
                    }
                }
                else if (!this.process.isAlive()) {
                    return -1;
                }
            }
            return -1;
        }

        boolean awaitLine(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = this.lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.contains(expected)) {
                    return true;
                }
            }
            return false;
        }

    }

}
