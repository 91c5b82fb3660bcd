package io.github.alipaystarter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.alipaystarter.core.conformance.ConformanceItem;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The sandbox's own request checker ({@link PayRequestChecker}, with its own canonical string and MD5) runs
 * every real create_direct_pay_by_user request of the core's conformance suite (read from the core's
 * test-jar, the same files), and gives the outcome each item's {@code expect.sandbox} states: a request
 * the real gateway accepted is accepted, where the merchant's key is published with it; a request whose key
 * is not published fails the signature exactly as Alipay answers a wrong key (ILLEGAL_SIGN) and, re-signed
 * with the sandbox merchant's key, is accepted ({@code expect.sandbox.resigned}).
 */
class ConformanceRequestCheckerTests {

    static final String TEST_KEY = "conformancetestkey0123456789abcd";

    private static final List<ConformanceItem> REQUESTS = ConformanceItem.all().stream()
            .filter(i -> i.kind().equals("REQUEST")).toList();

    @Test
    void readsTheRealRequestsOfTheCoreSuite() {
        assertThat(REQUESTS).hasSizeGreaterThanOrEqualTo(5).allSatisfy(i -> assertThat(i.expect("sandbox")).isNotBlank());
    }

    @TestFactory
    Stream<DynamicTest> realRequests() {
        return REQUESTS.stream().flatMap(item -> {
            Stream<DynamicTest> asPublished = Stream.of(DynamicTest.dynamicTest(
                    item.name() + ": sandbox " + item.expect("sandbox"), () -> asPublished(item)));
            return item.expect("sandbox.resigned") == null ? asPublished : Stream.concat(asPublished, Stream.of(
                    DynamicTest.dynamicTest(item.name() + ": re-signed with the test key, sandbox "
                            + item.expect("sandbox.resigned"), () -> resigned(item))));
        });
    }

    private void asPublished(ConformanceItem item) {
        Map<String, String> p = item.parameters();
        String key = item.md5Key() != null ? item.md5Key() : TEST_KEY;
        outcome(item.expect("sandbox"), p, item, key);
    }

    private void resigned(ConformanceItem item) {
        Map<String, String> p = new LinkedHashMap<>(item.parameters());
        p.put("sign_type", "MD5");
        p.put("sign", new AlipaySigner(new Md5Signer(TEST_KEY), item.charset()).sign(p));
        outcome(item.expect("sandbox.resigned"), p, item, TEST_KEY);
    }

    private static void outcome(String expected, Map<String, String> p, ConformanceItem item, String key) {
        PayRequestChecker.Context context = context(p, key);
        PayRequestChecker.Arrival arrival = new PayRequestChecker.Arrival(item.charset(),
                !p.containsKey("_input_charset"), p.get("exter_invoke_ip"), false);
        if (expected.equals("ACCEPTED")) {
            assertThatCode(() -> PayRequestChecker.check(p, arrival, context)).doesNotThrowAnyException();
            PayOrder order = PayRequestChecker.check(p, arrival, context);
            assertThat(order).isNotNull();
        } else {
            SandboxRejectedException e = catchThrowableOfType(SandboxRejectedException.class,
                    () -> PayRequestChecker.check(p, arrival, context));
            assertThat(e).as("expected the sandbox to answer " + expected).isNotNull();
            assertThat(e.rejection().code()).isEqualTo(expected);
        }
    }

    /** One merchant: the request's partner with the published key (or the test key) and its seller. */
    private static PayRequestChecker.Context context(Map<String, String> p, String key) {
        SandboxMerchant base = SandboxMerchant.md5(p.get("partner"), key);
        SandboxMerchant merchant = base.sellerId(p.get("seller_id") != null ? p.get("seller_id") : p.get("partner"))
                .sellerEmail(p.get("seller_email") != null ? p.get("seller_email") : base.sellerEmail());
        return new PayRequestChecker.Context() {
            @Override
            public SandboxMerchant merchant(String partner) {
                return partner.equals(merchant.partner()) ? merchant : null;
            }

            @Override
            public boolean isOtherMerchantsSeller(String partner, String idOrAccount) {
                return false;
            }

            @Override
            public PayRequestChecker.KeyProblem checkAntiPhishingKey(String partner, String antiPhishingKey) {
                return null; // the key was current when the real request was sent
            }

            @Override
            public TradeRecord trade(String partner, String outTradeNo) {
                return null;
            }

            @Override
            public java.time.Instant now() {
                return java.time.Instant.now();
            }
        };
    }
}
