package dev.yantra.session;

import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;

import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.idempotency.Idempotency;
import dev.yantra.idempotency.Idempotency.StoredResponse;
import dev.yantra.operator.Operators;
import dev.yantra.ops.metrics.SloMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.yantra.operator.Operators.Operator;
import dev.yantra.security.AuthenticatedOperator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The operator's session endpoints of docs/integration-guide.md, section 4: create (idempotent), read, terminate (idempotent).
 * Requests arrive authenticated by InboundAuthFilter; every input is validated before anything is written.
 */
@RestController
@Guarded(Surface.OPERATOR)
public class SessionController {
    public static final Set<String> KNOWN_GAMES = Set.of("ketapola-dice");
    private final SessionStore sessions;
    private final Operators operators;
    private final Idempotency idempotency;
    private final ObjectProvider<SeedHashSource> seedHashes;
    private final SloMeters slo;
    private final dev.yantra.config.YantraEnv env;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    public SessionController(SessionStore sessions, Operators operators, Idempotency idempotency, ObjectProvider<SeedHashSource> seedHashes,
                             PrometheusMeterRegistry meters, dev.yantra.config.YantraEnv env,
                             org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.env = env;
        this.jdbc = jdbc;
        this.slo = new SloMeters(meters);
        this.sessions = sessions;
        this.operators = operators;
        this.idempotency = idempotency;
        this.seedHashes = seedHashes;
    }

    @PostMapping("/v1/session")
    public ResponseEntity<String> create(HttpServletRequest request) {
        long received = dev.yantra.server.RequestIdFilter.receivedNanos(request);
        AuthenticatedOperator auth = AuthenticatedOperator.of(request);
        try {
            return createSession(request, auth);
        } finally {
            // every answer to an authenticated operator counts, refusals included: the operator waited for it
            slo.sessionCreated(auth.operatorId(), java.time.Duration.ofNanos(System.nanoTime() - received));
        }
    }

    private ResponseEntity<String> createSession(HttpServletRequest request, AuthenticatedOperator auth) {
        JsonNode body = Json.parseObject(AuthenticatedOperator.body(request));
        SessionStore.NewSession n = validate(body, auth);
        String launchBase = env.publicBaseUrlOrLocal();
        StoredResponse r = idempotency.execute(auth.operatorId(), n.requestUuid(), "POST /v1/session", Json.canonical(body),
                auth.kid(), auth.sourceIp(), () -> {
                    SessionStore.Created c = sessions.create(n);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("sessionId", c.session().id().toString());
                    out.put("sessionToken", c.token());
                    out.put("launchUrl", launchBase + "/play?session=" + c.token());
                    out.put("expiresAt", c.session().expiresAt().toString());
                    out.put("serverSeedHash", seedHash(n).orElse(null));
                    return new StoredResponse(201, Json.write(out));
                });
        return json(r);
    }

