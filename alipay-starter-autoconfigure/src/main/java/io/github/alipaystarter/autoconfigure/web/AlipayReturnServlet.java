package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.engine.DeliveryContext;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The return_url endpoint (spec 5): the buyer's browser arrives with the signed parameters in the query
 * string. The raw query string is decoded once, in the configured charset, and processed like a
 * notification (a return can pay the trade first); then the buyer is redirected (302) to
 * {@code alipay.web.result-url} with the out_trade_no and the {@link Outcome}.
 */
public class AlipayReturnServlet extends HttpServlet {

    private static final Log logger = LogFactory.getLog(AlipayReturnServlet.class);

    private final transient NotificationProcessor processor;

    private final transient Charset charset;

    private final transient ResultLocation resultLocation;

    public AlipayReturnServlet(NotificationProcessor processor, Charset charset, ResultLocation resultLocation) {
        this.processor = processor;
        this.charset = charset;
        this.resultLocation = resultLocation;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            AlipayNotifyServlet.answer(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "fail");
            return;
        }
        String outTradeNo = null;
        Outcome outcome;
        try {
            ProcessingResult result = this.processor.processRaw(
                    new DeliveryContext(NotificationSource.RETURN, request.getRemoteAddr()),
                    rawQuery(request.getQueryString()), this.charset);
            outTradeNo = result.outTradeNo();
            outcome = result.outcome();
            if (logger.isDebugEnabled()) {
                logger.debug("Alipay return for " + Texts.forLog(outTradeNo) + ": " + outcome + " ("
                        + Texts.forLog(result.reason()) + ")");
            }
        }
        catch (Exception ex) {
            logger.error("Alipay return could not be processed", ex);
            outcome = Outcome.ERROR;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", this.resultLocation.resolve(request.getContextPath(), outTradeNo, outcome));
    }

    /**
     * The query string's bytes as they arrived. Containers keep the undecoded query as ISO-8859-1
     * characters (one per byte); a container that decoded it as UTF-8 is handled too.
     */
    static byte[] rawQuery(String queryString) {
        if (queryString == null) {
            return new byte[0];
        }
        boolean latin1 = queryString.chars().allMatch((c) -> c <= 0xFF);
        return queryString.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

}
