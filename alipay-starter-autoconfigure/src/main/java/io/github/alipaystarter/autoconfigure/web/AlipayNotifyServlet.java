package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.core.notify.DeliveryContext;
import io.github.alipaystarter.core.notify.NotificationSource;
import io.github.alipaystarter.core.payment.NotificationProcessor;
import io.github.alipaystarter.core.payment.ProcessingResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The notify_url endpoint (spec 6 and 8). Reads the raw body (never {@code request.getParameter},
 * which would decode in the container's charset), hands it to the processor with the configured
 * {@code _input_charset}, and answers {@code text/plain} with exactly {@code success} or {@code fail}:
 * no newline, no session, no redirect, no error page. Only the body is verified: a query string a
 * proxy or framework added is ignored. Anything else than POST (someone opening the URL by hand)
 * gets {@code fail}.
 */
public class AlipayNotifyServlet extends HttpServlet {

    private static final Log logger = LogFactory.getLog(AlipayNotifyServlet.class);

    private static final String SUCCESS = "success";

    private static final String FAIL = "fail";

    private final transient NotificationProcessor processor;

    private final transient Charset charset;

    private final long maxBodySize;

    /** The processor journals every delivery, refused ones included: it is the journal's only writer. */
    public AlipayNotifyServlet(NotificationProcessor processor, Charset charset, long maxBodySize) {
        this.processor = processor;
        this.charset = charset;
        this.maxBodySize = maxBodySize;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if ("POST".equals(method)) {
            answer(response, HttpServletResponse.SC_OK, receive(request));
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

    private String receive(HttpServletRequest request) {
        try {
            DeliveryContext delivery = new DeliveryContext(NotificationSource.NOTIFY, request.getRemoteAddr());
            long declared = request.getContentLengthLong();
            byte[] body = (declared > this.maxBodySize) ? null : readAtMost(request.getInputStream(), this.maxBodySize);
            if (body == null) {
                return refuseOversized(delivery, declared);
            }
            if (body.length == 0) {
                logger.warn("Alipay notification with an empty body from " + request.getRemoteAddr()
                        + " (if a body was sent, a filter read it first through request.getParameter)");
            }
            ProcessingResult result = this.processor.processRaw(delivery, body, this.charset);
            if (logger.isDebugEnabled()) {
                logger.debug("Alipay notification for " + result.outTradeNo() + ": " + result.outcome() + " ("
                        + result.reason() + ")");
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

    private String refuseOversized(DeliveryContext delivery, long declared) {
        String reason = "body larger than alipay.web.max-body-size (" + this.maxBodySize + " bytes)"
                + ((declared > 0) ? ": Content-Length " + declared : "");
        // Journaled compactly and logged by the processor, within the rejected deliveries' budget.
        this.processor.refuse(delivery, (declared > 0) ? declared : this.maxBodySize + 1, reason);
        return FAIL;
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
