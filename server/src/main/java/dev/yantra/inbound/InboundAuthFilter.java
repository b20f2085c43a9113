package dev.yantra.inbound;

import dev.yantra.api.Json;
import dev.yantra.config.YantraEnv;
import dev.yantra.edge.FailedAuthLimiter;
import dev.yantra.edge.CachedBodyRequest;
import dev.yantra.edge.TextAtTheEdgeFilter;
import dev.yantra.edge.TooManyRequests;
import dev.yantra.operator.CredentialStore;
import dev.yantra.operator.CredentialStore.InboundLookup;
import dev.yantra.operator.IpAllowList;
import dev.yantra.security.AuthenticatedOperator;
import dev.yantra.signing.RequestSigner;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;

/**
 * Owns inbound authentication and authorization of the operator API (/v1/** except /v1/public, /v1/play,
 * /v1/admin and the OpenAPI document), in the order of docs/integration-guide.md, section 2: headers, clock window, credential
 * (exists and inbound, not revoked, not_before, not_after), operator not terminated, signature — each failure
 * a 401 with its reason, counted and recorded. Then authorization: source address in the allow-list, body
 * operatorId = the credential's, paused operators may only read, and the per-operator rate limit.
 * The body is read once (at most 1 MiB, else 413) and handed on.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class InboundAuthFilter extends OncePerRequestFilter {
    public static final int MAX_BODY_BYTES = TextAtTheEdgeFilter.MAX_BODY_BYTES;
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final CredentialStore credentials;
    private final InboundObservations observations;
    private final int windowSeconds;
    private final Clock clock;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final FailedAuthLimiter failedAuth;

    public InboundAuthFilter(CredentialStore credentials, InboundObservations observations, YantraEnv env,
                             ObjectProvider<Clock> clock, FailedAuthLimiter failedAuth) {
        this.failedAuth = failedAuth;
        this.credentials = credentials;
        this.observations = observations;
        this.windowSeconds = env.signatureWindowSeconds();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    static boolean isOperatorApi(String path) {
        return path.startsWith("/v1/") && !path.startsWith("/v1/public/") && !path.startsWith("/v1/play/")
                && !path.startsWith("/v1/admin/") && !path.equals("/v1/admin") && !path.equals("/v1/openapi.json");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (!path.startsWith("/v1/")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            tooLarge(request, response);
            return;
        }
        if (!isOperatorApi(path)) {
            chain.doFilter(request, response);
            return;
        }
        String kid = request.getHeader(RequestSigner.KEY_ID_HEADER);
        String timestamp = request.getHeader(RequestSigner.TIMESTAMP_HEADER);
        String signature = request.getHeader(RequestSigner.SIGNATURE_HEADER);
        String ip = request.getRemoteAddr();
        long wait = failedAuth.retryAfterSeconds(ip);
        if (wait > 0) {  // this source keeps failing: answered before any lookup, recorded only as a metric
            observations.throttled(ip);
            TooManyRequests.write(response, FailedAuthLimiter.REASON, "too many failed authentications from this address; retry later", wait);
            return;
        }
        Instant now = clock.instant();
        Optional<InboundLookup> found = blank(kid) ? Optional.empty() : credentials.lookupInbound(kid);
        UUID operatorId = found.map(InboundLookup::operatorId).orElse(null);
        if (blank(kid) || blank(timestamp) || blank(signature)) {
            reject(response, "missing_signature_headers", "x-yantra-key-id, x-yantra-timestamp and x-yantra-signature are required",
                    operatorId, kid, request, ip, timestamp, now, null);
            return;
        }
        Long drift = parseDrift(timestamp, now);
        if (drift == null || Math.abs(drift) > windowSeconds) {
            reject(response, "clock_skew_outside_window", drift == null ? "x-yantra-timestamp must be unix seconds: 1 to 12 ASCII digits"
                            : "timestamp is " + drift + " s from our clock; the window is ±" + windowSeconds + " s",
                    operatorId, kid, request, ip, timestamp, now, drift);
            return;
        }
        String credentialProblem = credentialProblem(found);
        if (credentialProblem != null) {
            reject(response, credentialProblem, credentialMessage(credentialProblem), operatorId, kid, request, ip, timestamp, now, drift);
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            tooLarge(request, response);
            return;
        }
        InboundLookup cred = found.get();
        if (!RequestSigner.verify(cred.secret(), request.getMethod(), path, timestamp, body, signature)) {
            reject(response, "invalid_signature", "signature does not match the canonical request",
                    operatorId, kid, request, ip, timestamp, now, drift);
            return;
        }
        observations.accepted(operatorId, kid, ip, drift);
        String refusal = authorize(cred, request, path, body, ip);
        if (refusal != null) {
            observations.refused(refusal, operatorId);
            if (refusal.equals("rate_limited")) {
                // the bucket holds one second's worth: a token is back within a second
                TooManyRequests.write(response, refusal, refusalMessage(refusal), 1);
            } else {
                write(response, 403, refusal, refusalMessage(refusal));
            }
            return;
        }
        request.setAttribute(AuthenticatedOperator.ATTRIBUTE, new AuthenticatedOperator(operatorId, kid, ip, cred.operatorStatus()));
        request.setAttribute(AuthenticatedOperator.BODY_ATTRIBUTE, body);
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static String credentialProblem(Optional<InboundLookup> found) {
        if (found.isEmpty() || found.get().kind() != CredentialStore.Kind.INBOUND || found.get().revoked()) {
            return "unknown_or_revoked_kid";
        }
        if (found.get().notYetValid()) return "credential_not_yet_valid";
        if (found.get().expired()) return "credential_expired";
        if ("TERMINATED".equals(found.get().operatorStatus())) return "operator_terminated";
        return null;
    }

    private static String credentialMessage(String reason) {
        return switch (reason) {
            case "unknown_or_revoked_kid" -> "the key id is unknown, not an inbound key, or revoked";
            case "credential_not_yet_valid" -> "the credential's not_before is in the future";
            case "credential_expired" -> "the credential's not_after has passed";
            default -> "the operator is terminated";
        };
    }

    /** Authenticated; may it do this? Returns the refusal reason or null. */
    private String authorize(InboundLookup cred, HttpServletRequest request, String path, byte[] body, String ip) {
        if (!IpAllowList.allows(cred.ipAllowList(), ip)) return "ip_not_allowed";
        String bodyOperator = bodyOperatorId(body);
        if (bodyOperator != null && !bodyOperator.equalsIgnoreCase(cred.operatorId().toString())) return "operator_mismatch";
        boolean mutating = !READ_METHODS.contains(request.getMethod().toUpperCase());
        // A paused operator may still read and end sessions (it reduces exposure); it may not start new play.
        if ("PAUSED".equals(cred.operatorStatus()) && mutating && !path.endsWith("/terminate")) return "operator_paused";
        if (!rateLimiter.tryAcquire(cred.operatorId(), cred.rateLimitPerSecond(), System.nanoTime())) return "rate_limited";
        return null;
    }

    private static String refusalMessage(String reason) {
        return switch (reason) {
            case "ip_not_allowed" -> "the source address is not in the operator's IP allow-list";
            case "operator_mismatch" -> "operatorId in the body is not the operator of this credential";
            case "operator_paused" -> "the operator is paused: reads only";
            default -> "over the operator's request rate limit";
        };
    }

    /** The body's operatorId when it is a JSON object with a string operatorId; anything else is for the controller. */
    private static String bodyOperatorId(byte[] body) {
        if (body.length == 0) return null;
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            JsonNode op = node != null && node.isObject() ? node.get("operatorId") : null;
            return op != null && op.isString() ? op.stringValue() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long parseDrift(String timestamp, Instant now) {
        return RequestSigner.driftSeconds(timestamp, now.getEpochSecond());
    }

    private void reject(HttpServletResponse response, String reason, String message, UUID operatorId, String kid,
                        HttpServletRequest request, String ip, String timestamp, Instant now, Long drift) throws IOException {
        failedAuth.failed(ip);
        observations.rejected(reason, operatorId, kid, request.getMethod(), request.getRequestURI(), ip, timestamp, now, drift);
        write(response, 401, reason, message);
    }

    private static void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        drain(request.getInputStream());  // so the client reads our answer instead of a reset connection
        write(response, 413, "payload_too_large", "request body must be at most " + MAX_BODY_BYTES + " bytes");
    }

    static void write(HttpServletResponse response, int status, String reason, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.error(reason, message));
    }

    /** The body, or null when it is over the limit (the rest is drained). */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        InputStream in = request.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_BODY_BYTES) {
                drain(in);
                return null;
            }
        }
        return out.toByteArray();
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[65536];
        long total = 0;
        try {
            int n;
            while (total < MAX_DRAIN_BYTES && (n = in.read(buf)) > 0) total += n;
        } catch (IOException ignored) {
            // the client went away; nothing to answer
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
