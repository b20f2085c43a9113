package dev.yantra.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The signature lottery shops (bancas) and Yantra put on every call between them, both ways (docs/banca-integration-guide.md):
 * {@code X-Signature = base64(HMAC-SHA256(secret, METHOD + PATH + X-Timestamp + rawBody))}, concatenated with no
 * separators, PATH the literal request path (no query string), rawBody the exact bytes sent (empty for a GET).
 *
 * <p>It differs from the operator signature ({@link RequestSigner}) because the bancas of the system Yantra
 * replaces already speak this one. Because there are no separators, the timestamp is part of what is signed
 * but its boundary is not; the freshness window on the timestamp ({@link #isFresh}) is what stops replays.
 *
 * <p>Worked example (also in the guide, and checked against openssl in the tests): secret
 * {@code demo-banca-secret}, {@code POST}, path {@code /v1/plays/register}, timestamp
 * {@code 2026-01-15T12:00:00Z}, body {@code {"requestId":"7d0e7d3c-2f4e-4b55-9a65-2b0f6a1c0e11"}} gives
 * {@code ujaJQV1WuLbzW6mJarizEZDxtKPAWgM0sXk7y3huxbQ=}; the same with
 * <pre>
 * printf '%s' 'POST/v1/plays/register2026-01-15T12:00:00Z{"requestId":"7d0e7d3c-2f4e-4b55-9a65-2b0f6a1c0e11"}' \
 *   | openssl dgst -sha256 -hmac 'demo-banca-secret' -binary | base64
 * </pre>
 */
public final class BancaSignature {
    public static final String SIGNATURE_HEADER = "X-Signature";
    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Which secret Yantra signed with, so a banca holding two during a rotation can pick one without trying both. */
    public static final String KEY_ID_HEADER = "X-Key-Id";
    /** How far a timestamp may be from the receiver's clock, either way. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofSeconds(120);

    private static final int HMAC_BYTES = 32;
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{10}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{13}");
    /** No legitimate timestamp is longer; bounding it keeps a hostile header from costing parse time. */
    private static final int MAX_TIMESTAMP_CHARS = 64;

    private BancaSignature() {
    }

    /** The signature of one request: base64 of the HMAC over METHOD + PATH + timestamp + the raw body bytes. */
    public static String sign(byte[] secret, String method, String path, String timestamp, byte[] rawBody) {
        return Base64.getEncoder().encodeToString(RequestSigner.hmac(requireSecret(secret), message(method, path, timestamp, rawBody)));
    }

    /**
     * True when {@code offered} is the signature of this request under {@code secret}. The comparison runs over
     * the decoded MAC bytes in constant time, so a near miss takes as long as a wild guess. Says nothing about
     * the timestamp's freshness: check that with {@link #isFresh}.
     */
    public static boolean verify(byte[] secret, String method, String path, String timestamp, byte[] rawBody, String offered) {
        if (offered == null || timestamp == null) return false;
        byte[] offeredMac;
        try {
            offeredMac = Base64.getDecoder().decode(offered.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (offeredMac.length != HMAC_BYTES) return false;
        byte[] expected = RequestSigner.hmac(requireSecret(secret), message(method, path, timestamp, rawBody));
        return MessageDigest.isEqual(expected, offeredMac);
    }

    /**
     * The instant an {@code X-Timestamp} names: an ISO-8601 instant ({@code 2026-01-15T12:00:00Z}, fractions and
     * offsets allowed), or — as some bancas of the system we replace send — 10-digit epoch seconds or 13-digit
     * epoch milliseconds. Empty for anything else, including values outside {@link Instant}'s range.
     */
    public static Optional<Instant> parseTimestamp(String header) {
        if (header == null) return Optional.empty();
        String v = header.trim();
        if (v.isEmpty() || v.length() > MAX_TIMESTAMP_CHARS) return Optional.empty();
        if (EPOCH_SECONDS.matcher(v).matches()) return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
        if (EPOCH_MILLIS.matcher(v).matches()) return Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
        try {
            return Optional.of(OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The form Yantra sends: ISO-8601 in UTC, whole seconds unless the instant has a fraction. */
    public static String formatTimestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * True when {@code timestamp} is within {@code maxSkew} of {@code now}, either way. Safe for any two instants
     * (no subtraction that can overflow, whatever a caller parsed).
     */
    public static boolean isFresh(Instant timestamp, Instant now, Duration maxSkew) {
        if (maxSkew.isNegative()) throw new IllegalArgumentException("maxSkew must be >= 0, was " + maxSkew);
        return Duration.between(now, timestamp).abs().compareTo(maxSkew) <= 0;
    }

    /** Parses and checks freshness in one step: true only for a parseable timestamp within the window. */
    public static boolean isFresh(String timestampHeader, Instant now, Duration maxSkew) {
        return parseTimestamp(timestampHeader).map(t -> isFresh(t, now, maxSkew)).orElse(false);
    }

    static byte[] message(String method, String path, String timestamp, byte[] rawBody) {
        if (method == null || path == null || timestamp == null) {
            throw new IllegalArgumentException("method, path and timestamp are required to sign");
        }
        byte[] head = (method.toUpperCase(Locale.ROOT) + path + timestamp).getBytes(StandardCharsets.UTF_8);
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] requireSecret(byte[] secret) {
        if (secret == null || secret.length == 0) throw new IllegalArgumentException("a banca secret must not be empty");
        return secret;
    }
}
