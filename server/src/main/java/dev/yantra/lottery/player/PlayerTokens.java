package dev.yantra.lottery.player;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.yantra.config.JwtSecret;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens: HS256 JWTs {sub, phone, email, role, iat, exp} under JWT_SECRET, valid {@link #ACCESS_TTL}.
 * Only HS256 is accepted (a token naming another algorithm, "none" included, is refused before any check), the
 * signature is checked before any claim is read, and expiry is judged by the injected clock.
 *
 * <p>JWT secret rotation with overlap: new tokens are always signed with JWT_SECRET; a token that does not verify
 * under it is tried under JWT_SECRET_PREVIOUS, but only until the previous secret's window ends
 * ({@link JwtSecret.Previous#until}), so a forgotten variable cannot keep an old secret alive.
 */
public final class PlayerTokens {
    public static final Duration ACCESS_TTL = Duration.ofHours(1);
    /** Tokens longer than this are refused unparsed: a bound on work done for an anonymous caller. */
    static final int MAX_TOKEN_CHARS = 4096;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final MACVerifier previousVerifier;
    private final Instant previousUntil;
    private final Clock clock;

    public PlayerTokens(byte[] secret, Clock clock) {
        this(secret, null, clock);
    }

    /** @param previous null when no rotation is under way */
    public PlayerTokens(byte[] secret, JwtSecret.Previous previous, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
            this.previousVerifier = previous == null ? null : new MACVerifier(previous.secret());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT_SECRET is not usable for HS256: " + e.getMessage(), e);
        }
        this.previousUntil = previous == null ? null : previous.until();
        this.clock = clock;
    }

    public record AccessToken(String value, Instant expiresAt) {
    }

    public AccessToken issue(PlayerPrincipal p) {
        Instant now = clock.instant();
        Instant exp = now.plus(ACCESS_TTL);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(p.userId().toString())
                .claim("phone", p.phone())
                .claim("email", p.email())
                .claim("role", p.role())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a player token", e);
        }
        return new AccessToken(jwt.serialize(), exp);
    }

    /** The principal of a valid, unexpired access token; empty for anything else (no reason is given out). */
    public Optional<PlayerPrincipal> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) return Optional.empty();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) return Optional.empty();
            if (!jwt.verify(verifier) && !verifiesUnderPrevious(jwt)) return Optional.empty();
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Date exp = c.getExpirationTime();
            if (exp == null || !exp.toInstant().isAfter(clock.instant())) return Optional.empty();
            String sub = c.getSubject();
            String phone = c.getStringClaim("phone");
            String role = c.getStringClaim("role");
            if (sub == null || phone == null || role == null) return Optional.empty();
            return Optional.of(new PlayerPrincipal(UUID.fromString(sub), phone, c.getStringClaim("email"), role));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean verifiesUnderPrevious(SignedJWT jwt) throws JOSEException {
        return previousVerifier != null && clock.instant().isBefore(previousUntil) && jwt.verify(previousVerifier);
    }
}
