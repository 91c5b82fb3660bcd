package io.github.alipaystarter.autoconfigure.antiphishing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client address of the HTTP request bound to the current thread ({@link RequestContextHolder}, bound by
 * Spring MVC's DispatcherServlet and Boot's RequestContextFilter), or null outside a request. It is
 * {@link HttpServletRequest#getRemoteAddr()}, which already honours {@code server.forward-headers-strategy}:
 * {@code native} (the container's RemoteIpValve, for proxies it trusts) and {@code framework}
 * (ForwardedHeaderFilter) replace it with the forwarded client address; {@code none} leaves the proxy's.
 */
final class CurrentRequestClientAddress implements Supplier<String> {

    @Override
    public String get() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return servlet.getRequest().getRemoteAddr();
        }
        return null;
    }
}
