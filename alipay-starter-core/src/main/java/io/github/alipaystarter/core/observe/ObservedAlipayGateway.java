package io.github.alipaystarter.core.observe;

import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayResponseException;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link AlipayGateway} that tells an {@link AlipayObserver} of every call: the service, a result
 * (see {@link GatewayCall#result()}) and the time it took. Answers and exceptions pass through
 * unchanged. Works with any gateway client, so the figures are the same whatever client is in use.
 */
public final class ObservedAlipayGateway implements AlipayGateway {

    private final AlipayGateway gateway;
    private final AlipayObserver observer;

    public ObservedAlipayGateway(AlipayGateway gateway, AlipayObserver observer) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.observer = AlipayObserver.of(java.util.List.of(Objects.requireNonNull(observer, "observer")));
    }

    /** The gateway this one observes. */
    public AlipayGateway delegate() {
        return gateway;
    }

    @Override
    public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
        return call("notify_verify", () -> gateway.verifyNotifyId(notifyId),
                a -> a == null ? "other" : a.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String queryTimestamp() {
        return call("query_timestamp", gateway::queryTimestamp, k -> "ok");
    }

    @Override
    public TradeQueryResult singleTradeQuery(String outTradeNo) {
        return call("single_trade_query", () -> gateway.singleTradeQuery(outTradeNo), ObservedAlipayGateway::queryResult);
    }

    private static String queryResult(TradeQueryResult r) {
        if (r == null || r.found()) {
            return "ok";
        }
        return "TRADE_NOT_EXIST".equals(r.errorCode()) ? "not_found" : "refused";
    }

    private <T> T call(String service, Supplier<T> call, Function<T, String> result) {
        long start = System.nanoTime();
        T answer;
        try {
            answer = call.get();
        } catch (RuntimeException | Error e) {
            observer.gatewayCalled(new GatewayCall(service, failure(e), since(start), problem(e)));
            throw e;
        }
        observer.gatewayCalled(new GatewayCall(service, result.apply(answer), since(start), null));
        return answer;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** timeout, unavailable or error: a bounded set of values, fit for a metric tag. */
    static String failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return "timeout";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e instanceof GatewayUnavailableException ? "unavailable" : "error";
    }

    private static String problem(Throwable e) {
        if (e instanceof GatewayUnavailableException || e instanceof GatewayResponseException) {
            return String.valueOf(e.getMessage());
        }
        // not one of the gateway's own exceptions: its message was not written with secrets in mind
        return e.getClass().getName();
    }

    @Override
    public String toString() {
        return "ObservedAlipayGateway{" + gateway + "}";
    }
}
