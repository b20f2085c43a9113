package dev.yantra.ops.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * RTP gauges per {game_code, operator, currency} from the bets settled in the last 24 h (one aggregate over the
 * settled_at index of V50, both windows at once):
 * <ul>
 * <li>{@code rtp_actual_rolling_1h/24h} = Σ payout / Σ stake, absent below {@value #MIN_BETS} settled bets so a
 * fresh node never looks like drift;</li>
 * <li>{@code rtp_sigma_1h/24h}: standard error of that ratio from the per-bet payout variance,
 * √Σ(payout − R·stake)² / Σ stake (the ratio-estimator form) — absent exactly when the actual is;</li>
 * <li>{@code rtp_theoretical}: each settled bet's side RTP under its round's config (P(side) × 2 × (1 − c)),
 * weighted by stake over the 24 h window; with no bets, the equal-weight mean of both sides of the enabled config;</li>
 * <li>{@code rtp_bets_1h/24h}: the number of settled bets in the window (0 from start-up for every enabled config).</li>
 * </ul>
 * A bet counts as settled once its outcome is known: LOST, WON, or WIN_OWED (won, credit still pending).
 */
final class RtpGauges {
    static final int MIN_BETS = 1000;
    static final String ACTUAL_1H = "rtp_actual_rolling_1h";
    static final String ACTUAL_24H = "rtp_actual_rolling_24h";
    static final String THEORETICAL = "rtp_theoretical";
    static final String SIGMA_1H = "rtp_sigma_1h";
    static final String SIGMA_24H = "rtp_sigma_24h";
    static final String BETS_1H = "rtp_bets_1h";
    static final String BETS_24H = "rtp_bets_24h";

    /** Side RTP of a bet under a round config: P(side) × 2 × (1 − commissionMicro / 100000); no side: the mean. */
    private static final String SIDE_RTP = """
            2 * (1 - coalesce((%1$s->>'commissionMicro')::numeric, 0) / 100000)
              * CASE upper(%2$s)
                  WHEN 'LOW' THEN coalesce((%1$s->>'lowWeight')::numeric, 48)
                  WHEN 'HIGH' THEN coalesce((%1$s->>'highWeight')::numeric, 48)
                  ELSE (coalesce((%1$s->>'lowWeight')::numeric, 48) + coalesce((%1$s->>'highWeight')::numeric, 48)) / 2 END
              / (coalesce((%1$s->>'lowWeight')::numeric, 48) + coalesce((%1$s->>'highWeight')::numeric, 48))""";

    static final String SETTLED = """
            WITH settled AS (
              SELECT r.game_code, b.operator_id, b.currency,
                     b.amount_micro::float8 AS stake, coalesce(b.payout_micro, 0)::float8 AS payout,
                     b.settled_at >= now() - interval '1 hour' AS last_hour,
                     (%s)::float8 AS side_rtp
                FROM bets b JOIN rounds r ON r.id = b.round_id
               WHERE b.settled_at >= now() - interval '24 hours'
                 AND b.state IN ('LOST', 'WON', 'WIN_OWED'))
            SELECT game_code, operator_id, currency,
                   count(*) AS bets24, sum(stake) AS stake24, sum(payout) AS payout24, sum(payout * payout) AS payout_sq24,
                   sum(payout * stake) AS payout_stake24, sum(stake * stake) AS stake_sq24, sum(stake * side_rtp) AS expected24,
                   count(*) FILTER (WHERE last_hour) AS bets1,
                   coalesce(sum(stake) FILTER (WHERE last_hour), 0) AS stake1,
                   coalesce(sum(payout) FILTER (WHERE last_hour), 0) AS payout1,
                   coalesce(sum(payout * payout) FILTER (WHERE last_hour), 0) AS payout_sq1,
                   coalesce(sum(payout * stake) FILTER (WHERE last_hour), 0) AS payout_stake1,
                   coalesce(sum(stake * stake) FILTER (WHERE last_hour), 0) AS stake_sq1
              FROM settled GROUP BY game_code, operator_id, currency""".formatted(SIDE_RTP.formatted("r.config", "b.side"));

    private static final String ENABLED_CONFIGS = """
            SELECT game_code, operator_id, currency, %s AS equal_weight_rtp
              FROM operator_game_configs WHERE enabled""".formatted(SIDE_RTP.formatted("config", "NULL"));

    private final JdbcClient jdbc;

    RtpGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Sums(long bets, double stake, double payout, double payoutSq, double payoutStake, double stakeSq) {
        double actual() {
            return payout / stake;
        }

        /** √Σ(p − R·s)² / Σs with R = Σp/Σs, expanded so one pass of sums is enough. */
        double sigma() {
            double r = actual();
            double squares = payoutSq - 2 * r * payoutStake + r * r * stakeSq;
            return Math.sqrt(Math.max(0, squares)) / stake;
        }
    }

    private record Window(String gameCode, UUID operatorId, String currency, long bets24, double stake24, double payout24,
                          double payoutSq24, double payoutStake24, double stakeSq24, double expected24, long bets1,
                          double stake1, double payout1, double payoutSq1, double payoutStake1, double stakeSq1) {
        Labels labels() {
            return labelsOf(gameCode, operatorId, currency);
        }
    }

    private record EnabledConfig(String gameCode, UUID operatorId, String currency, double equalWeightRtp) {
    }

    static Labels labelsOf(String gameCode, UUID operatorId, String currency) {
        return Labels.of("game_code", gameCode, "operator", operatorId.toString(), "currency", currency);
    }

    GaugeFamilies refresh() {
        GaugeFamilies.Builder b = GaugeFamilies.builder()
                .family(ACTUAL_1H, "Payout/stake of the bets settled in the last hour; absent below 1000 bets")
                .family(ACTUAL_24H, "Payout/stake of the bets settled in the last 24 h; absent below 1000 bets")
                .family(THEORETICAL, "Theoretical RTP of the config, weighted by the stakes per side over 24 h")
                .family(SIGMA_1H, "Standard error of rtp_actual_rolling_1h; absent exactly when it is")
                .family(SIGMA_24H, "Standard error of rtp_actual_rolling_24h; absent exactly when it is")
                .family(BETS_1H, "Bets settled in the last hour")
                .family(BETS_24H, "Bets settled in the last 24 h");
        for (EnabledConfig c : jdbc.sql(ENABLED_CONFIGS).query(EnabledConfig.class).list()) {
            Labels labels = labelsOf(c.gameCode(), c.operatorId(), c.currency());
            b.set(THEORETICAL, labels, c.equalWeightRtp()).set(BETS_1H, labels, 0).set(BETS_24H, labels, 0);
        }
        for (Window w : jdbc.sql(SETTLED).query(Window.class).list()) {
            Labels labels = w.labels();
            b.set(THEORETICAL, labels, w.expected24() / w.stake24()).set(BETS_24H, labels, w.bets24()).set(BETS_1H, labels, w.bets1());
            window(b, labels, ACTUAL_24H, SIGMA_24H,
                    new Sums(w.bets24(), w.stake24(), w.payout24(), w.payoutSq24(), w.payoutStake24(), w.stakeSq24()));
            window(b, labels, ACTUAL_1H, SIGMA_1H,
                    new Sums(w.bets1(), w.stake1(), w.payout1(), w.payoutSq1(), w.payoutStake1(), w.stakeSq1()));
        }
        return b.build();
    }

    private static void window(GaugeFamilies.Builder b, Labels labels, String actual, String sigma, Sums sums) {
        if (sums.bets() < MIN_BETS) return;
        b.set(actual, labels, sums.actual()).set(sigma, labels, sums.sigma());
    }
}
