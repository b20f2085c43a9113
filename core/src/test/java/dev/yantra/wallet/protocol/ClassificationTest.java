package dev.yantra.wallet.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every RS code × every endpoint, written out as the reviewer reads docs/wallet-api.md, section 3: one row per code. */
class ClassificationTest {

    // code                                      BET        WIN     ROLLBACK           BALANCE  succ(B/W/R)  breaker
    private static final String TABLE = """
            RS_OK                                    ACCEPTED   DONE    DONE               DONE     yyy          n
            RS_ERROR_UNKNOWN                         IN_DOUBT   RETRY   RETRY              REJECTED nnn          y
            RS_ERROR_INVALID_TOKEN                   REJECTED   RETRY   RETRY              REJECTED nnn          n
            RS_ERROR_INVALID_SIGNATURE               IN_DOUBT   RETRY   RETRY              REJECTED nnn          y
            RS_ERROR_INVALID_PARTNER                 IN_DOUBT   RETRY   RETRY              REJECTED nnn          y
            RS_ERROR_NOT_ENOUGH_MONEY                REJECTED   RETRY   RETRY              REJECTED nnn          n
            RS_ERROR_USER_DISABLED                   REJECTED   RETRY   RETRY              REJECTED nnn          n
            RS_ERROR_TOKEN_EXPIRED                   REJECTED   RETRY   RETRY              REJECTED nnn          n
            RS_ERROR_WRONG_CURRENCY                  REJECTED   RETRY   RETRY              REJECTED nnn          n
            RS_ERROR_WRONG_SYNTAX                    IN_DOUBT   RETRY   RETRY              REJECTED nnn          y
            RS_ERROR_WRONG_TYPES                     IN_DOUBT   RETRY   RETRY              REJECTED nnn          y
            RS_ERROR_DUPLICATE_TRANSACTION           ACCEPTED   DONE    DONE               REJECTED yyy          n
            RS_ERROR_TRANSACTION_DOES_NOT_EXIST      IN_DOUBT   RETRY   DONE_NOTHING_MOVED REJECTED nnn          n
            RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK IN_DOUBT   RETRY   DONE               REJECTED nny          n
            RS_ERROR_LIMIT_REACHED                   REJECTED   RETRY   RETRY              REJECTED nnn          n
            RS_ERROR_TIMEOUT                         IN_DOUBT   RETRY   RETRY              RETRY    nnn          y
            """;

    @Test
    void every_code_on_every_endpoint_has_the_verdict_of_the_wire_protocol() {
        Map<WalletStatus, String[]> rows = new HashMap<>();
        TABLE.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> {
            String[] f = l.split("\\s+");
            rows.put(WalletStatus.valueOf(f[0]), f);
        });
        assertEquals(WalletStatus.values().length, rows.size(), "the table lists every code once");
        for (WalletStatus s : WalletStatus.values()) {
            String[] f = rows.get(s);
            WalletEndpoint[] eps = {WalletEndpoint.BET, WalletEndpoint.WIN, WalletEndpoint.ROLLBACK, WalletEndpoint.BALANCE};
            for (int i = 0; i < eps.length; i++) {
                Classification.Classified c = Classification.of(eps[i], s);
                assertEquals(Verdict.valueOf(f[1 + i]), c.verdict(), s + " on " + eps[i]);
                assertEquals(f[6].equals("y"), c.breakerFailure(), s + " breaker on " + eps[i]);
                boolean expectedSucceeded = i < 3 && f[5].charAt(i) == 'y';
                assertEquals(expectedSucceeded, c.succeeded(), s + " succeeded on " + eps[i]);
            }
        }
    }

    @Test
    void an_unknown_answer_puts_a_bet_in_doubt_and_retries_everything_else() {
        assertEquals(Verdict.IN_DOUBT, Classification.unknown(WalletEndpoint.BET).verdict());
        assertEquals(Verdict.RETRY, Classification.unknown(WalletEndpoint.WIN).verdict());
        assertEquals(Verdict.RETRY, Classification.unknown(WalletEndpoint.ROLLBACK).verdict());
        assertTrue(Classification.unknown(WalletEndpoint.ROLLBACK).breakerFailure());
        assertFalse(Classification.unknown(WalletEndpoint.WIN).succeeded());
    }

    @Test
    void a_status_string_we_do_not_know_is_read_as_unknown() {
        assertEquals(Verdict.IN_DOUBT, Classification.ofWire(WalletEndpoint.BET, "RS_SOMETHING_NEW").verdict());
        assertEquals(null, Classification.ofWire(WalletEndpoint.BET, "rs_ok").status());
        assertEquals(Verdict.ACCEPTED, Classification.ofWire(WalletEndpoint.BET, "RS_OK").verdict());
    }

    @Test
    void a_win_refused_with_a_business_code_is_retried_and_flagged() {
        Classification.Classified c = Classification.of(WalletEndpoint.WIN, WalletStatus.RS_ERROR_USER_DISABLED);
        assertEquals(Verdict.RETRY, c.verdict());
        assertTrue(c.flagged());
        assertFalse(Classification.of(WalletEndpoint.WIN, WalletStatus.RS_ERROR_TIMEOUT).flagged());
    }
}
