package io.github.alipaystarter.core.protocol.gateway;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.notify.MalformedNotificationException;
import io.github.alipaystarter.core.protocol.notify.NotificationParser;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.SignatureException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * {@link AlipayGateway} over the JDK's HttpClient, with the configured connect and read timeouts.
 * XML is parsed with DTDs and external entities disabled.
 *
 * <p>Every call is a GET on the configured gateway with the parameters percent-encoded once, in the
 * configured {@code _input_charset}. The read timeout bounds the wait for the whole answer (headers
 * and body); the connect timeout bounds the TCP/TLS connect. A timeout, an I/O error, an interrupt
 * (the thread's interrupt flag is restored) or an HTTP status of 400 and above is a
 * {@link GatewayUnavailableException}: transient, try again later. An answer that cannot be read
 * (not XML, the wrong root, a missing element, an unexpected 1xx/3xx status) is a
 * {@link GatewayResponseException}. Messages name the service and the gateway's scheme, host and
 * path, never the query (it carries the request's signature) and never the key.
 *
 * <p>The answers of query_timestamp and single_trade_query carry a {@code <sign>}. For an RSA merchant the
 * sign of a single_trade_query answer is checked: SHA1withRSA by Alipay's key over the {@code <trade>}
 * elements, canonical as in spec 9.1 (undocumented in our texts; established on a real answer, item 26 of
 * the core's conformance suite). An MD5 answer's sign could not be established from real answers and is not
 * checked, nor is query_timestamp's (README, "Trusting the gateway's answers"): there the connection the
 * merchant opened to the configured gateway is what authenticates the answer: HTTPS, or plain http only to
 * this machine (the configuration refuses anything else). The processor pays a queried trade only when its
 * seller and amount match the ledger.
 *
 * <p>With a {@link GatewayTransport}, the requests go through it instead of the JDK's HttpClient (the Spring
 * Boot integration's client, with a proxy, an SSL bundle and customizers); the rules above stay the same.
 *
 * <p>Thread-safe: one instance can serve every thread of the application.
 */
public final class HttpAlipayGateway implements AlipayGateway {

    private static final System.Logger LOG = System.getLogger(HttpAlipayGateway.class.getName());

    private static final Pattern XML_DECLARED_ENCODING =
            Pattern.compile("^\\s*<\\?xml[^>]*?\\bencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private static final Pattern CONTENT_TYPE_CHARSET =
            Pattern.compile(";\\s*charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)\"?", Pattern.CASE_INSENSITIVE);

    /** Threads of the client's executor: handling answers is short work, the callers do the waiting. */
    static final int EXECUTOR_THREADS = 4;

    private final AlipayConfig config;
    private final AlipaySigner signer;
    private final ThreadPoolExecutor executor;
    private final HttpClient client;
    /** Sends the requests instead of {@link #client} when not null. */
    private final GatewayTransport transport;
    /** scheme://host[:port]/path of the gateway, for messages: no user info, no query. */
    private final String where;

    public HttpAlipayGateway(AlipayConfig config, AlipaySigner signer) {
        this(config, signer, null);
    }

    /**
     * @param transport sends the GET requests; null for the JDK's HttpClient with the configured timeouts
     */
    public HttpAlipayGateway(AlipayConfig config, AlipaySigner signer, GatewayTransport transport) {
        this.transport = transport;
        this.config = Objects.requireNonNull(config, "config");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.executor = boundedExecutor();
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        URI gateway = config.gatewayUrl();
        this.where = gateway.getScheme() + "://" + gateway.getHost()
                + (gateway.getPort() == -1 ? "" : ":" + gateway.getPort())
                + (gateway.getRawPath() == null ? "" : gateway.getRawPath());
        newDocumentBuilder(); // fail at construction, not at the first call, if the XML parser cannot be secured
    }

    /**
     * The client's own threads (answer handling, not the waiting): a fixed, small number of daemon
     * threads, reused, that end when idle. Without an executor the JDK client uses a cached pool, which
     * grows by a thread per concurrent call while the gateway is slow. One client per gateway keeps its
     * HTTP/1.1 connections alive and reuses them.
     */
    private static ThreadPoolExecutor boundedExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(EXECUTOR_THREADS, EXECUTOR_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "alipay-gateway-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * {@code GET <gateway>?service=notify_verify&partner=<pid>&notify_id=<id>} (spec 10). The notify_id
     * is the already-decoded value from the notification and is percent-encoded exactly once here: a
     * notify_id whose text contains {@code %2F} goes out as {@code %252F}, as in the spec's example.
     */
    @Override
    public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
        Objects.requireNonNull(notifyId, "notifyId");
        if (notifyId.isEmpty()) {
            throw new IllegalArgumentException("notify_id is empty");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("service", "notify_verify");
        parameters.put("partner", config.partner());
        parameters.put("notify_id", notifyId);
        GatewayTransport.Answer response = get("notify_verify", parameters);
        String body = new String(response.body(), charsetOf(response, config.inputCharset()));
        NotifyVerifyAnswer answer = NotifyVerifyAnswer.fromBody(body);
        if (answer == NotifyVerifyAnswer.OTHER) {
            LOG.log(System.Logger.Level.WARNING, "notify_verify: unexpected answer from {0}: \"{1}\"", where, printable(body));
        } else {
            LOG.log(System.Logger.Level.DEBUG, "notify_verify: {0}", answer);
        }
        return answer;
    }

    /**
     * {@code GET <gateway>?service=query_timestamp&partner=<pid>&_input_charset=<cs>}, unsigned: neither
     * the spec nor the guide documents this service, and Alipay's own demo (AlipaySubmit.query_timestamp)
     * sends exactly these parameters without a signature. Returns {@code <encrypt_key>} of
     * {@code alipay/response/timestamp}.
     */
    @Override
    public String queryTimestamp() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("service", "query_timestamp");
        parameters.put("partner", config.partner());
        parameters.put("_input_charset", config.inputCharsetName());
        Element alipay = alipayRoot("query_timestamp", get("query_timestamp", parameters));
        requireSuccess("query_timestamp", alipay);
        String key = text(child(child(child(alipay, "response"), "timestamp"), "encrypt_key"));
        if (key == null || key.isEmpty()) {
            throw new GatewayResponseException("query_timestamp: the answer from " + where
                    + " has no alipay/response/timestamp/encrypt_key");
        }
        return key;
    }

    /**
     * Signed {@code GET <gateway>?service=single_trade_query&partner=..&_input_charset=..&out_trade_no=..&sign=..&sign_type=..}.
     * {@code <is_success>F</is_success>} is a result with {@link TradeQueryResult#errorCode()} (e.g.
     * TRADE_NOT_EXIST); a trade is mapped from {@code alipay/response/trade}. An answer about another
     * out_trade_no than the one asked for is a {@link GatewayResponseException}.
     */
    @Override
    public TradeQueryResult singleTradeQuery(String outTradeNo) {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        if (outTradeNo.isEmpty()) {
            throw new IllegalArgumentException("out_trade_no is empty");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("service", "single_trade_query");
        parameters.put("partner", config.partner());
        parameters.put("_input_charset", config.inputCharsetName());
        parameters.put("out_trade_no", outTradeNo);
        Element alipay = alipayRoot("single_trade_query", get("single_trade_query", signer.signParameters(parameters)));

        String success = text(child(alipay, "is_success"));
        if ("F".equals(success)) {
            String error = errorCode("single_trade_query", alipay);
            if (!"TRADE_NOT_EXIST".equals(error)) {
                LOG.log(System.Logger.Level.WARNING, "single_trade_query: {0} answered error {1}", where, error);
            }
            return TradeQueryResult.error(error);
        }
        if (!"T".equals(success)) {
            throw new GatewayResponseException("single_trade_query: the answer from " + where
                    + " has no is_success T or F");
        }
        Element trade = child(child(alipay, "response"), "trade");
        if (trade == null) {
            throw new GatewayResponseException("single_trade_query: the answer from " + where
                    + " has is_success T but no alipay/response/trade");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Node n = trade.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                fields.putIfAbsent(e.getTagName(), text(e));
            }
        }
        verifyRsaAnswer(alipay, fields);
        String answeredNo = fields.get("out_trade_no");
        if (answeredNo != null && !answeredNo.equals(outTradeNo)) {
            throw new GatewayResponseException("single_trade_query: asked about out_trade_no " + printable(outTradeNo)
                    + " but the answer is about " + printable(answeredNo));
        }
        try {
            return new TradeQueryResult(
                    null,
                    answeredNo,
                    blankToNull(fields.get("trade_no")),
                    TradeStatus.of(fields.get("trade_status")),
                    NotificationParser.money("total_fee", blankToNull(fields.get("total_fee"))),
                    blankToNull(fields.get("seller_id")),
                    blankToNull(fields.get("buyer_id")),
                    blankToNull(fields.get("buyer_email")),
                    gmt(fields.get("gmt_payment")),
                    fields);
        } catch (MalformedNotificationException e) {
            throw new GatewayResponseException("single_trade_query: unreadable trade in the answer from " + where
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * For an RSA merchant: the answer's {@code <sign>} must verify, with Alipay's public key, over the
     * {@code <trade>} elements (canonical as spec 9.1: sorted, empty values left out). A missing or wrong sign
     * is a {@link GatewayResponseException}: the answer pays nothing.
     */
    private void verifyRsaAnswer(Element alipay, Map<String, String> fields) {
        if (signer.signType() != SignType.RSA) {
            return;
        }
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.remove("sign");
        signed.remove("sign_type");
        String sign = text(child(alipay, "sign"));
        String signType = text(child(alipay, "sign_type"));
        if (sign != null) {
            signed.put("sign", sign);
        }
        if (signType != null) {
            signed.put("sign_type", signType);
        }
        try {
            signer.verify(signed);
        } catch (SignatureException e) {
            throw new GatewayResponseException("single_trade_query: the answer from " + where
                    + " does not carry a valid RSA <sign> over its <trade> (" + e.reason() + ")", e);
        }
    }

    private static OffsetDateTime gmt(String value) {
        return NotificationParser.chinaTime("gmt_payment", blankToNull(value));
    }

    // ---- HTTP ----

    private GatewayTransport.Answer get(String service, Map<String, String> parameters) {
        String base = config.gatewayUrl().toString();
        String separator = config.gatewayUrl().getRawQuery() == null ? "?" : "&";
        URI uri = URI.create(base + separator + FormData.encode(parameters, config.inputCharset()));
        GatewayTransport.Answer answer = transport != null ? transport.get(service, uri) : sendWithJdk(service, uri);
        int status = answer.status();
        if (status >= 400) {
            throw new GatewayUnavailableException(service + ": " + where + " answered HTTP " + status);
        }
        if (status < 200 || status >= 300) {
            throw new GatewayResponseException(service + ": " + where + " answered unexpected HTTP " + status);
        }
        return answer;
    }

    private GatewayTransport.Answer sendWithJdk(String service, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.readTimeout())
                .header("Accept", "text/xml, text/plain, */*")
                .GET()
                .build();
        // HttpRequest.timeout only bounds the wait for the response headers; the deadline on the future
        // also bounds a body that trickles in after them.
        Duration deadline = config.connectTimeout().plus(config.readTimeout());
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(service + ": interrupted while waiting for " + where, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new GatewayUnavailableException(service + ": no complete answer from " + where + " within "
                    + deadline.toMillis() + " ms (connect + read timeout)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new GatewayUnavailableException(service + ": " + where + " timed out ("
                        + cause.getClass().getSimpleName() + ")", cause);
            }
            throw new GatewayUnavailableException(service + ": could not reach " + where + " ("
                    + cause.getClass().getSimpleName() + ")", cause);
        }
        return new GatewayTransport.Answer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    /** The charset named by the Content-Type header, else {@code fallback}. */
    private static Charset charsetOf(GatewayTransport.Answer response, Charset fallback) {
        return java.util.Optional.ofNullable(response.contentType())
                .map(CONTENT_TYPE_CHARSET::matcher)
                .filter(Matcher::find)
                .map(m -> charsetOrNull(m.group(1)))
                .orElse(fallback);
    }

    private static Charset charsetOrNull(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    // ---- XML ----

    /**
     * Decodes the body in the charset its XML declaration names, else the Content-Type's charset, else
     * the configured _input_charset (Alipay answers in the request's _input_charset), then parses it
     * with DTDs refused; returns the root, which must be {@code <alipay>}.
     */
    private Element alipayRoot(String service, GatewayTransport.Answer response) {
        byte[] body = response.body();
        Charset charset = declaredEncoding(body);
        if (charset == null) {
            charset = charsetOf(response, config.inputCharset());
        }
        String text = new String(body, charset);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Document document;
        try {
            // a character stream: the parser ignores the declaration's encoding, we decoded already
            document = newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } catch (SAXException | IOException e) {
            throw new GatewayResponseException(service + ": the answer from " + where + " is not well-formed XML ("
                    + e.getMessage() + ")", e);
        }
        Element root = document.getDocumentElement();
        if (root == null || !"alipay".equals(root.getTagName())) {
            throw new GatewayResponseException(service + ": the answer from " + where + " is not an <alipay> document");
        }
        return root;
    }

    private static Charset declaredEncoding(byte[] body) {
        // the declaration is ASCII in every charset Alipay uses; look at the start only
        String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u00EF\u00BB\u00BF")) {
            head = head.substring(3);
        }
        Matcher m = XML_DECLARED_ENCODING.matcher(head);
        return m.find() ? charsetOrNull(m.group(1)) : null;
    }

    private void requireSuccess(String service, Element alipay) {
        String success = text(child(alipay, "is_success"));
        if ("F".equals(success)) {
            String error = errorCode(service, alipay);
            throw new GatewayResponseException(service + ": " + where + " answered error " + error, error);
        }
        if (!"T".equals(success)) {
            throw new GatewayResponseException(service + ": the answer from " + where + " has no is_success T or F");
        }
    }

    private String errorCode(String service, Element alipay) {
        String error = text(child(alipay, "error"));
        if (error == null || error.isEmpty()) {
            throw new GatewayResponseException(service + ": " + where + " answered is_success F without an error code");
        }
        return error;
    }

    /**
     * A DocumentBuilder that refuses any DOCTYPE (so no entity, internal or external, can be declared:
     * no XXE, no billion laughs), loads no external DTD or schema and does not XInclude. A new factory
     * per call because factories are not thread-safe.
     */
    static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() { // the default handler prints to stderr
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot configure a secure XML parser (DTDs and external entities off)", e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String printable(String value) {
        return Texts.forLog(value, 64);
    }

    /** The client's executor, for tests of its bounds. */
    ThreadPoolExecutor executor() {
        return executor;
    }

    @Override
    public String toString() {
        return "HttpAlipayGateway{" + where + ", partner=" + config.partner() + "}";
    }
}
