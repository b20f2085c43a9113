package dev.yantra.lottery.reconcile;

import dev.yantra.lottery.banca.BancaReply;
import dev.yantra.lottery.play.PlayState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what a reconciliation compares, straight from the tables: the plays in scope (by their day of sale in
 * their lottery's time zone, banca and request ids), and for each the banca's final words (register and status
 * answers in banca_calls, webhooks in webhook_events), the wallet ledger's debit and refund (idempotency keys
 * {@code play:<id>} and {@code refund:<id>}) and whether its draw is still on sale. Id lists go to the
 * database as one comma-separated text, in chunks of {@value #CHUNK}.
 */
final class PlayFactsQuery {
    static final int CHUNK = 1000;

    private final JdbcClient jdbc;

    PlayFactsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String SCOPE = """
              FROM plays p JOIN lotteries l ON l.id = p.lottery_id
             WHERE (NOT :byDay OR CAST(p.created_at AT TIME ZONE l.time_zone AS date) = :day)
               AND (CAST(:banca AS uuid) IS NULL OR p.banca_id = CAST(:banca AS uuid))
               AND (CAST(:requestIds AS text) IS NULL OR p.request_id = ANY (CAST(string_to_array(:requestIds, ',') AS uuid[])))""";

    /** The ids of the plays of the scope's day (or its named plays), at most {@code limit}. */
    List<UUID> playsOfScope(ReconcileScope s, int limit) {
        return scoped("SELECT p.id" + SCOPE + " ORDER BY p.created_at, p.id LIMIT :limit", s).param("limit", limit)
                .query(UUID.class).list();
    }

    /**
     * Plays still at the banca's door (queued or awaiting its webhook) since before {@code olderThan}, oldest
     * first: what --force-check asks about. Any day unless --date was named.
     */
    List<UUID> stuckPlays(ReconcileScope s, Duration olderThan, int limit) {
        return scoped("SELECT p.id" + SCOPE.replace("NOT :byDay", "NOT :byDateGiven") + """
                 AND p.status IN ('QUEUED', 'AWAITING_WEBHOOK')
                 AND p.created_at <= now() - :olderMs * interval '1 millisecond'
               ORDER BY p.created_at, p.id LIMIT :limit""", s)
                .param("byDateGiven", s.dateGiven()).param("olderMs", olderThan.toMillis()).param("limit", limit)
                .query(UUID.class).list();
    }

    private JdbcClient.StatementSpec scoped(String sql, ReconcileScope s) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql).param("day", s.date()).param("banca", s.bancaId().orElse(null))
                .param("requestIds", s.requestIds().isEmpty() ? null : join(s.requestIds()));
        return sql.contains(":byDay") ? spec.param("byDay", s.byDay()) : spec;
    }

    /** The bancas worth a row in the report: every approved one (active or suspended), or the filter's. */
    List<UUID> bancasToReport(Optional<UUID> filter) {
        if (filter.isPresent()) return List.of(filter.get());
        return jdbc.sql("SELECT id FROM bancas WHERE status IN ('active', 'suspended') ORDER BY id").query(UUID.class).list();
    }

    boolean bancaExists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM bancas WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    private record Row(UUID id, UUID requestId, UUID bancaId, String status, long amountMicro, String currency, String paymentMethod,
                       String ticketCode, boolean drawOpen) {
    }

    /** The facts of the given plays, in the order given; card payments come from {@code cards}. */
    List<PlayFacts> facts(List<UUID> ids, Map<UUID, Integer> unansweredAsks, CardPaymentSource cards) {
        List<PlayFacts> out = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            out.addAll(factsOfChunk(chunk, unansweredAsks, cards));
        }
        return out;
    }

    private List<PlayFacts> factsOfChunk(List<UUID> ids, Map<UUID, Integer> unansweredAsks, CardPaymentSource cards) {
        String list = join(ids);
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT p.id, p.request_id, p.banca_id, p.status, p.amount_micro, p.currency, p.payment_method, p.ticket_code,
                               (d.state = 'OPEN' AND d.closes_at > now()) AS draw_open
                          FROM plays p JOIN draws d ON d.id = p.draw_id
                         WHERE p.id = ANY (CAST(string_to_array(?, ',') AS uuid[]))""")
                .param(list).query(Row.class).list().forEach(r -> rows.put(r.id(), r));
        Words words = words(list);
        Map<String, Long> ledger = ledger(ids);
        List<UUID> cardIds = rows.values().stream().filter(r -> r.paymentMethod().equals(PlayFacts.CARD)).map(Row::id).toList();
        Map<UUID, CardPayment> card = cardIds.isEmpty() ? Map.of() : cards.forPlays(cardIds);
        List<PlayFacts> out = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Row r = rows.get(id);
            if (r == null) continue;   // cannot happen for ids we just read; a play is never deleted
            PlayState state = PlayState.fromDb(r.status()).orElseThrow(() -> new IllegalStateException("play " + id + " has status " + r.status()));
            out.add(new PlayFacts(r.id(), r.requestId(), r.bancaId(), state, r.amountMicro(), r.currency(), r.paymentMethod(),
                    r.ticketCode(), r.drawOpen(), words.of(id), words.unreadable(id) + unansweredAsks.getOrDefault(id, 0),
                    -ledger.getOrDefault("play:" + id, 0L), ledger.getOrDefault("refund:" + id, 0L), Optional.ofNullable(card.get(id))));
        }
        return out;
    }

    /** Every final word per play, oldest first, and how many final-looking answers could not be read. */
    private record Words(Map<UUID, List<BancaWord>> words, Map<UUID, Integer> unreadable) {
        List<BancaWord> of(UUID id) {
            return words.getOrDefault(id, List.of());
        }

        int unreadable(UUID id) {
            return unreadable.getOrDefault(id, 0);
        }
    }

    private record Heard(UUID playId, String source, String outcome, String body, java.time.Instant at) {
    }

    private Words words(String list) {
        List<Heard> heard = new ArrayList<>(jdbc.sql("""
                        SELECT play_id, endpoint AS source, outcome, response_body AS body, created_at AS at FROM banca_calls
                         WHERE play_id = ANY (CAST(string_to_array(?, ',') AS uuid[])) AND outcome IN ('confirmed', 'rejected')""")
                .param(list).query(PlayFactsQuery::heard).list());
        heard.addAll(jdbc.sql("""
                        SELECT play_id, 'webhook' AS source, outcome, payload AS body, received_at AS at FROM webhook_events
                         WHERE play_id = ANY (CAST(string_to_array(?, ',') AS uuid[])) AND outcome IN ('applied', 'duplicate', 'conflict')""")
                .param(list).query(PlayFactsQuery::heard).list());
        heard.sort(java.util.Comparator.comparing(Heard::at));
        Map<UUID, List<BancaWord>> words = new HashMap<>();
        Map<UUID, Integer> unreadable = new HashMap<>();
        for (Heard h : heard) {
            Optional<BancaWord> w = word(h);
            if (w.isPresent()) words.computeIfAbsent(h.playId(), k -> new ArrayList<>()).add(w.get());
            else unreadable.merge(h.playId(), 1, Integer::sum);
        }
        return new Words(words, unreadable);
    }

    /**
     * What one recorded answer said. A register or status row's outcome is our classification of it (a
     * rejection may come as a 4xx body); a webhook says it in its body. A confirmation must carry its ticket.
     */
    static Optional<BancaWord> word(String source, String outcome, String body) {
        Optional<BancaReply> reply = BancaReply.parse(body);
        boolean webhook = source.equals("webhook");
        String status = webhook ? reply.map(BancaReply::status).orElse("") : outcome;
        if (status.equals(BancaReply.REJECTED)) return Optional.of(BancaWord.rejected(source));
        if (status.equals(BancaReply.CONFIRMED)) {
            return reply.flatMap(BancaReply::ticketCode).map(t -> BancaWord.confirmed(t, source));
        }
        return Optional.empty();
    }

    private static Optional<BancaWord> word(Heard h) {
        return word(h.source(), h.outcome(), h.body());
    }

    private static Heard heard(ResultSet rs, int n) throws SQLException {
        return new Heard(rs.getObject("play_id", UUID.class), rs.getString("source"), rs.getString("outcome"), rs.getString("body"),
                rs.getTimestamp("at").toInstant());
    }

    private record Entry(String key, long amountMicro) {
    }

    /** The play's debit and refund rows by idempotency key (each key is unique, so each is one row at most). */
    private Map<String, Long> ledger(Collection<UUID> ids) {
        List<String> keys = new ArrayList<>(ids.size() * 2);
        for (UUID id : ids) {
            keys.add("play:" + id);
            keys.add("refund:" + id);
        }
        return jdbc.sql("""
                        SELECT idempotency_key AS key, amount_micro FROM player_ledger
                         WHERE idempotency_key = ANY (string_to_array(?, ',')) AND kind IN ('play_debit', 'refund')""")
                .param(String.join(",", keys)).query(Entry.class).list().stream()
                .collect(Collectors.toMap(Entry::key, Entry::amountMicro, Long::sum));
    }

    /** The request ids of the given plays. */
    List<UUID> requestIdsOf(Collection<UUID> playIds) {
        if (playIds.isEmpty()) return List.of();
        return jdbc.sql("SELECT request_id FROM plays WHERE id = ANY (CAST(string_to_array(?, ',') AS uuid[]))")
                .param(join(playIds)).query(UUID.class).list();
    }

    static String join(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
