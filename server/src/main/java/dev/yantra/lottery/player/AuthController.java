package dev.yantra.lottery.player;

import dev.yantra.api.ApiException;
import dev.yantra.api.Fields;
import dev.yantra.api.Json;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The player auth endpoints, compatible with the clients of the system we replace: register and login answer
 * {accessToken, refreshToken, user:{id, phone, email, name}} (plus expiresIn), refresh rotates the refresh
 * token. Unknown body fields are ignored. See docs/lottery-player-api.md.
 */
@Guarded(Surface.PUBLIC)  // how a player gets a token: no credential yet
@RestController
public class AuthController {
    private final PlayerAccounts accounts;
    private final PlayerTokens tokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final PasswordReset reset;

    public AuthController(PlayerAccounts accounts, PlayerTokens tokens, RefreshTokens refreshTokens, LoginThrottle throttle,
                          PasswordReset reset) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.reset = reset;
    }

    @PostMapping("/api/v1/auth/register")
    public ResponseEntity<String> register(@RequestBody(required = false) String body, HttpServletRequest request) {
        JsonNode b = parse(body);
        throttle.registration(request.getRemoteAddr());
        PlayerAccounts.Player p = accounts.register(new PlayerAccounts.NewPlayer(
                Fields.requiredString(b, "phone", 32),
                Fields.optionalString(b, "email", 254).orElse(null),
                Fields.requiredString(b, "name", 100),
                dateOfBirth(b),
                Fields.requiredString(b, "password", 200)));
        return json(201, session(p, refreshTokens.issue(p.id())));
    }

    @PostMapping("/api/v1/auth/login")
    public ResponseEntity<String> login(@RequestBody(required = false) String body, HttpServletRequest request) {
        JsonNode b = parse(body);
        String phone = PhoneNumbers.normalize(Fields.requiredString(b, "phone", 32));
        String password = Fields.requiredString(b, "password", 200);
        throttle.loginAttempt(phone, request.getRemoteAddr());
        PlayerAccounts.Player p = accounts.authenticate(phone, password)
                .orElseThrow(() -> PlayerApiErrors.of(401, "invalid_credentials"));
        if (!p.active()) throw PlayerApiErrors.of(403, "account_disabled");
        throttle.loginSucceeded(phone);
        return json(200, session(p, refreshTokens.issue(p.id())));
    }

    @PostMapping("/api/v1/auth/refresh")
    public ResponseEntity<String> refresh(@RequestBody(required = false) String body) {
        String presented = Fields.requiredString(parse(body), "refreshToken", 4096);
        RefreshTokens.Rotation r = refreshTokens.rotate(presented);
        if (r instanceof RefreshTokens.Rotation.Reused) throw PlayerApiErrors.of(401, "refresh_token_reused");
        if (!(r instanceof RefreshTokens.Rotation.Rotated rotated)) throw PlayerApiErrors.of(401, "invalid_refresh_token");
        PlayerAccounts.Player p = accounts.byId(rotated.userId()).filter(PlayerAccounts.Player::active)
                .orElseThrow(() -> PlayerApiErrors.of(401, "invalid_refresh_token"));
        return json(200, session(p, rotated.refreshToken()));
    }

    /** Ends the session of a refresh token (its whole family); 204 whether or not it was known. */
    @PostMapping("/api/v1/auth/logout")
    public ResponseEntity<String> logout(@RequestBody(required = false) String body) {
        refreshTokens.revoke(Fields.requiredString(parse(body), "refreshToken", 4096));
        return ResponseEntity.noContent().build();
    }

    /** 202 whether or not the phone has an account, so the endpoint does not tell which phones are players. */
    @PostMapping("/api/v1/auth/password-reset/request")
    public ResponseEntity<String> resetRequest(@RequestBody(required = false) String body, HttpServletRequest request) {
        String phone = PhoneNumbers.normalize(Fields.requiredString(parse(body), "phone", 32));
        throttle.resetRequested(phone);
        reset.request(phone, PlayerMessages.languageOf(request));
        return json(202, Map.of("status", "sent"));
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    public ResponseEntity<String> resetConfirm(@RequestBody(required = false) String body) {
        JsonNode b = parse(body);
        String phone = PhoneNumbers.normalize(Fields.requiredString(b, "phone", 32));
        reset.confirm(phone, Fields.requiredString(b, "code", 16), Fields.requiredString(b, "newPassword", 200));
        return json(200, Map.of("status", "password_reset"));
    }

    private Map<String, Object> session(PlayerAccounts.Player p, String refreshToken) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", p.id().toString());
        user.put("phone", p.phone());
        user.put("email", p.email());
        user.put("name", p.name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accessToken", tokens.issue(p.principal()).value());
        m.put("refreshToken", refreshToken);
        m.put("tokenType", "Bearer");
        m.put("expiresIn", PlayerTokens.ACCESS_TTL.toSeconds());
        m.put("user", user);
        return m;
    }

    private static LocalDate dateOfBirth(JsonNode b) {
        String raw = Fields.optionalString(b, "dateOfBirth", 10)
                .or(() -> Fields.optionalString(b, "birthDate", 10))
                .orElseThrow(() -> new ApiException(400, "invalid_request", "dateOfBirth is required (YYYY-MM-DD)"));
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_request", "dateOfBirth must be a date YYYY-MM-DD");
        }
    }

    static JsonNode parse(String body) {
        return Json.parseObject(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }
}
