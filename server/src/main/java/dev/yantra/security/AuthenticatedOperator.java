package dev.yantra.security;

import dev.yantra.inbound.InboundAuthFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/**
 * Who signed the current request, put on the request by {@link InboundAuthFilter} for controllers:
 * {@code request.getAttribute(AuthenticatedOperator.ATTRIBUTE)}. The raw body the signature covered is under
 * {@link #BODY_ATTRIBUTE} (byte[]), so controllers parse exactly the bytes that were verified.
 */
public record AuthenticatedOperator(UUID operatorId, String kid, String sourceIp, String operatorStatus) {
    public static final String ATTRIBUTE = "yantra.authenticatedOperator";
    public static final String BODY_ATTRIBUTE = "yantra.verifiedBody";

    /** The authenticated operator of a request the filter let through; IllegalStateException otherwise (a wiring bug). */
    public static AuthenticatedOperator of(HttpServletRequest request) {
        Object a = request.getAttribute(ATTRIBUTE);
        if (a instanceof AuthenticatedOperator op) return op;
        throw new IllegalStateException("request reached an operator endpoint without inbound authentication");
    }

    public static byte[] body(HttpServletRequest request) {
        Object b = request.getAttribute(BODY_ATTRIBUTE);
        return b instanceof byte[] bytes ? bytes : new byte[0];
    }
}
