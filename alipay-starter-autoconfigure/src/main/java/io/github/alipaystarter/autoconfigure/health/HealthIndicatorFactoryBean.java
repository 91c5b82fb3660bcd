package io.github.alipaystarter.autoconfigure.health;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.beans.factory.FactoryBean;

/**
 * Makes the {@code alipay} health indicator for the Spring Boot line on the classpath. Spring Boot 4.0 moved
 * the health types from {@code org.springframework.boot.actuate.health} (spring-boot-actuator, 3.5) to
 * {@code org.springframework.boot.health.contributor} (spring-boot-health), keeping their shape
 * ({@code HealthIndicator.health()}, {@code Health.status(String).withDetails(Map).build()}). One starter jar
 * serves both lines, and it can be compiled against only one of them, so the indicator is a
 * {@link Proxy} of the {@code HealthIndicator} interface of the given package, answering from
 * {@link AlipayHealth}; {@link #getObjectType()} tells Spring Boot's health registry its type.
 */
public final class HealthIndicatorFactoryBean implements FactoryBean<Object> {

    /** The package of the health types on Spring Boot 4.0. */
    public static final String BOOT_40 = "org.springframework.boot.health.contributor";

    /** The package of the health types on Spring Boot 3.5. */
    public static final String BOOT_35 = "org.springframework.boot.actuate.health";

    private final Supplier<AlipayHealth> health;

    private final Class<?> indicatorType;

    private final Method status;

    private final Method withDetails;

    private final Method build;

    private volatile Object indicator;

    /**
     * @param health asked for the {@link AlipayHealth} at each check, so that making this factory (which
     *     Spring does early, to learn its object type) needs none of the beans the health needs
     * @param healthPackage {@link #BOOT_40} or {@link #BOOT_35}
     */
    public HealthIndicatorFactoryBean(Supplier<AlipayHealth> health, String healthPackage, ClassLoader classLoader) {
        this.health = Objects.requireNonNull(health, "health");
        try {
            this.indicatorType = Class.forName(healthPackage + ".HealthIndicator", false, classLoader);
            Class<?> healthType = Class.forName(healthPackage + ".Health", false, classLoader);
            this.status = healthType.getMethod("status", String.class);
            Class<?> builderType = this.status.getReturnType();
            this.withDetails = builderType.getMethod("withDetails", Map.class);
            this.build = builderType.getMethod("build");
        }
        catch (ClassNotFoundException | NoSuchMethodException ex) {
            throw new IllegalStateException("Spring Boot's health types are not where expected in " + healthPackage, ex);
        }
    }

    @Override
    public Object getObject() {
        Object result = this.indicator;
        if (result == null) {
            synchronized (this) {
                result = this.indicator;
                if (result == null) {
                    result = Proxy.newProxyInstance(this.indicatorType.getClassLoader(),
                            new Class<?>[] { this.indicatorType }, new Handler());
                    this.indicator = result;
                }
            }
        }
        return result;
    }

    @Override
    public Class<?> getObjectType() {
        return this.indicatorType;
    }

    /** Builds a {@code Health} of the given package from {@link AlipayHealth#check()}. */
    Object health() throws ReflectiveOperationException {
        AlipayHealth.Result result = this.health.get().check();
        Object builder = this.status.invoke(null, result.up() ? "UP" : "DOWN");
        builder = this.withDetails.invoke(builder, result.details());
        return this.build.invoke(builder);
    }

    private final class Handler implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            int count = (args != null) ? args.length : 0;
            if (name.equals("health") && count == 0) {
                try {
                    return health();
                }
                catch (InvocationTargetException ex) {
                    throw ex.getCause();
                }
            }
            if (name.equals("toString") && count == 0) {
                return "AlipayHealthIndicator";
            }
            if (name.equals("hashCode") && count == 0) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("equals") && count == 1) {
                return proxy == args[0];
            }
            if (method.isDefault()) {
                // health(boolean) on 4.0, getHealth(boolean) on 3.5: they call health()
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.toString());
        }

    }

}
