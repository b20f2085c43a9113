package dev.yantra.walletjobs;

import dev.yantra.breaker.RecordedBreakers;
import dev.yantra.jobs.JobWaits;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Why each open wallet job waits ({@link JobWaits} over pending_wallet_jobs and the operators' recorded breakers). */
public final class WalletJobWaits {
    private WalletJobWaits() {
    }

    /** Job id → why it waits; completed jobs get no entry. */
    public static Map<UUID, String> explain(JdbcClient jdbc, List<PendingWalletJob> jobs) {
        Map<UUID, String> out = new HashMap<>();
        if (jobs.stream().allMatch(j -> j.completedAt() != null)) return out;
        Instant now = JobWaits.now(jdbc);
        Map<UUID, String> blocked = RecordedBreakers.open(jdbc);
        for (PendingWalletJob j : jobs) {
            if (j.completedAt() == null) out.put(j.id(), why(j, now, blocked.get(j.operatorId())));
        }
        return out;
    }

    static String why(PendingWalletJob j, Instant now, String breaker) {
        return JobWaits.why(j.lockedBy(), j.lockedUntil(), j.nextAttemptAt(), j.attempts(), j.createdAt(), now, breaker);
    }
}
