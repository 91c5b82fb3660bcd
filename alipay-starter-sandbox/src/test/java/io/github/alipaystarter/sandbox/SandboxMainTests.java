package io.github.alipaystarter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SandboxMainTests {

    @Test
    void runsTheDemoMerchantOnPort9090WithoutArguments() {
        SandboxMain.Options o = SandboxMain.parse(new String[0]);
        assertThat(o.port()).isEqualTo(9090);
        assertThat(o.bind()).isEqualTo("127.0.0.1");
        assertThat(o.merchant()).isSameAs(SandboxMerchant.DEMO);
        assertThat(o.timeScale()).isEqualTo(1.0);
        assertThat(o.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(o.help()).isFalse();
    }

    @Test
    void readsEveryOption() {
        SandboxMain.Options o = SandboxMain.parse(new String[] {"--port", "9191", "--partner", "2088000000000123",
                "--key", "abcdefghijklmnopqrstuvwxyz012345", "--seller-email", "me@example.com", "--seller-id", "2088000000000999",
                "--time-scale", "0.01", "--charset", "GBK", "--bind", "0.0.0.0", "--anti-phishing", "--trade-status", "TRADE_FINISHED"});
        assertThat(o.port()).isEqualTo(9191);
        assertThat(o.bind()).isEqualTo("0.0.0.0");
        assertThat(o.timeScale()).isEqualTo(0.01);
        assertThat(o.charset().name()).isEqualTo("GBK");
        SandboxMerchant m = o.merchant();
        assertThat(m.partner()).isEqualTo("2088000000000123");
        assertThat(m.key()).isEqualTo("abcdefghijklmnopqrstuvwxyz012345");
        assertThat(m.sellerEmail()).isEqualTo("me@example.com");
        assertThat(m.sellerId()).isEqualTo("2088000000000999");
        assertThat(m.antiPhishing()).isTrue();
        assertThat(m.tradeStatusOnPay()).isEqualTo(TradeStatus.TRADE_FINISHED);
    }

    @Test
    void acceptsOptionsWrittenWithAnEqualsSign() {
        SandboxMain.Options o = SandboxMain.parse(new String[] {"--port=0", "--time-scale=0.5"});
        assertThat(o.port()).isZero();
        assertThat(o.timeScale()).isEqualTo(0.5);
    }

    @Test
    void refusesAKeyWithoutAPartner() {
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--key", "abcdefghijklmnopqrstuvwxyz012345"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--key needs --partner");
    }

    @Test
    void refusesAShortKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--partner", "2088000000000123", "--key", "secret123"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 letters and digits")
                .hasMessageNotContaining("secret123");
    }

    @Test
    void refusesABadPortScaleCharsetAndUnknownOptions() {
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port", "70000"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port", "x"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--time-scale", "0"})).hasMessageContaining("--time-scale");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--charset", "big5"})).hasMessageContaining("--charset");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--verbose"})).hasMessageContaining("unknown option '--verbose'");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--port"})).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--partner", "--key", "x"})).hasMessageContaining("--partner needs a value");
    }

    @Test
    void showsHelp() {
        assertThat(SandboxMain.parse(new String[] {"--help"}).help()).isTrue();
        assertThat(SandboxMain.USAGE).contains("--port", "--partner", "--key", "--time-scale", "--charset");
    }

    @Test
    void printsTheGatewayAndAnExampleRequestTheSandboxAccepts() throws Exception {
        SandboxMain.Options o = SandboxMain.parse(new String[] {"--port", "0", "--charset", "gbk"});
        try (AlipaySandbox sandbox = AlipaySandbox.builder().port(o.port()).merchant(o.merchant()).start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            SandboxMain.banner(new PrintStream(bytes, true, StandardCharsets.UTF_8), sandbox, o);
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(out).contains(sandbox.gatewayUrl().toString(), SandboxMerchant.DEMO.partner(), "sandbox-seller@example.com");
            String example = out.lines().filter(l -> l.contains("try it")).findFirst().orElseThrow().replaceFirst(".*try it\\s+", "");
            HttpResponse<String> cashier = SandboxTestSupport.get(URI.create(example));
            assertThat(SandboxTestSupport.errorCode(cashier)).as(cashier.body()).isNull();
            assertThat(cashier.body()).contains("沙箱测试商品");
        }
    }

    @Test
    void neverPrintsAKeyGivenOnTheCommandLine() throws Exception {
        SandboxMain.Options o = SandboxMain.parse(new String[] {"--port", "0", "--partner", "2088000000000123",
                "--key", "abcdefghijklmnopqrstuvwxyz012345"});
        try (AlipaySandbox sandbox = AlipaySandbox.builder().port(0).merchant(o.merchant()).start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            SandboxMain.banner(new PrintStream(bytes, true, StandardCharsets.UTF_8), sandbox, o);
            assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("abcdefghijklmnopqrstuvwxyz012345");
        }
    }
}
