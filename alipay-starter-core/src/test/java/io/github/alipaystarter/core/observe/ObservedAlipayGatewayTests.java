package io.github.alipaystarter.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayResponseException;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ObservedAlipayGatewayTests {

    private final List<GatewayCall> calls = new CopyOnWriteArrayList<>();
    private final AlipayObserver observer = new AlipayObserver() {
        @Override
        public void gatewayCalled(GatewayCall call) {
            calls.add(call);
        }
    };

    private static AlipayGateway answering(Supplier<NotifyVerifyAnswer> verify, Supplier<String> timestamp,
            Supplier<TradeQueryResult> query) {
        return new AlipayGateway() {
            @Override
            public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
                return verify.get();
            }

            @Override
            public String queryTimestamp() {
                return timestamp.get();
            }

            @Override
            public TradeQueryResult singleTradeQuery(String outTradeNo) {
                return query.get();
            }
        };
    }

    @Test
    void reportsTheNotifyVerifyAnswerAsTheResult() {
        for (NotifyVerifyAnswer answer : NotifyVerifyAnswer.values()) {
            ObservedAlipayGateway gateway = new ObservedAlipayGateway(answering(() -> answer, null, null), observer);
            assertThat(gateway.verifyNotifyId("n1")).isEqualTo(answer);
        }
        assertThat(calls).extracting(GatewayCall::service).containsOnly("notify_verify");
        assertThat(calls).extracting(GatewayCall::result).containsExactly("true", "false", "invalid", "other");
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.failed()).isFalse();
            assertThat(c.duration().isNegative()).isFalse();
        });
    }

    @Test
    void reportsTradeQueryAnswersAsOkNotFoundOrRefused() {
        new ObservedAlipayGateway(answering(null, () -> "key", () -> TradeQueryResult.error("TRADE_NOT_EXIST")), observer)
                .singleTradeQuery("T1");
        new ObservedAlipayGateway(answering(null, () -> "key", () -> TradeQueryResult.error("ILLEGAL_PARTNER")), observer)
                .singleTradeQuery("T1");
        new ObservedAlipayGateway(answering(null, () -> "key", null), observer).queryTimestamp();

        assertThat(calls).extracting(c -> c.service() + " " + c.result()).containsExactly(
                "single_trade_query not_found", "single_trade_query refused", "query_timestamp ok");
    }

    @Test
    void tellsTimeoutsFromOtherFailuresAndRethrowsTheSameException() {
        GatewayUnavailableException timeout = new GatewayUnavailableException("notify_verify: timed out",
                new HttpTimeoutException("request timed out"));
        GatewayUnavailableException deadline = new GatewayUnavailableException("no complete answer", new TimeoutException());
        GatewayUnavailableException refused = new GatewayUnavailableException("could not reach", new IOException("refused"));
        GatewayResponseException unreadable = new GatewayResponseException("not XML");
        IllegalStateException other = new IllegalStateException("secret-looking text");

        for (RuntimeException e : List.of(timeout, deadline, refused, unreadable, other)) {
            ObservedAlipayGateway gateway = new ObservedAlipayGateway(answering(() -> {
                throw e;
            }, null, null), observer);
            assertThatThrownBy(() -> gateway.verifyNotifyId("n1")).isSameAs(e);
        }

        assertThat(calls).extracting(GatewayCall::result)
                .containsExactly("timeout", "timeout", "unavailable", "error", "error");
        assertThat(calls).extracting(GatewayCall::problem).containsExactly("notify_verify: timed out",
                "no complete answer", "could not reach", "not XML", "java.lang.IllegalStateException");
    }
}
