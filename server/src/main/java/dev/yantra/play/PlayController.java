package dev.yantra.play;

import dev.yantra.api.Amounts;
import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.edge.FailedAuthLimiter;
import dev.yantra.edge.TooManyRequests;
import dev.yantra.wallet.PlayerBalances;
import dev.yantra.idempotency.Idempotency;
import dev.yantra.ops.metrics.SloMeters;
import dev.yantra.round.port.BetState;
import dev.yantra.security.Guarded;
import dev.yantra.security.PageHeaders;
import dev.yantra.security.Surface;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import dev.yantra.round.RoundStore;
import dev.yantra.round.TableDirectory;
import dev.yantra.round.TableSpec;
import dev.yantra.round.port.PlaySession;
import dev.yantra.round.port.SessionDirectory;
import dev.yantra.round.port.WalletPort;
import dev.yantra.round.port.WalletReply;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Player endpoints (Bearer session token): bets, table state, the SSE feed; and the /play and /verify pages. */
@RestController
@Guarded(Surface.SELF_AUTHENTICATED)
public class PlayController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY_BYTES = 4096;

    private final SessionDirectory sessions;
    private final BetService betService;
    private final PlayEvents events;
    private final TableDirectory tables;
    private final RoundStore rounds;
    private final TableStates states;
    private final WalletPort wallet;
    private final dev.yantra.round.BetStore bets;
    private final Clock clock;

    private final PlayHistory history;
    private final Launches launches;
    private final SloMeters slo;
    private final JdbcClient jdbc;
    private final FailedAuthLimiter failedAuth;
    private final PlayLimiter limiter;
    private final PlayerBalances balances;

    public PlayController(SessionDirectory sessions, BetService betService, PlayEvents events, TableDirectory tables,
                          RoundStore rounds, TableStates states, WalletPort wallet, dev.yantra.round.BetStore bets,
                          Clock clock, JdbcClient jdbc, PrometheusMeterRegistry meters, FailedAuthLimiter failedAuth,
                          PlayLimiter limiter, PlayerBalances balances, PlayHistory history, Launches launches) {
        this.failedAuth = failedAuth;
        this.limiter = limiter;
        this.balances = balances;
        this.slo = new SloMeters(meters);
        this.jdbc = jdbc;
        this.history = history;
        this.launches = launches;
        this.sessions = sessions;
        this.betService = betService;
        this.events = events;
        this.tables = tables;
        this.rounds = rounds;
        this.states = states;
        this.wallet = wallet;
        this.bets = bets;
        this.clock = clock;
    }

    @PostMapping(path = "/v1/play/bets", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> bet(@RequestHeader(value = "Authorization", required = false) String auth,
                                                   @RequestBody(required = false) byte[] body,
                                                   jakarta.servlet.http.HttpServletRequest request) {
        long received = dev.yantra.server.RequestIdFilter.receivedNanos(request);
        PlaySession session = authenticate(auth, null, request);  // no session, no operator to count it for
        String outcome = SloMeters.ERROR;  // anything that escapes unclassified is ours
        boolean firstAnswer = true;
        try {
            BetService.PlaceBet req = parse(body);
            BetService.Placed placed;
            try {
                placed = betService.place(session, req);
            } catch (PlayException e) {
                events.toSession(session.id(), "bet_rejected", Map.of("requestUuid", req.requestUuid().toString(),
                        "reason", e.reason, "message", e.getMessage()));
                throw e;
            }
            firstAnswer = !placed.replay();
            BetState state = placed.bet().state();
            // UNCERTAIN: the wallet's answer was lost or unclassifiable, the stake is rolled back: an error, not a refusal
            outcome = state == BetState.UNCERTAIN ? SloMeters.ERROR
                    : BetView.shownAsRejected(state) ? SloMeters.REJECTED : SloMeters.ACCEPTED;
            return answer(session, placed);
        } catch (PlayException e) {
            // refusals we mean (4xx, 503 breaker/unavailable) are legitimate; any other 5xx is ours
            outcome = e.status < 500 || e.status == 503 ? SloMeters.REJECTED : SloMeters.ERROR;
            throw e;
        } finally {
            slo.betAnswered(session.operatorId(), outcome, Duration.ofNanos(System.nanoTime() - received), firstAnswer);
        }
    }

    private ResponseEntity<Map<String, Object>> answer(PlaySession session, BetService.Placed placed) {
        Map<String, Object> view = BetView.of(placed.bet(), placed.balanceMicro());
        boolean rejected = BetView.shownAsRejected(placed.bet().state());
        if (!placed.replay()) {
            if (rejected) {
                events.toSession(session.id(), "bet_rejected", view);
            } else {
                Long balance = placed.balanceMicro() != null ? placed.balanceMicro() : balance(session);
                if (balance != null) events.toSession(session.id(), "balance_update", Map.of("balanceMicro", Long.toString(balance)));
            }
        }
        if (rejected) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("error", view.getOrDefault("reason", "rejected"));
            err.put("message", "the bet was not accepted");
            err.putAll(view);
            return ResponseEntity.status(422).body(err);
        }
        return ResponseEntity.status(placed.replay() ? 200 : 201).body(view);
    }

    @GetMapping(path = "/v1/play/state", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> state(@RequestHeader(value = "Authorization", required = false) String auth,
                                     @RequestParam(value = "session", required = false) String token,
                                     jakarta.servlet.http.HttpServletRequest request) {
        PlaySession session = authenticate(auth, token, request);
        TableSpec table = tables.find(session.operatorId(), session.gameCode(), session.currency())
                .orElseThrow(() -> new PlayException(404, "no_table", "no table for this game and currency"));
        // the table part comes from the builder the feed's round_state uses: the two cannot disagree
        Map<String, Object> m = new LinkedHashMap<>(states.state(table, rounds.findInFlight(table.tableId()), session.demo()));
        m.put("playerRef", session.playerRef());
        m.put("mode", session.mode());
        Launches.Launch launch = launches.ofSession(session.id()).orElse(new Launches.Launch("en", null, "ACTIVE"));
        m.put("lang", launch.lang());
        m.put("returnUrl", launch.returnUrl());
        Long balance = balance(session);
        m.put("balanceMicro", balance == null ? null : Long.toString(balance));
        m.put("lastResults", history.lastResults(table.tableId(), 12));
        m.put("myBets", history.myBets(session.id(), 15));
        return m;
    }

    @GetMapping(path = "/v1/play/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestHeader(value = "Authorization", required = false) String auth,
                             @RequestParam(value = "session", required = false) String token,
                             jakarta.servlet.http.HttpServletRequest request) {
        PlaySession s = authenticate(auth, token, request);
        return events.subscribe(s.id(), s.operatorId(), s.gameCode(), s.currency(), s.demo());
    }

    @GetMapping(path = "/play", produces = MediaType.TEXT_HTML_VALUE)
    @Guarded(Surface.PUBLIC)
    public ResponseEntity<ClassPathResource> playPage(@RequestParam(value = "session", required = false) String token,
                                                      jakarta.servlet.http.HttpServletResponse response) {
        PageHeaders.playPolicy(response, embedOrigins(token));
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(new ClassPathResource("static/play.html"));
    }

    /** The operator's sites that may frame its players' /play; none for an unknown or expired session. */
    private java.util.List<String> embedOrigins(String token) {
        if (token == null || token.isBlank() || token.length() > 512) return java.util.List.of();
        return sessions.authenticate(token)
                .flatMap(s -> jdbc.sql("SELECT embed_origins FROM operators WHERE id = ?").param(s.operatorId())
                        .query((rs, n) -> java.util.Arrays.asList((String[]) rs.getArray(1).getArray())).optional())
                .orElse(java.util.List.of());
    }

    @ExceptionHandler(PlayException.class)
    public ResponseEntity<Map<String, Object>> refused(PlayException e) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds > 0) b.header(TooManyRequests.RETRY_AFTER, Long.toString(e.retryAfterSeconds));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.reason);
        body.put("message", e.getMessage());
        body.putAll(e.details);
        return b.body(body);
    }

    private Long balance(PlaySession session) {
        if (session.demo()) {
            return bets.demoBalance(session.id());
        }
        // the last wallet answer (a bet's reply included); the wallet is asked at most once per 5 s per player
        return balances.balance(new PlayerBalances.Player(session.operatorId(), session.playerRef(), session.currency()),
                System.nanoTime(), () -> walletBalance(session)).orElse(null);
    }

    private java.util.Optional<Long> walletBalance(PlaySession session) {
        try {
            WalletReply r = wallet.balance(new WalletPort.Call(session.operatorId(), session.playerRef(),
                    session.currency(), session.gameCode(), null, null, UUID.randomUUID(), null, null, 0));
            return r.done() ? java.util.Optional.ofNullable(r.balanceMicro()) : java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The session of a bearer token, within its per-session limit. A source that keeps presenting unknown tokens is
     * refused (429) before any lookup, like the operator API's failed signatures.
     */
    private PlaySession authenticate(String authorization, String queryToken, jakarta.servlet.http.HttpServletRequest request) {
        String ip = request.getRemoteAddr();
        long wait = failedAuth.retryAfterSeconds(ip);
        if (wait > 0) {
            throw new PlayException(429, FailedAuthLimiter.REASON, "too many failed authentications from this address; retry later", wait);
        }
        String token = queryToken;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        }
        if (token == null || token.isBlank()) {
            failedAuth.failed(ip);
            throw new PlayException(401, "missing_session", "Authorization: Bearer <sessionToken> required");
        }
        PlaySession s = sessions.authenticate(token).orElse(null);
        if (s == null) throw ended(token, ip);
        limiter.acquire(s.id());
        if (s.terminated()) throw new PlayException(401, "session_terminated", "the session was terminated");
        if (s.expired(clock.instant())) throw new PlayException(401, "session_expired", "the session expired");
        return s;
    }

    /**
     * The refusal of a token without an active session. A session that ended (terminated by its operator, or its
     * time ran out) says so, with its lobby and language, so the page ends on a clear screen; only a token no session
     * ever had counts as a failed authentication.
     */
    private PlayException ended(String token, String ip) {
        Launches.Launch launch = launches.ofToken(token).orElse(null);
        if (launch == null) {
            failedAuth.failed(ip);
            return new PlayException(401, "invalid_session", "unknown session token");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lang", launch.lang());
        details.put("returnUrl", launch.returnUrl());
        return "TERMINATED".equals(launch.status())
                ? new PlayException(401, "session_terminated", "the session was terminated", 0, details)
                : new PlayException(401, "session_expired", "the session expired", 0, details);
    }

    /** The bet's fields, and the canonical body its idempotency compares (like the operator API's). */
    private static BetService.PlaceBet parse(byte[] raw) {
        if (raw == null || raw.length == 0 || raw.length > MAX_BODY_BYTES) {
            throw new PlayException(400, "invalid_request", "a JSON body of at most " + MAX_BODY_BYTES + " bytes is required");
        }
        JsonNode n;
        try {
            n = Json.parseObject(raw);
        } catch (ApiException e) {
            throw new PlayException(e.status(), e.error(), e.getMessage());
        }
        UUID requestUuid;
        try {
            requestUuid = UUID.fromString(n.path("requestUuid").asString(""));
        } catch (IllegalArgumentException e) {
            throw new PlayException(400, "invalid_request", "requestUuid must be a UUID");
        }
        long amountMicro;
        try {
            amountMicro = Amounts.requiredMicro(n, "amountMicro", false);
        } catch (ApiException e) {
            throw new PlayException(e.status(), e.error(), e.getMessage());
        }
        JsonNode selection = n.get("selection");
        if (selection == null || !selection.isObject()) {
            throw new PlayException(400, "invalid_request", "selection must be an object: {\"side\":\"LOW\"|\"HIGH\"}");
        }
        return new BetService.PlaceBet(requestUuid, amountMicro, JSON.writeValueAsString(selection),
                Idempotency.bodyHash(Json.canonical(n)));
    }
}
