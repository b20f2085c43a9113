package dev.yantra.wallet.protocol;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * docs/wallet-api.md's classification (section 3), in one place, as data: for every (endpoint, status) the verdict, whether
 * the call counts as {@code succeeded} (money moved or confirmed moved) and whether it is a
 * circuit-breaker failure. "Unknown" — a timeout, a 5xx, a 4xx without an RS body, a network error, an
 * unparseable body, a code not in the list — is {@link #unknown(WalletEndpoint)}.
 */
public final class Classification {

    /** One cell of the table. {@code flagged}: a code that should never come back here (logged loudly). */
    public record Classified(WalletEndpoint endpoint, WalletStatus status, Verdict verdict, boolean succeeded,
                             boolean breakerFailure, boolean flagged) {
    }

    /** The wallet working, not failing: everything except these counts as a healthy answer for the breaker. */
    static final Set<WalletStatus> BREAKER_FAILURES = Collections.unmodifiableSet(EnumSet.of(
            WalletStatus.RS_ERROR_UNKNOWN, WalletStatus.RS_ERROR_INVALID_SIGNATURE, WalletStatus.RS_ERROR_INVALID_PARTNER,
            WalletStatus.RS_ERROR_WRONG_SYNTAX, WalletStatus.RS_ERROR_WRONG_TYPES, WalletStatus.RS_ERROR_TIMEOUT));

    static final Set<WalletStatus> BET_REJECTS = Collections.unmodifiableSet(EnumSet.of(
            WalletStatus.RS_ERROR_NOT_ENOUGH_MONEY, WalletStatus.RS_ERROR_LIMIT_REACHED, WalletStatus.RS_ERROR_USER_DISABLED,
            WalletStatus.RS_ERROR_INVALID_TOKEN, WalletStatus.RS_ERROR_TOKEN_EXPIRED, WalletStatus.RS_ERROR_WRONG_CURRENCY));

    private static final Map<WalletEndpoint, Map<WalletStatus, Verdict>> TABLE = new EnumMap<>(WalletEndpoint.class);
    private static final Map<WalletEndpoint, Verdict> UNKNOWN = new EnumMap<>(WalletEndpoint.class);

    static {
        Map<WalletStatus, Verdict> bet = new EnumMap<>(WalletStatus.class);
        Map<WalletStatus, Verdict> win = new EnumMap<>(WalletStatus.class);
        Map<WalletStatus, Verdict> rollback = new EnumMap<>(WalletStatus.class);
        Map<WalletStatus, Verdict> balance = new EnumMap<>(WalletStatus.class);
        for (WalletStatus s : WalletStatus.values()) {
            bet.put(s, Verdict.IN_DOUBT);        // when in doubt, roll back
            win.put(s, Verdict.RETRY);           // money owed to a player is never dropped
            rollback.put(s, Verdict.RETRY);
            balance.put(s, Verdict.REJECTED);
        }
        bet.put(WalletStatus.RS_OK, Verdict.ACCEPTED);
        bet.put(WalletStatus.RS_ERROR_DUPLICATE_TRANSACTION, Verdict.ACCEPTED);
        BET_REJECTS.forEach(s -> bet.put(s, Verdict.REJECTED));
        win.put(WalletStatus.RS_OK, Verdict.DONE);
        win.put(WalletStatus.RS_ERROR_DUPLICATE_TRANSACTION, Verdict.DONE);
        rollback.put(WalletStatus.RS_OK, Verdict.DONE);
        rollback.put(WalletStatus.RS_ERROR_DUPLICATE_TRANSACTION, Verdict.DONE);
        rollback.put(WalletStatus.RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK, Verdict.DONE);
        rollback.put(WalletStatus.RS_ERROR_TRANSACTION_DOES_NOT_EXIST, Verdict.DONE_NOTHING_MOVED);
        balance.put(WalletStatus.RS_OK, Verdict.DONE);
        balance.put(WalletStatus.RS_ERROR_TIMEOUT, Verdict.RETRY);
        TABLE.put(WalletEndpoint.BET, bet);
        TABLE.put(WalletEndpoint.WIN, win);
        TABLE.put(WalletEndpoint.ROLLBACK, rollback);
        TABLE.put(WalletEndpoint.BALANCE, balance);
        UNKNOWN.put(WalletEndpoint.BET, Verdict.IN_DOUBT);
        UNKNOWN.put(WalletEndpoint.WIN, Verdict.RETRY);
        UNKNOWN.put(WalletEndpoint.ROLLBACK, Verdict.RETRY);
        UNKNOWN.put(WalletEndpoint.BALANCE, Verdict.RETRY);
    }

    private Classification() {
    }

    /** A parseable RS answer (HTTP 200, or a 4xx with an RS body). */
    public static Classified of(WalletEndpoint endpoint, WalletStatus status) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(status, "status");
        Verdict verdict = TABLE.get(endpoint).get(status);
        return new Classified(endpoint, status, verdict, succeeded(endpoint, status),
                BREAKER_FAILURES.contains(status), flagged(endpoint, status, verdict));
    }

    /** No usable answer at all: a 5xx, a network error, an unparseable body, a code we do not know. */
    public static Classified unknown(WalletEndpoint endpoint) {
        return new Classified(endpoint, null, UNKNOWN.get(endpoint), false, true, false);
    }

    /** The wire string of a parseable body's status, or unknown when it names no RS code. */
    public static Classified ofWire(WalletEndpoint endpoint, String wireStatus) {
        Optional<WalletStatus> s = WalletStatus.parse(wireStatus);
        return s.map(st -> of(endpoint, st)).orElseGet(() -> unknown(endpoint));
    }

    /** True when the call moved money or confirmed that it had already moved. */
    public static boolean succeeded(WalletEndpoint endpoint, WalletStatus status) {
        if (endpoint == WalletEndpoint.BALANCE) return false;
        if (status == WalletStatus.RS_OK || status == WalletStatus.RS_ERROR_DUPLICATE_TRANSACTION) return true;
        return endpoint == WalletEndpoint.ROLLBACK && status == WalletStatus.RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK;
    }

    public static boolean breakerFailure(WalletStatus status) {
        return status == null || BREAKER_FAILURES.contains(status);
    }

    /** A WIN or ROLLBACK refused with a business code: retried forever, but a human should look. */
    private static boolean flagged(WalletEndpoint endpoint, WalletStatus status, Verdict verdict) {
        return verdict == Verdict.RETRY && endpoint != WalletEndpoint.BALANCE
                && status != WalletStatus.RS_ERROR_TIMEOUT && !BREAKER_FAILURES.contains(status);
    }
}
