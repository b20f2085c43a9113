package dev.yantra.lottery.plays;

import dev.yantra.db.Rows;
import dev.yantra.lottery.ledger.LedgerKind;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.play.PlayState;
import dev.yantra.lottery.play.PlayTransitions;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one writer of plays after creation. {@link #move} applies a {@link PlayTransitions} as
 * {@code UPDATE ... WHERE status = :from} (0 rows: someone moved it first; more: a bug), and a move into a
 * state whose money is released refunds a wallet-paid play (idempotency key {@code refund:<play>}) and lowers
 * the banca's liability counter — in the caller's transaction, so the state and the money change together.
 * A card play's money follows here too: every move of one is handed to {@link CardMoney} (the payments room
 * queues the capture of a confirmed play, the release of a hold when it ends otherwise).
 */
public final class PlayStore {
    private static final Logger log = LoggerFactory.getLogger(PlayStore.class);
    public static final int MAX_PAGE = 100;
    private static final int MAX_REASON_CHARS = 500;

    private final JdbcClient jdbc;
    private final PlayerLedger ledger;
    private final MeterRegistry meters;
    private final CardMoney cardMoney;

    /**
     * Where a card play's money follows its moves (the payments room queues the capture or the release of the
     * hold in the same transaction); wallet plays are refunded here.
     */
    @FunctionalInterface
    public interface CardMoney {
        CardMoney NONE = (play, t) -> { };

        /** Called inside the move's transaction, after {@code play} (as read before the move) moved by {@code t}. */
        void followed(PlayRow play, PlayTransitions t);
    }

    public PlayStore(JdbcClient jdbc, PlayerLedger ledger, MeterRegistry meters, CardMoney cardMoney) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.meters = meters;
        this.cardMoney = cardMoney;
        for (PlayState s : PlayState.values()) counted(s.wireStatus());
    }

    public Optional<PlayRow> find(UUID id) {
        return jdbc.sql("SELECT * FROM plays WHERE id = ?").param(id).query(PlayRow::map).optional();
    }

    public Optional<PlayRow> findByRequestId(UUID requestId) {
        return jdbc.sql("SELECT * FROM plays WHERE request_id = ?").param(requestId).query(PlayRow::map).optional();
    }

    /** Inside a transaction: the play, locked until it ends (webhook and fail-safe serialize on it). */
    public Optional<PlayRow> lock(UUID id) {
        requireTransaction();
        return jdbc.sql("SELECT * FROM plays WHERE id = ? FOR UPDATE").param(id).query(PlayRow::map).optional();
    }

    public List<PlayRow> listByUser(UUID userId, int limit, int offset) {
        return jdbc.sql("SELECT * FROM plays WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(userId, limit, offset).query(PlayRow::map).list();
    }

    /** What a banca told us about the play, kept with the move (null: leave as is). */
    public record BancaIds(String playIdBanca, String ticketCode) {
        public static final BancaIds NONE = new BancaIds(null, null);
    }

    /**
     * Applies {@code t} to the play if it is still in {@code t.from()}; true when this call moved it. Must run in
     * a transaction: the refund and liability release of a final state are written in it.
     */
    public boolean move(PlayRow play, PlayTransitions t, String reason, BancaIds ids) {
        requireTransaction();
        int rows = jdbc.sql("""
                        UPDATE plays SET status = ?, status_reason = coalesce(?, status_reason),
                               play_id_banca = coalesce(?, play_id_banca), ticket_code = coalesce(?, ticket_code),
                               updated_at = now()
                        WHERE id = ? AND status = ?""")
                .params(t.to().name(), clip(reason), ids.playIdBanca(), ids.ticketCode(), play.id(), t.from().name())
                .update();
        Rows.one(rows, "move of play " + play.id());
        if (rows == 0) return false;
        if (t.to().moneyReleased()) releaseMoney(play);
        if ("card".equals(play.paymentMethod())) cardMoney.followed(play, t);
        afterCommit(() -> counted(t.to().wireStatus()).increment());
        return true;
    }

    /** A new play was written (counted once its transaction commits). */
    void created(PlayState state) {
        afterCommit(() -> counted(state.wireStatus()).increment());
    }

    /**
     * Marks the play as sent to the banca (no player cancel after this); false when it is no longer QUEUED
     * (cancelled, or ended by the fail-safe) — then nothing may be sent.
     */
    public boolean markForwarded(UUID playId) {
        int rows = jdbc.sql("""
                        UPDATE plays SET forwarded_at = coalesce(forwarded_at, now()), updated_at = now()
                        WHERE id = ? AND status = 'QUEUED'""")
                .param(playId).update();
        Rows.one(rows, "forwarded mark of play " + playId);
        return rows == 1;
    }

    /** A person should look at this play (a contradicting answer, a refused signature, retries run out). */
    public void flag(UUID playId, String why) {
        Rows.exactlyOne(jdbc.sql("UPDATE plays SET needs_attention = true, updated_at = now() WHERE id = ?").param(playId).update(), "attention flag of play " + playId);
        log.atError().addKeyValue("playId", playId.toString()).log("play_flagged {}: {}", playId, why);
    }

    private void releaseMoney(PlayRow play) {
        if ("wallet".equals(play.paymentMethod())) {
            ledger.credit(play.userId(), play.currency(), play.amountMicro(), LedgerKind.REFUND, "refund:" + play.id(),
                    "play:" + play.id());
        }
        PlayLiability.release(jdbc, play);
    }

    private io.micrometer.core.instrument.Counter counted(String wireStatus) {
        return meters.counter("plays_status", "status", wireStatus);
    }

    private static void afterCommit(Runnable r) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            r.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                r.run();
            }
        });
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("play state changes must run inside a transaction");
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS);
    }
}
