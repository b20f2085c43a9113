package dev.yantra.play;

import dev.yantra.round.RoundRow;
import dev.yantra.round.RoundStore;
import dev.yantra.round.TableDirectory;
import dev.yantra.round.TableSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SSE feed. Any node may serve a player, whichever node leads the table, so table changes are found by polling
 * the round rows every {@value #POLL_MS} ms (one query per watched table, not per player); bet results go to the
 * player's own connections on this node.
 */
public final class PlayEvents implements AutoCloseable {
    static final long POLL_MS = 250;
    static final int MAX_SUBSCRIBERS = 10_000;
    private static final long EMITTER_TIMEOUT_MS = 30 * 60_000L;

    private record Sub(UUID sessionId, UUID operatorId, String gameCode, String currency, boolean demo, SseEmitter emitter) {
    }

    /**
     * What a table's players were last sent: its state without the keys that change with the clock (serverTime,
     * msLeft), per audience (real and demo players differ in the breaker only), and its last finished round.
     */
    private record Seen(Map<String, Object> real, Map<String, Object> demo, UUID lastFinished) {
    }

    private final Set<Sub> subs = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Seen> seen = new ConcurrentHashMap<>();
    private final RoundStore rounds;
    private final TableDirectory tables;
    private final TableStates states;
    private final ScheduledExecutorService poller;
    private volatile boolean closed;

    public PlayEvents(RoundStore rounds, TableDirectory tables, TableStates states) {
        this.rounds = rounds;
        this.tables = tables;
        this.states = states;
        this.poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("play-events").factory());
        poller.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    public SseEmitter subscribe(UUID sessionId, UUID operatorId, String gameCode, String currency, boolean demo) {
        if (closed) throw new PlayException(503, "node_draining", "this node is shutting down; reconnect");
        if (subs.size() >= MAX_SUBSCRIBERS) throw new PlayException(503, "too_many_streams", "try again later");
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
        Sub sub = new Sub(sessionId, operatorId, gameCode, currency, demo, emitter);
        subs.add(sub);
        emitter.onCompletion(() -> subs.remove(sub));
        emitter.onTimeout(() -> subs.remove(sub));
        emitter.onError(e -> subs.remove(sub));
        tables.find(operatorId, gameCode, currency).ifPresent(t ->
                send(sub, "round_state", states.state(t, rounds.findInFlight(t.tableId()), demo)));
        return emitter;
    }

    /** To every connection of one session on this node (bet_rejected, balance_update). */
    public void toSession(UUID sessionId, String event, Object data) {
        for (Sub s : subs) {
            if (s.sessionId().equals(sessionId)) send(s, event, data);
        }
    }

    private void poll() {
        try {
            Map<String, List<Sub>> byTable = new java.util.HashMap<>();
            for (Sub s : subs) {
                byTable.computeIfAbsent(s.operatorId() + "|" + s.gameCode() + "|" + s.currency(), k -> new java.util.ArrayList<>()).add(s);
            }
            for (List<Sub> group : byTable.values()) {
                Sub first = group.getFirst();
                tables.find(first.operatorId(), first.gameCode(), first.currency()).ifPresent(t -> pollTable(t, group));
            }
        } catch (RuntimeException e) {
            // a database blip: the next poll catches up
        }
    }

    /**
     * One table: its round rows and levers read once, a {@code round_state} to every player of it whenever anything a
     * player sees changed (the phase, a halt, the breaker, the operator's status, the banner, the odds), and a
     * {@code round_result} first when a round finished. A lever pulled mid-round is thus in the first event after it.
     */
    private void pollTable(TableSpec table, List<Sub> group) {
        Optional<RoundRow> inFlight = rounds.findInFlight(table.tableId());
        Optional<RoundRow> last = rounds.lastFinished(table.tableId());
        TableStates.Levers levers = states.levers(table);
        Map<String, Object> real = states.state(table, inFlight, levers, false);
        Map<String, Object> demo = states.state(table, inFlight, levers, true);
        Seen now = new Seen(steady(real), steady(demo), last.map(RoundRow::id).orElse(null));
        Seen before = seen.put(table.tableId(), now);
        if (now.equals(before)) return;
        boolean newResult = before != null && now.lastFinished() != null && !now.lastFinished().equals(before.lastFinished());
        for (Sub s : group) {
            if (newResult && last.get().finishedAt() != null) send(s, "round_result", TableStates.result(last.get()));
            send(s, "round_state", s.demo() ? demo : real);
        }
    }

    private static Map<String, Object> steady(Map<String, Object> state) {
        Map<String, Object> m = new java.util.HashMap<>(state);
        m.remove("serverTime");
        m.remove("msLeft");
        return m;
    }

    private void send(Sub sub, String event, Object data) {
        try {
            sub.emitter().send(SseEmitter.event().name(event).data(data));
        } catch (IOException | IllegalStateException e) {
            subs.remove(sub);
        }
    }

    /** Ends every stream (the page's EventSource reconnects, to another node once this one is out of the pool). */
    @Override
    public void close() {
        closed = true;
        poller.shutdownNow();
        for (Sub s : subs) {
            if (subs.remove(s)) s.emitter().complete();
        }
    }
}
