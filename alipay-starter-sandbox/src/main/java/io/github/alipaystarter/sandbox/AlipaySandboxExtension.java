package io.github.alipaystarter.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one {@link AlipaySandbox} per test class and closes it after the
 * class. Either register it on a static field and configure it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static AlipaySandboxExtension alipay = AlipaySandboxExtension.withMerchant(SandboxMerchant.DEMO).timeScale(0.001);
 *
 * @Test void pays() { URI gateway = alipay.sandbox().gatewayUrl(); ... }
 * }</pre>
 *
 * or use {@code @ExtendWith(AlipaySandboxExtension.class)} (the demo merchant, real time) and take an
 * {@link AlipaySandbox} parameter in a constructor, a test or a lifecycle method.
 */
public final class AlipaySandboxExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final String OWNER = "owner";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AlipaySandboxExtension.class);

    private final List<SandboxMerchant> merchants = new ArrayList<>();
    private double timeScale = 1.0;
    private Duration returnValidity;
    private boolean notifyClosedTrades;
    private ManualSandboxClock manualTime;
    private volatile AlipaySandbox sandbox;

    /** With the demo merchant and real time; for {@code @ExtendWith}. */
    public AlipaySandboxExtension() {
    }

    public static AlipaySandboxExtension withMerchant(SandboxMerchant merchant) {
        return new AlipaySandboxExtension().merchant(merchant);
    }

    public AlipaySandboxExtension merchant(SandboxMerchant merchant) {
        merchants.add(merchant);
        return this;
    }

    /** See {@link AlipaySandbox.Builder#timeScale(double)}. */
    public AlipaySandboxExtension timeScale(double timeScale) {
        this.timeScale = timeScale;
        return this;
    }

    /** See {@link AlipaySandbox.Builder#returnNotifyIdValidity(Duration)}. */
    public AlipaySandboxExtension returnNotifyIdValidity(Duration validity) {
        this.returnValidity = validity;
        return this;
    }

    /** See {@link AlipaySandbox.Builder#manualTime(ManualSandboxClock)}: the class's sandbox keeps time by {@code time}. */
    public AlipaySandboxExtension manualTime(ManualSandboxClock time) {
        this.manualTime = java.util.Objects.requireNonNull(time);
        return this;
    }

    /** See {@link AlipaySandbox.Builder#notifyClosedTrades(boolean)}. */
    public AlipaySandboxExtension notifyClosedTrades(boolean notifyClosedTrades) {
        this.notifyClosedTrades = notifyClosedTrades;
        return this;
    }

    /** The running sandbox. @throws IllegalStateException before the test class started */
    public AlipaySandbox sandbox() {
        AlipaySandbox s = sandbox;
        if (s == null) {
            throw new IllegalStateException("the sandbox starts before the test class; register the extension on a static field");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(AlipaySandbox.class, AlipaySandbox.class) != null) {
            return; // a @Nested class shares its outer class's sandbox
        }
        AlipaySandbox.Builder b = AlipaySandbox.builder().timeScale(timeScale).notifyClosedTrades(notifyClosedTrades);
        merchants.forEach(b::merchant);
        if (returnValidity != null) {
            b.returnNotifyIdValidity(returnValidity);
        }
        if (manualTime != null) {
            b.manualTime(manualTime);
        }
        AlipaySandbox started = b.start();
        sandbox = started;
        context.getStore(NAMESPACE).put(AlipaySandbox.class, started);
        context.getStore(NAMESPACE).put(OWNER, context.getUniqueId());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(context.getStore(NAMESPACE).get(OWNER, String.class))) {
            return;
        }
        AlipaySandbox s = context.getStore(NAMESPACE).remove(AlipaySandbox.class, AlipaySandbox.class);
        context.getStore(NAMESPACE).remove(OWNER);
        if (s != null) {
            s.close();
        }
        sandbox = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == AlipaySandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        AlipaySandbox s = extensionContext.getStore(NAMESPACE).get(AlipaySandbox.class, AlipaySandbox.class);
        return s != null ? s : sandbox();
    }
}
