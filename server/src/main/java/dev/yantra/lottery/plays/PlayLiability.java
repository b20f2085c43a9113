package dev.yantra.lottery.plays;

import dev.yantra.db.Rows;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The banca's running liability per (draw, bet type, unordered number set). {@link #reserve} is one upsert that
 * adds the play's liability only if the sum stays within the cap: the row lock of the upsert serializes
 * concurrent plays on the same numbers, so two cannot both pass. {@link #release} takes it back when a play's
 * money is released.
 */
final class PlayLiability {
    private PlayLiability() {
    }

    /** True when reserved; false when it would cross the cap (nothing written then). */
    static boolean reserve(JdbcClient jdbc, UUID bancaId, UUID drawId, String betType, String limitKey, long liabilityMicro,
                           long capMicro) {
        if (liabilityMicro > capMicro) return false;
        return jdbc.sql("""
                        INSERT INTO play_liability AS l (banca_id, draw_id, bet_type, limit_key, liability_micro)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (banca_id, draw_id, bet_type, limit_key) DO UPDATE
                           SET liability_micro = l.liability_micro + EXCLUDED.liability_micro
                         WHERE l.liability_micro + EXCLUDED.liability_micro <= ?
                        RETURNING liability_micro""")
                .params(bancaId, drawId, betType, limitKey, liabilityMicro, capMicro)
                .query(Long.class).optional().isPresent();
    }

    static void release(JdbcClient jdbc, PlayRow play) {
        int rows = jdbc.sql("""
                        UPDATE play_liability SET liability_micro = liability_micro - ?
                        WHERE banca_id = ? AND draw_id = ? AND bet_type = ? AND limit_key = ? AND liability_micro >= ?""")
                .params(play.liabilityMicro(), play.bancaId(), play.drawId(), play.betType(), play.limitKey(), play.liabilityMicro())
                .update();
        Rows.exactlyOne(rows, "liability release of play " + play.id());
    }
}
