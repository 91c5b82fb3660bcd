package io.github.alipaystarter.core.protocol.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpAlipayGatewayTests {

    static final String PARTNER = "2088101568338364";
    static final String KEY = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";
    static final Charset GBK = Charset.forName("GBK");

    LocalHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    AlipayConfig config(UnaryOperator<AlipayConfig.Builder> customizer) {
        return customizer.apply(AlipayConfig.builder().partner(PARTNER).key(KEY).gatewayUrl(server.gatewayUrl())
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10))).build();
    }

    HttpAlipayGateway gateway(UnaryOperator<AlipayConfig.Builder> customizer) {
        AlipayConfig config = config(customizer);
        return new HttpAlipayGateway(config, AlipaySigner.forConfig(config));
    }

    HttpAlipayGateway gateway() {
        return gateway(b -> b);
    }

    void answer(int status, String contentType, String body) {
        server.responder = ex -> LocalHttpServer.send(ex, status, contentType, body, StandardCharsets.UTF_8);
    }

    void answerXml(String xml) {
        answer(200, "text/xml; charset=utf-8", xml);
    }

    /** Decodes a raw query the way a server would, independently of the code under test. */
    static Map<String, String> decodeQuery(String rawQuery, Charset charset) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), charset), URLDecoder.decode(pair.substring(eq + 1), charset));
        }
        return out;
    }

    // ---- notify_verify ----

    @ParameterizedTest
    @CsvSource({"true, TRUE", "false, FALSE", "invalid, INVALID", "'true\r\n', TRUE", "' false ', FALSE",
            "'<html>error</html>', OTHER", "TRUE, OTHER"})
    void notifyVerifyReadsTheAnswer(String body, NotifyVerifyAnswer expected) {
        answer(200, "text/plain", body);

        assertThat(gateway().verifyNotifyId("70fec0c2730b27528665af4517c27b95")).isEqualTo(expected);
    }

    @Test
    void notifyVerifyIsAGetWithServicePartnerAndNotifyId() {
        answer(200, "text/plain", "true");

        gateway().verifyNotifyId("70fec0c2730b27528665af4517c27b95");

        assertThat(server.paths).containsExactly("/gateway.do");
        assertThat(server.rawQueries).containsExactly(
                "service=notify_verify&partner=2088101568338364&notify_id=70fec0c2730b27528665af4517c27b95");
    }

    @Test
    void notifyIdContainingPercent2FIsEncodedExactlyOnce() {
        answer(200, "text/plain", "true");

        gateway().verifyNotifyId("abc%2Fdef");

        assertThat(server.rawQueries.get(0)).endsWith("&notify_id=abc%252Fdef");
        assertThat(decodeQuery(server.rawQueries.get(0), StandardCharsets.UTF_8)).containsEntry("notify_id", "abc%2Fdef");
    }

    @Test
    void notifyIdOfSpec10GoesOutAsInTheSpecsExampleLink() {
        answer(200, "text/plain", "true");

        gateway().verifyNotifyId("RqPnCoPT3K9%2Fvwbh3I%2BFioE227%2BPfNMl8jwyZqMIiXQWxhOCmQ5MQO%2FWd93rvCB%2BaiGg");

        // spec 10: ...&notify_id=RqPnCoPT3K9%252Fvwbh3I%252BFioE227%252BPfNMl8jwyZqMIiXQWxhOCmQ5MQO%252FWd93rvCB%252BaiGg
        assertThat(server.rawQueries.get(0)).endsWith(
                "&notify_id=RqPnCoPT3K9%252Fvwbh3I%252BFioE227%252BPfNMl8jwyZqMIiXQWxhOCmQ5MQO%252FWd93rvCB%252BaiGg");
    }

    @Test
    void notifyIdWithPlusAndSpaceIsNotConfusedWithFormEncoding() {
        answer(200, "text/plain", "true");

        gateway().verifyNotifyId("a+b c/d=");

        assertThat(server.rawQueries.get(0)).endsWith("&notify_id=a%2Bb%20c%2Fd%3D");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 404, 400})
    void httpErrorStatusIsGatewayUnavailable(int status) {
        answer(status, "text/html", "<html>error</html>");

        assertThatThrownBy(() -> gateway().verifyNotifyId("abc"))
                .isInstanceOf(GatewayUnavailableException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("notify_verify");
    }

    @Test
    void redirectIsNotFollowedAndIsAnUnreadableAnswer() {
        server.responder = ex -> {
            ex.getResponseHeaders().set("Location", server.url("/elsewhere"));
            LocalHttpServer.send(ex, 302, "text/plain", new byte[0]);
        };

        assertThatThrownBy(() -> gateway().verifyNotifyId("abc")).isInstanceOf(GatewayResponseException.class);
        assertThat(server.paths).containsExactly("/gateway.do");
    }

    @Test
    void reusesOneConnectionForCallsOneAfterAnother() {
        HttpAlipayGateway gateway = gateway();

        for (int i = 0; i < 5; i++) {
            assertThat(gateway.verifyNotifyId("id-" + i)).isEqualTo(NotifyVerifyAnswer.TRUE);
        }

        assertThat(server.remotePorts).hasSize(5);
        assertThat(new java.util.HashSet<>(server.remotePorts)).as("client ports of 5 sequential calls").hasSize(1);
    }

    @Test
    void manyConcurrentCallsToASlowGatewayUseAFixedNumberOfClientThreads() throws Exception {
        server.responder = ex -> {
            Thread.sleep(300);
            LocalHttpServer.send(ex, 200, "text/plain", "true", StandardCharsets.UTF_8);
        };
        HttpAlipayGateway gateway = gateway();
        int calls = 40;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(calls);
        try {
            List<java.util.concurrent.Future<NotifyVerifyAnswer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String id = "id-" + i;
                answers.add(callers.submit(() -> gateway.verifyNotifyId(id)));
            }
            for (java.util.concurrent.Future<NotifyVerifyAnswer> answer : answers) {
                assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(NotifyVerifyAnswer.TRUE);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(gateway.executor().getLargestPoolSize()).as("threads the client ever had")
                .isBetween(1, HttpAlipayGateway.EXECUTOR_THREADS);
    }

    @Test
    void answerSlowerThanTheReadTimeoutIsGatewayUnavailable() {
        server.responder = ex -> {
            Thread.sleep(2000);
            LocalHttpServer.send(ex, 200, "text/plain", "true", StandardCharsets.UTF_8);
        };
        HttpAlipayGateway gateway = gateway(b -> b.readTimeout(Duration.ofMillis(200)));

        assertThatThrownBy(() -> gateway.verifyNotifyId("abc"))
                .isInstanceOf(GatewayUnavailableException.class)
                .hasMessageContaining("notify_verify");
    }

    @Test
    void bodyTricklingInAfterTheHeadersIsBoundedToo() {
        server.responder = ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 4);
            OutputStream out = ex.getResponseBody();
            out.write('t');
            out.flush();
            Thread.sleep(2000);
            out.write("rue".getBytes(StandardCharsets.US_ASCII));
            out.close();
        };
        HttpAlipayGateway gateway = gateway(b -> b.connectTimeout(Duration.ofMillis(200)).readTimeout(Duration.ofMillis(200)));

        assertThatThrownBy(() -> gateway.verifyNotifyId("abc")).isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void refusedConnectionIsGatewayUnavailable() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        HttpAlipayGateway gateway = gateway(b -> b.gatewayUrl("http://127.0.0.1:" + freePort + "/gateway.do"));

        assertThatThrownBy(() -> gateway.verifyNotifyId("abc"))
                .isInstanceOf(GatewayUnavailableException.class)
                .hasMessageContaining("could not reach");
    }

    @Test
    void interruptedCallerGetsGatewayUnavailableAndKeepsItsInterruptFlag() {
        server.responder = ex -> {
            Thread.sleep(2000);
            LocalHttpServer.send(ex, 200, "text/plain", "true", StandardCharsets.UTF_8);
        };
        HttpAlipayGateway gateway = gateway();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> gateway.verifyNotifyId("abc"))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // clear it for the next test
        }
    }

    // ---- query_timestamp ----

    static final String TIMESTAMP_ANSWER = """
            <?xml version="1.0" encoding="utf-8"?>
            <alipay>
              <is_success>T</is_success>
              <request>
                <param name="service">query_timestamp</param>
                <param name="partner">2088101568338364</param>
                <param name="_input_charset">utf-8</param>
              </request>
              <response>
                <timestamp>
                  <encrypt_key>KPr8DuZp7hXM9mvHxdWKVQ1dIsVqH5W6xbNu</encrypt_key>
                </timestamp>
              </response>
              <sign>91f8f7e8c2e4a3b1d2c3e4f5a6b7c8d9</sign>
              <sign_type>MD5</sign_type>
            </alipay>
            """;

    @Test
    void queryTimestampReturnsTheEncryptKey() {
        answerXml(TIMESTAMP_ANSWER);

        assertThat(gateway().queryTimestamp()).isEqualTo("KPr8DuZp7hXM9mvHxdWKVQ1dIsVqH5W6xbNu");
    }

    @Test
    void queryTimestampIsAnUnsignedGetLikeAlipaysDemo() {
        answerXml(TIMESTAMP_ANSWER);

        gateway(b -> b.inputCharset("gbk")).queryTimestamp();

        assertThat(server.rawQueries).containsExactly("service=query_timestamp&partner=2088101568338364&_input_charset=gbk");
    }

    @Test
    void queryTimestampErrorCarriesTheErrorCode() {
        answerXml("<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>F</is_success><error>ILLEGAL_PARTNER</error></alipay>");

        assertThatThrownBy(() -> gateway().queryTimestamp())
                .isInstanceOfSatisfying(GatewayResponseException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("ILLEGAL_PARTNER"))
                .hasMessageContaining("ILLEGAL_PARTNER");
    }

    @Test
    void queryTimestampWithoutEncryptKeyIsAnUnreadableAnswer() {
        answerXml("<alipay><is_success>T</is_success><response><timestamp/></response></alipay>");

        assertThatThrownBy(() -> gateway().queryTimestamp())
                .isInstanceOf(GatewayResponseException.class)
                .hasMessageContaining("encrypt_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<alipay><is_success>T</is_success><response><timestamp><encrypt_key>K</encrypt_key></timestamp></response>",
            "not xml at all",
            "",
            "<html><body>502 Bad Gateway</body></html>",
            "<alipay><is_success>T</is_success></alipay><alipay/>"})
    void malformedXmlIsGatewayResponseException(String body) {
        answer(200, "text/xml", body);

        assertThatThrownBy(() -> gateway().queryTimestamp()).isInstanceOf(GatewayResponseException.class);
    }

    // ---- XXE ----

    @Test
    void externalEntityPointingAtALocalFileIsNotResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "XXE-SECRET-MARKER");
        answerXml("<?xml version=\"1.0\"?>\n<!DOCTYPE alipay [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<alipay><is_success>T</is_success><response><timestamp><encrypt_key>&xxe;</encrypt_key>"
                + "</timestamp></response></alipay>");

        assertThatThrownBy(() -> gateway().queryTimestamp())
                .isInstanceOf(GatewayResponseException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("XXE-SECRET-MARKER"));
    }

    @Test
    void externalDtdAndParameterEntitiesAreNeverFetched() {
        for (String doctype : new String[] {
                "<!DOCTYPE alipay SYSTEM \"" + server.url("/evil.dtd") + "\">",
                "<!DOCTYPE alipay [<!ENTITY % p SYSTEM \"" + server.url("/evil.dtd") + "\"> %p;]>",
                "<!DOCTYPE alipay [<!ENTITY e SYSTEM \"" + server.url("/evil.dtd") + "\">]>"}) {
            server.responder = ex -> {
                if (ex.getRequestURI().getPath().equals("/evil.dtd")) {
                    LocalHttpServer.send(ex, 200, "application/xml-dtd", "<!ENTITY e \"FETCHED\">", StandardCharsets.UTF_8);
                } else {
                    LocalHttpServer.send(ex, 200, "text/xml", "<?xml version=\"1.0\"?>" + doctype
                            + "<alipay><is_success>T</is_success><response><timestamp><encrypt_key>&e;</encrypt_key>"
                            + "</timestamp></response></alipay>", StandardCharsets.UTF_8);
                }
            };

            assertThatThrownBy(() -> gateway().queryTimestamp()).isInstanceOf(GatewayResponseException.class);
        }
        assertThat(server.paths).isNotEmpty().doesNotContain("/evil.dtd");
    }

    @Test
    void entityExpansionBombIsRefused() {
        answerXml("<?xml version=\"1.0\"?><!DOCTYPE alipay [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<alipay><is_success>T</is_success><response><timestamp><encrypt_key>&c;</encrypt_key>"
                + "</timestamp></response></alipay>");

        assertThatThrownBy(() -> gateway().queryTimestamp())
                .isInstanceOf(GatewayResponseException.class)
                .hasMessageContaining("DOCTYPE");
    }

    // ---- single_trade_query ----

    static String tradeAnswer(String encoding, String outTradeNo) {
        return "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n"
                + """
                <alipay>
                  <is_success>T</is_success>
                  <request>
                    <param name="_input_charset">utf-8</param>
                    <param name="service">single_trade_query</param>
                    <param name="partner">2088101568338364</param>
                    <param name="out_trade_no">%s</param>
                  </request>
                  <response>
                    <trade>
                      <body>Hello</body>
                      <buyer_email>13758698870</buyer_email>
                      <buyer_id>2088002007013600</buyer_id>
                      <discount>-5.00</discount>
                      <gmt_create>2026-11-26 09:29:30</gmt_create>
                      <gmt_payment>2026-11-26 09:29:58</gmt_payment>
                      <is_total_fee_adjust>F</is_total_fee_adjust>
                      <out_trade_no>%s</out_trade_no>
                      <payment_type>1</payment_type>
                      <price>387.00</price>
                      <quantity>1</quantity>
                      <seller_email>shop@example.com</seller_email>
                      <seller_id>2088101568338364</seller_id>
                      <subject>测试商品 iphone手机</subject>
                      <total_fee>387.00</total_fee>
                      <trade_no>2026112621001004010000000001</trade_no>
                      <trade_status>TRADE_SUCCESS</trade_status>
                      <use_coupon>F</use_coupon>
                    </trade>
                  </response>
                  <sign>56ae9c3286886f76e57e0993625c71fe</sign>
                  <sign_type>MD5</sign_type>
                </alipay>
                """.formatted(outTradeNo, outTradeNo);
    }

    @Test
    void singleTradeQueryMapsTheTrade() {
        answerXml(tradeAnswer("utf-8", "ORDER-1001"));

        TradeQueryResult r = gateway().singleTradeQuery("ORDER-1001");

        assertThat(r.found()).isTrue();
        assertThat(r.errorCode()).isNull();
        assertThat(r.outTradeNo()).isEqualTo("ORDER-1001");
        assertThat(r.tradeNo()).isEqualTo("2026112621001004010000000001");
        assertThat(r.tradeStatus()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(r.totalFee()).isEqualTo(new BigDecimal("387.00"));
        assertThat(r.sellerId()).isEqualTo("2088101568338364");
        assertThat(r.buyerId()).isEqualTo("2088002007013600");
        assertThat(r.buyerEmail()).isEqualTo("13758698870");
        assertThat(r.gmtPayment()).isEqualTo(OffsetDateTime.of(2026, 11, 26, 9, 29, 58, 0, ZoneOffset.ofHours(8)));
        assertThat(r.fields()).hasSize(18)
                .containsEntry("subject", "测试商品 iphone手机")
                .containsEntry("discount", "-5.00")
                .containsEntry("use_coupon", "F");
        assertThat(r.field("is_total_fee_adjust")).isEqualTo("F");
    }

    @Test
    void singleTradeQueryTradeNotExistIsAResultNotAnException() {
        answerXml("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>");

        TradeQueryResult r = gateway().singleTradeQuery("ORDER-404");

        assertThat(r.found()).isFalse();
        assertThat(r.errorCode()).isEqualTo("TRADE_NOT_EXIST");
        assertThat(r.fields()).isEmpty();
        assertThat(r.totalFee()).isNull();
    }

    @Test
    void singleTradeQueryRequestCarriesAValidSignature() {
        answerXml(tradeAnswer("utf-8", "ORDER-1001"));
        AlipayConfig config = config(b -> b);

        new HttpAlipayGateway(config, AlipaySigner.forConfig(config)).singleTradeQuery("ORDER-1001");

        Map<String, String> received = decodeQuery(server.rawQueries.get(0), StandardCharsets.UTF_8);
        assertThat(received.keySet()).containsExactlyInAnyOrder(
                "service", "partner", "_input_charset", "out_trade_no", "sign", "sign_type");
        assertThat(received).containsEntry("service", "single_trade_query").containsEntry("partner", PARTNER)
                .containsEntry("_input_charset", "utf-8").containsEntry("out_trade_no", "ORDER-1001")
                .containsEntry("sign_type", "MD5");
        // the server side checks it as Alipay would
        AlipaySigner.forConfig(config).verify(received);
        // and independently: md5 over the spec 9.1 content (sorted, sign and sign_type left out) plus the key
        String expected = DigestUtils.md5Hex(("_input_charset=utf-8&out_trade_no=ORDER-1001&partner=" + PARTNER
                + "&service=single_trade_query" + KEY).getBytes(StandardCharsets.UTF_8));
        assertThat(received.get("sign")).isEqualTo(expected);
    }

    @Test
    void singleTradeQuerySignsAChineseOutTradeNoInGbk() {
        answer(200, "text/xml", "<alipay><is_success>F</is_success><error>TRADE_NOT_EXIST</error></alipay>");
        AlipayConfig config = config(b -> b.inputCharset("gbk"));

        new HttpAlipayGateway(config, AlipaySigner.forConfig(config)).singleTradeQuery("订单-1");

        assertThat(server.rawQueries.get(0)).contains("out_trade_no=%B6%A9%B5%A5-1");
        Map<String, String> received = decodeQuery(server.rawQueries.get(0), GBK);
        assertThat(received).containsEntry("out_trade_no", "订单-1");
        AlipaySigner.forConfig(config).verify(received);
    }

    @Test
    void singleTradeQueryDecodesAGbkAnswerByItsXmlDeclaration() {
        server.responder = ex -> LocalHttpServer.send(ex, 200, "text/xml", tradeAnswer("GBK", "ORDER-1001").getBytes(GBK));

        TradeQueryResult r = gateway(b -> b.inputCharset("gbk")).singleTradeQuery("ORDER-1001");

        assertThat(r.fields()).containsEntry("subject", "测试商品 iphone手机");
    }

    @Test
    void declarationWinsOverTheConfiguredCharset() {
        server.responder = ex -> LocalHttpServer.send(ex, 200, "text/xml", tradeAnswer("gbk", "ORDER-1001").getBytes(GBK));

        TradeQueryResult r = gateway().singleTradeQuery("ORDER-1001"); // configured utf-8

        assertThat(r.fields()).containsEntry("subject", "测试商品 iphone手机");
    }

    @Test
    void answerWithoutDeclarationIsDecodedByContentTypeCharset() {
        String xml = tradeAnswer("x", "ORDER-1001").replaceFirst("<\\?xml[^>]*>\n", "");
        server.responder = ex -> LocalHttpServer.send(ex, 200, "text/xml; charset=GBK", xml.getBytes(GBK));

        TradeQueryResult r = gateway().singleTradeQuery("ORDER-1001"); // configured utf-8

        assertThat(r.fields()).containsEntry("subject", "测试商品 iphone手机");
    }

    @Test
    void answerWithoutDeclarationOrCharsetIsDecodedInTheConfiguredCharset() {
        String xml = tradeAnswer("x", "ORDER-1001").replaceFirst("<\\?xml[^>]*>\n", "");
        server.responder = ex -> LocalHttpServer.send(ex, 200, "text/xml", xml.getBytes(GBK));

        TradeQueryResult r = gateway(b -> b.inputCharset("gbk")).singleTradeQuery("ORDER-1001");

        assertThat(r.fields()).containsEntry("subject", "测试商品 iphone手机");
    }

    @Test
    void answerAboutAnotherTradeIsRejected() {
        answerXml(tradeAnswer("utf-8", "ORDER-9999"));

        assertThatThrownBy(() -> gateway().singleTradeQuery("ORDER-1001"))
                .isInstanceOf(GatewayResponseException.class)
                .hasMessageContaining("ORDER-9999");
    }

    @Test
    void unreadableAmountInTheAnswerIsGatewayResponseExceptionNamingTheField() {
        answerXml(tradeAnswer("utf-8", "ORDER-1001").replace("<total_fee>387.00</total_fee>", "<total_fee>387.001</total_fee>"));

        assertThatThrownBy(() -> gateway().singleTradeQuery("ORDER-1001"))
                .isInstanceOf(GatewayResponseException.class)
                .hasMessageContaining("total_fee");
    }

    @Test
    void successWithoutATradeIsGatewayResponseException() {
        answerXml("<alipay><is_success>T</is_success><response/></alipay>");

        assertThatThrownBy(() -> gateway().singleTradeQuery("ORDER-1001"))
                .isInstanceOf(GatewayResponseException.class)
                .hasMessageContaining("trade");
    }

    @Test
    void malformedTradeAnswerIsGatewayResponseException() {
        answerXml(tradeAnswer("utf-8", "ORDER-1001").replace("</trade>", ""));

        assertThatThrownBy(() -> gateway().singleTradeQuery("ORDER-1001")).isInstanceOf(GatewayResponseException.class);
    }

    @Test
    void exceptionMessagesCarryNeitherTheKeyNorTheRequestsSignature() {
        answer(500, "text/html", "<html>error " + KEY + "</html>");

        assertThatThrownBy(() -> gateway().singleTradeQuery("ORDER-1001"))
                .isInstanceOf(GatewayUnavailableException.class)
                .satisfies(e -> {
                    String sign = decodeQuery(server.rawQueries.get(0), StandardCharsets.UTF_8).get("sign");
                    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(sign).doesNotContain("sign=");
                });
    }

    @Test
    void toStringShowsNoKey() {
        assertThat(gateway().toString()).doesNotContain(KEY).contains("127.0.0.1");
    }
}
