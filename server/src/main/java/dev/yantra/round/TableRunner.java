package dev.yantra.round;

import dev.yantra.games.GamePlugin;
import dev.yantra.round.port.BetState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives one table while this node holds its lease: one {@link #tick} at a time, each a small step of
 * BETTING_OPEN → ROLLING → RESULT → SETTLED → cooldown. The first tick after a takeover finishes or voids a
 * round left in flight by the previous leader (crash recovery).
 */
public final class TableRunner {
    private static final Logger log = LoggerFactory.getLogger(TableRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Fence fence;
    private final TableGame game;
    private final TransactionTemplate tx;
    private final RoundStore rounds;
    private final BetStore bets;
    private final ChainStore chains;
    private final Settlement settlement;
    private final Clock clock;
    private final String buildHash;
    private final Duration pendingGrace;
    private boolean recovered;
    private volatile boolean draining;
    private final Map<UUID, TableConfig> roundConfigs = new HashMap<>();

    public TableRunner(Fence fence, TableGame game, TransactionTemplate tx, RoundStore rounds, BetStore bets,
                       ChainStore chains, Settlement settlement, Clock clock, String buildHash, Duration pendingGrace) {
        this.fence = fence;
        this.game = game;
        this.tx = tx;
        this.rounds = rounds;
        this.bets = bets;
        this.chains = chains;
        this.settlement = settlement;
        this.clock = clock;
        this.buildHash = buildHash;
        this.pendingGrace = pendingGrace;
    }

    public Fence fence() {
        return fence;
    }

    /** Graceful stop: close betting on the open round now, let it finish, and open no new round. */
    public void drain() {
        draining = true;
    }

    /** No round of this table is in flight (read from the database). */
    public boolean idle() {
        return rounds.findInFlight(fence.tableId()).isEmpty();
    }

    /**
     * The end of a drain that ran out of time (no tick may be running): the round in flight is finished from its
     * stored outcome or voided with ROLLBACK jobs, exactly as a node taking the table over would, so the table is
     * never left half-done when this node lets it go.
     */
    public void finishOrVoidInFlight() {
        rounds.findInFlight(fence.tableId()).ifPresent(this::recover);
    }

    /** One step; throws {@link LeaseLostException} when another node took the table. */
    public void tick(TableSpec spec) {
        Optional<RoundRow> inFlight = rounds.findInFlight(fence.tableId());
        if (!recovered) {
            recovered = true;
            if (inFlight.isPresent()) {
                recover(inFlight.get());
                return;
            }
        }
        if (inFlight.isEmpty()) {
            if (!draining && spec.playable() && cooledDown()) open(spec);
            return;
        }
        RoundRow round = inFlight.get();
        if (!spec.enabled() && round.state() != RoundState.RESULT) {
            settlement.voidRound(fence, round, "quarantined");
            return;
        }
        advance(round);
    }

    private void recover(RoundRow round) {
        log.info("table {} taken over (epoch {}): round {} was left in {}", fence.tableId(), fence.epoch(),
                round.id(), round.state());
        if (round.state() == RoundState.RESULT) {
            settlement.finish(fence, round);  // outcome stored: winners get WIN jobs
        } else {
            settlement.voidRound(fence, round, "leader_lost");
        }
    }

    private void advance(RoundRow round) {
        Instant now = clock.instant();
        TableConfig cfg = configOf(round);
        switch (round.state()) {
            case BETTING_OPEN -> {
                if (draining || !now.isBefore(round.bettingClosesAt())) {
                    tx.executeWithoutResult(s -> rounds.closeBetting(fence, round.id(), now));
                }
            }
            case ROLLING -> {
                if (now.isBefore(round.rollingAt().plusMillis(cfg.rollingMs()))) return;
                if (bets.count(round.id(), BetState.PENDING) > 0) {
                    if (now.isBefore(round.rollingAt().plusMillis(cfg.rollingMs()).plus(pendingGrace))) return;
                    rollBackStuckBets(round);
                }
                settlement.decide(fence, round, game, cfg);
                RoundRow decided = rounds.find(round.id()).orElseThrow();
                settlement.payWinners(decided);
                settlement.finish(fence, decided);
                roundConfigs.remove(round.id());
            }
            case RESULT -> {
                settlement.payWinners(round);
                settlement.finish(fence, round);
            }
            default -> throw new IllegalStateException("round " + round.id() + " is not in flight: " + round.state());
        }
    }

    /** Bets whose wallet answer never came within the window: in doubt, rolled back. */
    private void rollBackStuckBets(RoundRow round) {
        tx.executeWithoutResult(s -> {
            for (BetRow b : bets.forRound(round.id(), BetState.PENDING)) {
                settlement.rollback(b, BetState.Transition.IN_DOUBT, "no_wallet_answer");
            }
        });
    }

    /**
     * The pause after a round: the cooldown counts from its RESULT (when players see the outcome), so the time
     * settlement spends paying winners (at most the inline WIN budget) is spent inside it and the table keeps its
     * cadence whatever the wallet does. A voided round has no result: its cooldown counts from the void.
     */
    private boolean cooledDown() {
        Optional<RoundRow> last = rounds.lastFinished(fence.tableId());
        if (last.isEmpty()) return true;
        long cooldownMs = configOf(last.get()).cooldownMs();
        return !clock.instant().isBefore(cooldownFrom(last.get()).plusMillis(cooldownMs));
    }

    static Instant cooldownFrom(RoundRow finished) {
        return finished.state() == RoundState.SETTLED && finished.resultAt() != null ? finished.resultAt() : finished.finishedAt();
    }

    private void open(TableSpec spec) {
        TableConfig cfg = spec.config();
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            ChainStore.Draw draw = chains.next(fence.tableId());
            rounds.insertOpen(fence, new RoundStore.NewRound(id, spec.operatorId(), spec.gameCode(), spec.currency(),
                    draw.chainId(), draw.nonce(), draw.serverSeedHash(), draw.clientSeed(), cfg.version(),
                    JSON.writeValueAsString(cfg.values()), game.rngVersion(), buildHash, now,
                    now.plusMillis(cfg.bettingMs())));
        });
        roundConfigs.put(id, cfg);
    }

    /** The config a round was opened with (its snapshot), never the current one. */
    private TableConfig configOf(RoundRow round) {
        TableConfig cached = roundConfigs.get(round.id());
        if (cached != null) return cached;
        if (roundConfigs.size() > 16) roundConfigs.clear();
        TableConfig cfg = parse((GamePlugin<?, ?, ?>) game.plugin(), round.configVersion(), round.configJson());
        roundConfigs.put(round.id(), cfg);
        return cfg;
    }

    /** Parsed configs by (game, version, json): every bet parses its round's config, which rarely changes. */
    private static final java.util.concurrent.ConcurrentHashMap<String, TableConfig> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    public static TableConfig parse(GamePlugin<?, ?, ?> plugin, int version, String json) {
        String key = plugin.gameCode() + "\u0000" + version + "\u0000" + json;
        TableConfig cached = PARSED.get(key);
        if (cached != null) return cached;
        TableConfig parsed = parseUncached(plugin, version, json);   // an invalid config throws and is not kept
        if (PARSED.size() > 1000) PARSED.clear();   // bounded: configs are few
        PARSED.put(key, parsed);
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static TableConfig parseUncached(GamePlugin<?, ?, ?> plugin, int version, String json) {
        Map<String, Object> raw = JSON.readValue(json, Map.class);
        Map<String, String> values = new HashMap<>();
        raw.forEach((k, v) -> values.put(k, String.valueOf(v)));
        return TableConfig.of(plugin, version, values);
    }
}
