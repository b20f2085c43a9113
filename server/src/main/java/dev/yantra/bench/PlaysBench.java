package dev.yantra.bench;

import dev.yantra.api.Json;
import dev.yantra.config.NodeClock;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demobanca.DemoBanca;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.lottery.bancas.Bancas;
import dev.yantra.lottery.bet.PayoutTable;
import dev.yantra.lottery.ledger.PlayerDeposits;
import dev.yantra.lottery.player.PlayerPrincipal;
import dev.yantra.lottery.player.PlayerTokens;
import dev.yantra.server.ServerLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code yantra bench plays}, the run itself: a node started in-process on a free port (embedded Postgres or
 * DATABASE_URL) and the demo banca on loopback with its own connection pool (its ledger in the same database, as
 * a banca's own system beside ours), registered and approved like any banca; a throw-away bench lottery routed to
 * it with one draw on sale for the whole run, and P players with tokens and an audited deposit. {@link PlayLoad}
 * finds the maximum create rate (closed loop), then runs at 80 % of it (open loop); plays confirmed while each
 * phase ran are counted from the plays table; then {@code pgbench -N} runs on the same server. The bench lottery
 * is disabled at the end (its rows stay: use a scratch data dir to leave nothing behind).
 */
public final class PlaysBench {
    public static final double GOAL_P99_MS = 50;
    /** Forwarding keeps up: plays confirmed per second at least half of the plays accepted per second. */
    public static final double GOAL_CONFIRMED_RATIO = 0.5;
    static final String BY = "yantra bench plays";

    /**
     * @param syncRate       share of plays the demo banca confirms in its register answer (the rest: 202, then a webhook)
     * @param webhookDelayMs how long the demo banca waits before deciding an answered-202 play
     */
    public record Options(int players, int connections, Duration phase, int pgbenchSeconds, double syncRate, long webhookDelayMs,
                          boolean card) {
        public Options(int players, int connections, Duration phase, int pgbenchSeconds, double syncRate, long webhookDelayMs) {
            this(players, connections, phase, pgbenchSeconds, syncRate, webhookDelayMs, false);
        }
    }

    static final String STANDIN_WEBHOOK_SECRET = "whsec_yantra_bench";

    /** One phase: the client's figures and the plays the database saw confirmed during it. */
    public record PhaseResult(PlayLoad.Phase load, double targetPerSecond, long confirmed, double confirmedPerSecond) {
        /** Derived: confirmed/s over accepted/s of the same phase. */
        public double confirmedRatio() {
            return load.acceptedPerSecond() == 0 ? 0 : confirmedPerSecond / load.acceptedPerSecond();
        }
    }

    /**
     * @param captures card mode: payments captured exactly in full (the banca confirmed), and how many were captured
     *                 in part or more than once (must be 0); null in wallet mode
     */
    public record Result(Options options, PhaseResult max, PhaseResult at80, long unfinishedAfterWait, Map<String, Long> statuses,
                         Pgbench.Result pgbench, double loadAverageBefore, double loadAverageAfter, Captures captures) {
        public Double pgbenchTps() {
            return pgbench == null ? null : pgbench.tps();
        }

        public boolean latencyGoalMet() {
            return at80.load().accepted() > 0 && at80.load().percentileMs(99) < GOAL_P99_MS;
        }

        /** Judged in both phases: the forwarding keeps up at the maximum and at 80 % of it. */
        public boolean forwardingGoalMet() {
            return max.load().accepted() > 0 && max.confirmedRatio() >= GOAL_CONFIRMED_RATIO && at80.confirmedRatio() >= GOAL_CONFIRMED_RATIO;
        }
    }

    /** Card mode's money check: every confirmed card play captured once, in full; nothing else captured. */
    public record Captures(long capturedInFull, long confirmedCardPlays, long wrong) {
    }

    private PlaysBench() {
    }

    public static Result run(YantraEnv baseEnv, Options o) throws Exception {
        YantraEnv env = baseEnv.withPort(freePort());
        double loadBefore = loadAverage();
        // card mode: the Stripe stand-in first, its webhooks aimed at the node about to start (as `yantra demo` does)
        dev.yantra.stripestandin.StripeStandin stripe = o.card() ? dev.yantra.stripestandin.StripeStandin.start(
                dev.yantra.stripestandin.StripeStandin.Config.defaults().withPort(freePort())
                        .withWebhook("http://127.0.0.1:" + env.port() + "/webhooks/stripe", STANDIN_WEBHOOK_SECRET)) : null;
        ServerLauncher.Running node;
        try {
            node = ServerLauncher.start(env, stripe == null ? null : gac -> gac.registerBean(dev.yantra.lottery.payments.StripeSettings.class,
                    () -> dev.yantra.lottery.payments.StripeSettings.standIn(stripe.url(), stripe.secretKey(), STANDIN_WEBHOOK_SECRET)));
        } catch (RuntimeException e) {
            if (stripe != null) stripe.close();
            throw e;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String lotteryId = "bench-" + suffix;
        try (Database bancaDb = Database.open(env, "yantra-bench-banca", 16, null);
             DemoBanca banca = DemoBanca.start(DemoBanca.Config.of(bancaDb.dataSource()).withName("bench-" + suffix)
                     .withYantraBaseUrl("http://127.0.0.1:" + env.port()).withSyncRate(o.syncRate()).withWebhookDelayMs(o.webhookDelayMs()))) {
            JdbcClient jdbc = node.database().jdbc();
            UUID bancaId = approvedBanca(node, banca, suffix);
            UUID drawId = benchLottery(jdbc, lotteryId, bancaId);
            List<PlayLoad.Player> players = players(node, o.players());
            try (PlayLoad load = new PlayLoad(env.port(), players, lotteryId, drawId, o.card())) {
                PlayLoad.Phase max = load.closedLoop("max", o.connections(), o.phase());
                double target = 0.8 * max.acceptedPerSecond();
                PlayLoad.Phase at80 = load.openLoop("80% of max", target, o.phase(), 4096);
                long unfinished = awaitFinal(jdbc, bancaId, Duration.ofSeconds(30).plusMillis(o.webhookDelayMs()));
                PhaseResult maxResult = confirmed(jdbc, bancaId, max, 0);
                PhaseResult at80Result = confirmed(jdbc, bancaId, at80, target);
                Map<String, Long> statuses = new LinkedHashMap<>();
                jdbc.sql("SELECT status, count(*) AS n FROM plays WHERE banca_id = ? GROUP BY status ORDER BY status").param(bancaId)
                        .query((rs, i) -> statuses.put(rs.getString("status"), rs.getLong("n"))).list();
                jdbc.sql("UPDATE lotteries SET enabled = false, updated_at = now() WHERE id = ?").param(lotteryId).update();
                Pgbench.Result pg = o.pgbenchSeconds() > 0 ? Pgbench.run(node.database(), env, o.pgbenchSeconds()) : null;
                Captures captures = o.card() ? captures(jdbc, bancaId) : null;
                return new Result(o, maxResult, at80Result, unfinished, statuses, pg, loadBefore, loadAverage(), captures);
            }
        } finally {
            node.stop();
            if (stripe != null) stripe.close();
        }
    }

    /** Registered and approved through the node's own banca service, as an admin would; its secret handed to the demo banca. */
    private static UUID approvedBanca(ServerLauncher.Running node, DemoBanca banca, String suffix) {
        Bancas bancas = node.context().getBean(Bancas.class);
        Bancas.Banca b = bancas.create(new Bancas.NewBanca("Bench Banca " + suffix, "131246796", banca.url(), "bench@demo-banca.example",
                null, null), BY);
        BancaCredentials.Issued issued = bancas.approve(b.id(), BY).credential();
        banca.addSecret(issued.credential().keyId(), issued.secret().getBytes(StandardCharsets.UTF_8));
        // the per-number liability cap is a business limit, not what is measured: out of the way
        bancas.update(b.id(), new Bancas.Changes(null, null, null, null, null, null, Long.MAX_VALUE / 4, null), BY);
        return b.id();
    }

    /** A bench lottery with one draw on sale for two hours; its weekly schedule's one draw is 12 hours away. */
    private static UUID benchLottery(JdbcClient jdbc, String lotteryId, UUID bancaId) {
        ZonedDateTime at = ZonedDateTime.now(NodeClock.system().withZone(ZoneId.of("America/Santo_Domingo"))).plusHours(12);
        String schedule = Json.write(Map.of("kind", "weekly", "days", Map.of(at.getDayOfWeek().name().toLowerCase(Locale.ROOT),
                List.of(String.format("%02d:%02d", at.getHour(), at.getMinute())))));
        jdbc.sql("""
                        INSERT INTO lotteries (id, name, time_zone, schedule, close_minutes, bet_types, payout_table, has_pick3,
                                               default_banca_id, min_amount_micro, max_amount_micro, currencies)
                        VALUES (?, ?, 'America/Santo_Domingo', CAST(? AS jsonb), 1, ARRAY['quiniela'], CAST(? AS jsonb), false, ?,
                                100000, 1000000000, ARRAY['DOP'])""")
                .params(lotteryId, "Bench " + lotteryId, schedule, Json.write(PayoutTable.DEFAULTS.toMap()), bancaId).update();
        UUID drawId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO draws (id, lottery_id, draw_time, closes_at, state)
                        VALUES (?, ?, now() + interval '2 hours 1 minute', now() + interval '2 hours', 'OPEN')""")
                .params(drawId, lotteryId).update();
        return drawId;
    }

    /**
     * P bench players: rows written directly (they never log in, so no password hash is computed for them), an
     * audited deposit each, and a token signed like a login's.
     */
    private static List<PlayLoad.Player> players(ServerLauncher.Running node, int count) {
        JdbcClient jdbc = node.database().jdbc();
        PlayerDeposits deposits = node.context().getBean(PlayerDeposits.class);
        PlayerTokens tokens = node.context().getBean(PlayerTokens.class);
        List<PlayLoad.Player> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            String phone = "+1849" + String.format("%07d", Math.floorMod(id.getLeastSignificantBits(), 10_000_000L));
            jdbc.sql("""
                            INSERT INTO players (id, phone, name, date_of_birth, password_hash)
                            VALUES (?, ?, 'Bench Player', DATE '1990-01-01', '!bench: no login')""")
                    .params(id, phone).update();
            deposits.credit(id, "DOP", 1_000_000L * 100_000, "yantra bench plays deposit", "bench-deposit:" + id, BY);
            out.add(new PlayLoad.Player(id, tokens.issue(new PlayerPrincipal(id, phone, null, "player")).value()));
        }
        return out;
    }

    /** Plays of the bench banca that turned CONFIRMED while the phase ran (plays.updated_at, the database's clock). */
    private static PhaseResult confirmed(JdbcClient jdbc, UUID bancaId, PlayLoad.Phase p, double target) {
        long n = jdbc.sql("""
                        SELECT count(*) FROM plays WHERE banca_id = :b AND status = 'CONFIRMED'
                           AND updated_at >= :from AND updated_at < :to""")
                .param("b", bancaId).param("from", ts(p.startedAtMillis())).param("to", ts(p.endedAtMillis()))
                .query(Long.class).single();
        double seconds = (p.endedAtMillis() - p.startedAtMillis()) / 1000.0;
        return new PhaseResult(p, target, n, seconds <= 0 ? 0 : n / seconds);
    }

    /** Waits (up to 30 s) for the captures to be done, then compares them with the confirmed card plays. */
    private static Captures captures(JdbcClient jdbc, UUID bancaId) throws InterruptedException {
        String sql = """
                SELECT count(*) FILTER (WHERE p.status = 'CONFIRMED' AND pay.captured_minor = pay.amount_minor) AS in_full,
                       count(*) FILTER (WHERE p.status = 'CONFIRMED') AS confirmed,
                       count(*) FILTER (WHERE (p.status <> 'CONFIRMED' AND pay.captured_minor > 0)
                                           OR pay.captured_minor > pay.amount_minor) AS wrong
                  FROM plays p JOIN payments pay ON pay.play_id = p.id
                 WHERE p.banca_id = ? AND p.payment_method = 'card'""";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Captures c = jdbc.sql(sql).param(bancaId).query((rs, i) -> new Captures(rs.getLong("in_full"), rs.getLong("confirmed"),
                    rs.getLong("wrong"))).single();
            if (c.capturedInFull() == c.confirmedCardPlays() || System.nanoTime() > deadline) return c;
            Thread.sleep(200);
        }
    }

    /** Waits for every bench play to be final (confirmed, rejected or failed); how many were not. */
    private static long awaitFinal(JdbcClient jdbc, UUID bancaId, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long open = jdbc.sql("SELECT count(*) FROM plays WHERE banca_id = ? AND status IN ('AWAITING_PAYMENT', 'QUEUED', 'AWAITING_WEBHOOK')")
                    .param(bancaId).query(Long.class).single();
            if (open == 0 || System.nanoTime() > deadline) return open;
            Thread.sleep(100);
        }
    }

    private static OffsetDateTime ts(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ---- the report ----

    public static String table(Result r) {
        StringBuilder out = new StringBuilder();
        Options o = r.options();
        out.append(String.format(Locale.ROOT, "yantra bench plays: in-process node + demo banca on loopback (%.0f %% answered at once, "
                        + "the rest by webhook after %d ms), one quiniela of %s DOP per play paid %s, %d players, %.0f s per phase%n",
                o.syncRate() * 100, o.webhookDelayMs(), o.card() ? PlayLoad.CARD_AMOUNT : PlayLoad.WALLET_AMOUNT,
                o.card() ? "by card (Stripe stand-in: hold, then capture on confirmation)" : "from the wallet", o.players(),
                o.phase().toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "%-12s %14s %8s %9s %8s %11s %10s %12s %8s %8s%n", "phase", "load", "sent", "accepted",
                "refused", "accepted/s", "confirmed", "confirmed/s", "p50 ms", "p99 ms"));
        for (PhaseResult p : List.of(r.max(), r.at80())) {
            PlayLoad.Phase l = p.load();
            String loadText = p.targetPerSecond() == 0 ? o.connections() + " conns" : String.format(Locale.ROOT, "%.0f/s open", p.targetPerSecond());
            out.append(String.format(Locale.ROOT, "%-12s %14s %8d %9d %8d %11.1f %10d %12.1f %8.1f %8.1f%n", l.name(), loadText, l.sent(),
                    l.accepted(), l.sent() - l.accepted(), l.acceptedPerSecond(), p.confirmed(), p.confirmedPerSecond(),
                    l.percentileMs(50), l.percentileMs(99)));
        }
        for (PhaseResult p : List.of(r.max(), r.at80())) {
            if (!p.load().refused().isEmpty()) out.append("  refused in ").append(p.load().name()).append(": ").append(p.load().refused()).append('\n');
            if (p.load().generatorSaturated()) out.append("  note: the load generator hit its outstanding cap in ").append(p.load().name()).append('\n');
        }
        out.append("  plays by status after the run: ").append(r.statuses()).append('\n');
        if (r.captures() != null) {
            out.append(String.format(Locale.ROOT, "  card money: %d of %d confirmed card plays captured in full; %d captured wrongly (must be 0)%n",
                    r.captures().capturedInFull(), r.captures().confirmedCardPlays(), r.captures().wrong()));
        }
        if (r.unfinishedAfterWait() > 0) out.append("  note: ").append(r.unfinishedAfterWait()).append(" play(s) still not final after the wait\n");
        out.append(String.format(Locale.ROOT, "  machine load average (1 min): %.1f before, %.1f after (%d cores)%n", r.loadAverageBefore(),
                r.loadAverageAfter(), Runtime.getRuntime().availableProcessors()));
        out.append(r.pgbenchTps() == null ? "pgbench -N: not available\n"
                : String.format(Locale.ROOT, "pgbench -N (8 clients, %d s, same server, same run): %.0f tps; accepted plays/s at max = %.3f x%n",
                        o.pgbenchSeconds(), r.pgbenchTps(), r.max().load().acceptedPerSecond() / r.pgbenchTps()));
        out.append(String.format(Locale.ROOT, "goal create p99 < %.0f ms at 80 %% of max: %.1f ms -> %s%n", GOAL_P99_MS,
                r.at80().load().percentileMs(99), r.latencyGoalMet() ? "MET" : "NOT MET"));
        out.append(String.format(Locale.ROOT, "goal confirmed/s >= %.1f x accepted/s sustained: max %.1f / %.1f = %.2f x, 80 %% %.1f / %.1f = %.2f x -> %s%n",
                GOAL_CONFIRMED_RATIO, r.max().confirmedPerSecond(), r.max().load().acceptedPerSecond(), r.max().confirmedRatio(),
                r.at80().confirmedPerSecond(), r.at80().load().acceptedPerSecond(), r.at80().confirmedRatio(),
                r.forwardingGoalMet() ? "MET" : "NOT MET"));
        out.append("""
                measured: sent, accepted (201), refused (other answers, by error code), p50/p99 (client clock, POST sent to
                  201 read), confirmed (plays turning CONFIRMED during the phase, plays.updated_at), pgbench tps.
                  derived: accepted/s = accepted / phase wall time; confirmed/s = confirmed / phase wall time; the 80 %
                  load = 0.8 x max accepted/s, offered open-loop. A play is confirmed after its forwarding job's signed
                  register call (or, answered 202, after the banca's webhook), so confirmed/s lags accepted/s by the
                  webhook delay for the asynchronous share: in a short phase that lag alone lowers the ratio.
                """);
        return out.toString();
    }

    public static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("players", r.options().players());
        m.put("syncRate", r.options().syncRate());
        m.put("webhookDelayMs", r.options().webhookDelayMs());
        m.put("payment", r.options().card() ? "card" : "wallet");
        if (r.captures() != null) m.put("captures", r.captures());
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PhaseResult p : List.of(r.max(), r.at80())) {
            Map<String, Object> ph = new LinkedHashMap<>();
            PlayLoad.Phase l = p.load();
            ph.put("phase", l.name());
            ph.put("targetPerSecond", Math.round(p.targetPerSecond()));
            ph.put("sent", l.sent());
            ph.put("accepted", l.accepted());
            ph.put("refused", l.refused());
            ph.put("acceptedPerSecond", Figures.rounded(l.acceptedPerSecond()));
            ph.put("confirmed", p.confirmed());
            ph.put("confirmedPerSecond", Figures.rounded(p.confirmedPerSecond()));
            ph.put("confirmedRatio", Figures.rounded(p.confirmedRatio()));
            ph.put("p50Ms", Figures.rounded(l.percentileMs(50)));
            ph.put("p99Ms", Figures.rounded(l.percentileMs(99)));
            phases.add(ph);
        }
        m.put("phases", phases);
        m.put("statuses", r.statuses());
        m.put("unfinishedAfterWait", r.unfinishedAfterWait());
        m.put("pgbenchNTps", r.pgbenchTps() == null ? null : Math.round(r.pgbenchTps()));
        m.put("loadAverageBefore", r.loadAverageBefore());
        m.put("loadAverageAfter", r.loadAverageAfter());
        m.put("latencyGoalMet", r.latencyGoalMet());
        m.put("forwardingGoalMet", r.forwardingGoalMet());
        return m;
    }
}
