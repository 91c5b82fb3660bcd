package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.engine.DeliveryContext;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.ProcessingResult;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The notify_url endpoint (spec 6 and 8). Reads the raw body (never {@code request.getParameter},
 * which would decode in the container's charset), hands it to the processor with the configured
 * {@code _input_charset}, and answers {@code text/plain} with exactly {@code success} or {@code fail}:
 * no newline, no session, no redirect, no error page. Only the body is verified: a query string a
 * proxy or framework added is ignored. Anything else than POST (someone opening the URL by hand)
 * gets {@code fail}.
 *
 * <h2>Slow and many senders</h2>
 * The body is read asynchronously (a {@link ReadListener}), so a sender that declares a body and then
 * goes silent holds no server thread; one whose body has not fully arrived within the body-read
 * timeout is answered {@code fail} and its connection closed. At most {@code maxConcurrent} deliveries
 * are received or processed at once; one more is answered {@code fail} at once, its body unread and
 * its connection closed. Alipay resends a notification answered {@code fail} (spec 8.2 (7)).
 * Values from the request reach log lines only through {@link Texts#forLog}.
 */
public class AlipayNotifyServlet extends HttpServlet {

    private static final Log logger = LogFactory.getLog(AlipayNotifyServlet.class);

    private static final String SUCCESS = "success";

    private static final String FAIL = "fail";

    private final transient NotificationProcessor processor;

    private final transient Charset charset;

    private final long maxBodySize;

    private final Duration bodyReadTimeout;

    private final int maxConcurrent;

    private final transient Semaphore permits;

    private final AtomicLong refusedBusy = new AtomicLong();

    private final transient ScheduledThreadPoolExecutor deadlines;

    /** The processor journals every delivery, refused ones included: it is the journal's only writer. */
    public AlipayNotifyServlet(NotificationProcessor processor, Charset charset, long maxBodySize) {
        this(processor, charset, maxBodySize, Duration.ofSeconds(5), 500);
    }

    /**
     * @param bodyReadTimeout longest time the body may take to arrive
     * @param maxConcurrent largest number of deliveries received or processed at once
     */
    public AlipayNotifyServlet(NotificationProcessor processor, Charset charset, long maxBodySize,
            Duration bodyReadTimeout, int maxConcurrent) {
        this.processor = processor;
        this.charset = charset;
        this.maxBodySize = maxBodySize;
        this.bodyReadTimeout = bodyReadTimeout;
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent);
        this.deadlines = new ScheduledThreadPoolExecutor(1, (task) -> {
            Thread thread = new Thread(task, "alipay-notify-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /** Deliveries being received or processed now (taken permits). */
    int deliveriesInProgress() {
        return this.maxConcurrent - this.permits.availablePermits();
    }

    @Override
    public void destroy() {
        this.deadlines.shutdownNow();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if ("POST".equals(method)) {
            post(request, response);
        }
        else if ("GET".equals(method) || "HEAD".equals(method)) {
            // The guide's test: opened by hand, the page shows fail, never a stack trace.
            answer(response, HttpServletResponse.SC_OK, FAIL);
        }
        else {
            response.setHeader("Allow", "POST");
            answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, FAIL);
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!this.permits.tryAcquire()) {
            long refused = this.refusedBusy.incrementAndGet();
            logger.warn("Refused an Alipay notification from " + Texts.forLog(request.getRemoteAddr()) + ": "
                    + this.maxConcurrent + " deliveries are already being received or processed"
                    + " (alipay.web.max-concurrent-notifications; " + refused + " refused so far); answered fail,"
                    + " Alipay sends it again");
            answerAndClose(request, response, FAIL);
            return;
        }
        boolean async = false;
        try {
            long declared = request.getContentLengthLong();
            if (declared > drainLimit() || (declared > this.maxBodySize && !request.isAsyncSupported())) {
                answerAndClose(request, response, refuseOversized(request, declared));
            }
            else if (request.isAsyncSupported()) {
                async = true; // from here on the delivery releases the permit, exactly once
                new Delivery(request, response, declared).start();
            }
            else {
                byte[] body = readAtMost(request.getInputStream(), this.maxBodySize);
                answer(response, HttpServletResponse.SC_OK, (body != null) ? receive(request, body) : refuseOversized(request, -1));
            }
        }
        finally {
            if (!async) {
                this.permits.release();
            }
        }
    }

    /**
     * Up to this many bytes of an oversized body are read and dropped (asynchronously, within the body-read
     * timeout) before {@code fail} is answered: closing a connection whose client is still sending makes
     * its TCP stack discard the answer (a reset). A larger body is answered and cut off at once.
     */
    private long drainLimit() {
        return Math.max(1024 * 1024, this.maxBodySize * 4);
    }

    /** The connection is closed after the answer, so that the container does not wait for an unread body. */
    private static void closeAfterAnswer(HttpServletResponse response) {
        response.setHeader("Connection", "close");
    }

    /**
     * Answers without reading the body, and closes the connection. Completed as an asynchronous request:
     * Tomcat then closes a connection marked {@code Connection: close} at once, where at the end of a
     * synchronous request it would first read (swallow) the rest of the declared body, holding the thread
     * until a silent sender's body arrived or the connection timeout (a minute by default) ended it.
     */
    private static void answerAndClose(HttpServletRequest request, HttpServletResponse response, String text)
            throws IOException {
        closeAfterAnswer(response);
        if (request.isAsyncSupported()) {
            AsyncContext context = request.startAsync(request, response);
            try {
                answer(response, HttpServletResponse.SC_OK, text);
            }
            finally {
                context.complete();
            }
        }
        else {
            answer(response, HttpServletResponse.SC_OK, text);
        }
    }

    private String receive(HttpServletRequest request, byte[] body) {
        try {
            if (body.length == 0) {
                logger.warn("Alipay notification with an empty body from " + Texts.forLog(request.getRemoteAddr())
                        + " (if a body was sent, a filter read it first through request.getParameter)");
            }
            ProcessingResult result = this.processor.processRaw(
                    new DeliveryContext(NotificationSource.NOTIFY, request.getRemoteAddr()), body, this.charset);
            if (logger.isDebugEnabled()) {
                logger.debug("Alipay notification for " + Texts.forLog(result.outTradeNo()) + ": " + result.outcome()
                        + " (" + Texts.forLog(result.reason()) + ")");
            }
            return SUCCESS.equals(result.answer()) ? SUCCESS : FAIL;
        }
        catch (Exception ex) {
            // The processor does not throw; this is I/O (client gone) or a bug: Alipay retries on fail.
            logger.error("Alipay notification could not be processed; answered fail so that Alipay sends it again",
                    ex);
            return FAIL;
        }
    }

    private String refuseOversized(HttpServletRequest request, long declared) {
        String reason = "body larger than alipay.web.max-body-size (" + this.maxBodySize + " bytes)"
                + ((declared > 0) ? ": Content-Length " + declared : "");
        // Journaled compactly and logged by the processor, within the rejected deliveries' budget.
        this.processor.refuse(new DeliveryContext(NotificationSource.NOTIFY, request.getRemoteAddr()),
                (declared > 0) ? declared : this.maxBodySize + 1, reason);
        return FAIL;
    }

    /**
     * One delivery read asynchronously: READING until the body is complete (then PROCESSING on the
     * container thread that saw the end of the body), or until the deadline, an error or an oversized
     * body ends it (DONE). Exactly one of these answers; the permit is released when the container
     * completes the request.
     */
    private final class Delivery implements ReadListener, AsyncListener {

        private static final int READING = 0;

        private static final int PROCESSING = 1;

        private static final int DONE = 2;

        private final AtomicInteger state = new AtomicInteger(READING);

        private final AtomicBoolean released = new AtomicBoolean();

        private final HttpServletRequest request;

        private final HttpServletResponse response;

        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);

        private final byte[] buffer = new byte[8192];

        private AsyncContext context;

        private ServletInputStream in;

        private ScheduledFuture<?> deadline;

        private final long declared;

        /** Bytes received; beyond maxBodySize they are dropped, and the delivery will be refused. */
        private long received;

        Delivery(HttpServletRequest request, HttpServletResponse response, long declared) {
            this.request = request;
            this.response = response;
            this.declared = declared;
        }

        private boolean oversized() {
            return this.declared > AlipayNotifyServlet.this.maxBodySize
                    || this.received > AlipayNotifyServlet.this.maxBodySize;
        }

        void start() throws IOException {
            try {
                this.context = this.request.startAsync(this.request, this.response);
            }
            catch (RuntimeException ex) {
                release();
                throw ex;
            }
            // A backstop only: the deadline below answers a slow sender, the processing has its own timeouts.
            this.context.setTimeout(AlipayNotifyServlet.this.bodyReadTimeout.toMillis() + 300_000);
            this.context.addListener(this);
            this.deadline = AlipayNotifyServlet.this.deadlines.schedule(this::tooSlow,
                    AlipayNotifyServlet.this.bodyReadTimeout.toMillis(), TimeUnit.MILLISECONDS);
            this.in = this.request.getInputStream();
            this.in.setReadListener(this);
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (this.state.get() == READING && this.in.isReady()) {
                int n = this.in.read(this.buffer);
                if (n == -1) {
                    return;
                }
                this.received += n;
                if (this.received > drainLimit()) {
                    if (this.state.compareAndSet(READING, DONE)) {
                        this.deadline.cancel(false);
                        end(refuseOversized(this.request, this.declared), true);
                    }
                    return;
                }
                if (!oversized()) {
                    this.body.write(this.buffer, 0, n);
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (!this.state.compareAndSet(READING, PROCESSING)) {
                return;
            }
            this.deadline.cancel(false);
            if (oversized()) {
                this.state.set(DONE);
                end(refuseOversized(this.request, this.declared), true);
                return;
            }
            String answer = receive(this.request, this.body.toByteArray());
            this.state.set(DONE);
            end(answer, false);
        }

        @Override
        public void onError(Throwable ex) {
            // Reading failed: the client went away or the connection broke. Nobody is left to answer.
            if (this.state.compareAndSet(READING, DONE)) {
                this.deadline.cancel(false);
                logger.debug("Alipay notification body could not be read from "
                        + Texts.forLog(this.request.getRemoteAddr()) + ": " + ex.getClass().getName());
                end(FAIL, true);
            }
        }

        private void tooSlow() {
            if (this.state.compareAndSet(READING, DONE)) {
                logger.warn("Refused an Alipay notification from " + Texts.forLog(this.request.getRemoteAddr())
                        + ": its body did not arrive within " + AlipayNotifyServlet.this.bodyReadTimeout.toMillis()
                        + " ms (alipay.web.body-read-timeout; " + this.received + " bytes received); answered"
                        + " fail and closed the connection");
                end(FAIL, true);
            }
        }

        private void end(String answer, boolean close) {
            try {
                if (close) {
                    closeAfterAnswer(this.response);
                }
                answer(this.response, HttpServletResponse.SC_OK, answer);
            }
            catch (IOException | RuntimeException ex) {
                logger.debug("Could not send the answer to an Alipay notification: " + ex.getClass().getName());
            }
            finally {
                try {
                    this.context.complete();
                }
                catch (RuntimeException ex) {
                    release();
                }
            }
        }

        private void release() {
            if (this.released.compareAndSet(false, true)) {
                AlipayNotifyServlet.this.permits.release();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (this.state.compareAndSet(READING, DONE)) {
                this.deadline.cancel(false);
                end(FAIL, true);
            }
            else {
                release();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

    }

    /** The whole stream, or null when it holds more than {@code limit} bytes. */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Exactly the ASCII bytes of {@code text}: Alipay compares the body with "success". */
    static void answer(HttpServletResponse response, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

}
