package dev.yantra.reconcile;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * Which operator signed this request. The operator-integration signature filter authenticates the request and
 * puts the operator id in request attribute {@value #REQUEST_ATTRIBUTE}; this is the one place reconciliation
 * reads it, so a different mechanism only needs another bean of this type.
 */
@FunctionalInterface
public interface AuthenticatedOperator {
    String REQUEST_ATTRIBUTE = "yantra.operatorId";

    /** The operator, or empty when the request is not authenticated as one. */
    Optional<UUID> of(HttpServletRequest request);

    /** Reads {@value #REQUEST_ATTRIBUTE}, a UUID or its text. */
    AuthenticatedOperator FROM_REQUEST_ATTRIBUTE = request -> {
        if (request.getAttribute(dev.yantra.security.AuthenticatedOperator.ATTRIBUTE) instanceof dev.yantra.security.AuthenticatedOperator op) {
            return Optional.of(op.operatorId());   // set by the inbound signature filter
        }
        Object value = request.getAttribute(REQUEST_ATTRIBUTE);
        if (value instanceof UUID id) {
            return Optional.of(id);
        }
        return value instanceof String s ? Optional.ofNullable(DatabaseOurs.parseUuid(s)) : Optional.empty();
    };
}