    @GetMapping("/v1/session/{id}")
    public ResponseEntity<String> get(@PathVariable("id") String id, HttpServletRequest request) {
        AuthenticatedOperator auth = AuthenticatedOperator.of(request);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(ownSession(auth, id).toJson()));
    }

    @PostMapping("/v1/session/{id}/terminate")
    public ResponseEntity<String> terminate(@PathVariable("id") String id, HttpServletRequest request) {
        AuthenticatedOperator auth = AuthenticatedOperator.of(request);
        JsonNode body = Json.parseObject(AuthenticatedOperator.body(request));
        UUID requestUuid = Fields.requiredUuid(body, "requestUuid");
        String reason = Fields.optionalString(body, "reason", 256).orElse(null);
        SessionStore.PlayerSession s = ownSession(auth, id);
        StoredResponse r = idempotency.execute(auth.operatorId(), requestUuid, "POST /v1/session/" + s.id() + "/terminate",
                Json.canonical(body), auth.kid(), auth.sourceIp(), () -> {
                    sessions.terminate(auth.operatorId(), s.id(), reason);
                    return new StoredResponse(200, Json.write(sessions.find(auth.operatorId(), s.id()).orElseThrow().toJson()));
                });
        return json(r);
    }

    private SessionStore.PlayerSession ownSession(AuthenticatedOperator auth, String id) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "not_found", "no such session");
        }
        return sessions.find(auth.operatorId(), sessionId).orElseThrow(() -> new ApiException(404, "not_found", "no such session"));
    }

    private SessionStore.NewSession validate(JsonNode body, AuthenticatedOperator auth) {
        UUID requestUuid = Fields.requiredUuid(body, "requestUuid");
        String operatorId = Fields.requiredString(body, "operatorId", 64);
        if (!operatorId.equalsIgnoreCase(auth.operatorId().toString())) {
            throw new ApiException(403, "operator_mismatch", "operatorId in the body is not the operator of this credential");
        }
        String playerRef = Fields.requiredString(body, "playerRef", 128);
        if (playerRef.isBlank()) throw new ApiException(400, "invalid_request", "playerRef must be 1-128 characters");
        if (playerRef.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new ApiException(400, "invalid_request", "playerRef must not contain control characters");
        }
        String gameCode = Fields.requiredString(body, "gameCode", 64);
        if (!KNOWN_GAMES.contains(gameCode)) throw new ApiException(400, "unknown_game", "unknown gameCode '" + gameCode + "'");
        String currency = Fields.requiredString(body, "currency", 8);
        Operator op = operators.findById(auth.operatorId()).orElseThrow();
        if (!op.allowedCurrencies().contains(currency)) {
            throw new ApiException(400, "currency_not_allowed", "currency " + currency + " is not enabled for this operator");
        }
        requireEnabledTable(auth.operatorId(), gameCode, currency);
        String mode = Fields.optionalString(body, "mode", 8).orElse("real");
        if (!mode.equals("real") && !mode.equals("demo")) throw new ApiException(400, "invalid_request", "mode must be real or demo");
        String lang = Fields.optionalString(body, "lang", 16).orElse(null);
        String country = Fields.optionalString(body, "country", 8).orElse(null);
        String returnUrl = Fields.optionalString(body, "returnUrl", 2048).orElse(null);
        String clientSeed = Fields.optionalString(body, "clientSeed", 128).orElse(null);
        return new SessionStore.NewSession(auth.operatorId(), requestUuid, playerRef, gameCode, currency, lang, country, mode,
                returnUrl, clientSeed, auth.kid(), auth.sourceIp());
    }

    /**
     * A session is only worth a launch URL when a table will take its bets: the operator has an enabled game config
     * for this game and currency (it is what creates and runs the table). Without one the player would open a dead
     * page, so the operator hears it now: 422 game_not_available.
     */
    private void requireEnabledTable(UUID operatorId, String gameCode, String currency) {
        boolean enabled = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM operator_game_configs
                                        WHERE operator_id = ? AND game_code = ? AND currency = ? AND enabled)""")
                .params(operatorId, gameCode, currency).query(Boolean.class).single();
        if (!enabled) {
            throw new ApiException(422, "game_not_available", "game " + gameCode + " in " + currency
                    + " has no enabled table for this operator; its configuration is `yantra config set --operator <operator> --game " + gameCode
                    + " --currency " + currency + " enabled=true`");
        }
    }

    private java.util.Optional<String> seedHash(SessionStore.NewSession n) {
        SeedHashSource source = seedHashes.orderedStream().filter(s -> !(s instanceof DefaultSeedHashSource)).findFirst()
                .orElseGet(DefaultSeedHashSource::new);
        return source.currentSeedHash(n.operatorId(), n.gameCode(), n.currency());
    }

    static ResponseEntity<String> json(StoredResponse r) {
        return ResponseEntity.status(r.status()).contentType(MediaType.APPLICATION_JSON).body(r.body());
    }
}
