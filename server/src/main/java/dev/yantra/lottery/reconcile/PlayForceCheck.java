package dev.yantra.lottery.reconcile;

import dev.yantra.admin.AdminAudit;
import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.lottery.forwarding.StuckPlayCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One stuck play force-checked as {@code yantra lottery reconcile --force-check --request-ids R --older-than 0s}
 * does it: a reconciliation run scoped to that play (stored with its author, like every run), then one
 * admin_audit_log row {@code lottery.play.force_check} with the play's status before and after and the banca's
 * answer. {@link #preview} is the command's {@code --dry-run} for the same play: it may ask the banca for the
 * play's status but changes no play. The portal's stuck-plays page is its door.
 */
public final class PlayForceCheck {
    /** What the check found and the run it was part of. */
    public record Done(StuckPlayCheck.Result check, RunReport report) {
    }

    private final Database db;
    private final JdbcClient jdbc;
    private final StuckPlayCheck check;
    private final LotteryReconciliation reconciliation;
    private final AdminAudit audit;
    private final Clock clock;

    public PlayForceCheck(Database db, StuckPlayCheck check, Clock clock) {
        this.db = db;
        this.jdbc = db.jdbc();
        this.check = check;
        this.clock = clock;
        this.audit = new AdminAudit(jdbc);
        this.reconciliation = new LotteryReconciliation(jdbc, new ReconciliationRuns(jdbc, JobsConfiguration.transactions(db)),
                new PaymentsTable(jdbc), clock);
    }

    /** What a force-check would do now, changing nothing (the command's --dry-run). */
    public StuckPlayCheck.Result preview(UUID playId) {
        requirePending(playId);
        return check.check(playId, true);
    }

    /** Asks the banca about the play and settles it with the answer; audited as {@code by}. */
    public Done run(UUID playId, String by) {
        AdminAudit.requireAuthor(by);
        UUID requestId = requirePending(playId);
        ZoneId zone = LotteryReconcileCommand.zoneOfLotteries(db);
        ReconcileScope scope = new ReconcileScope(LocalDate.now(clock.withZone(zone)), false, Optional.empty(), List.of(requestId),
                true, Duration.ZERO, false);
        RunReport report = reconciliation.run(scope, zone.getId(), Optional.of(check), by, line -> { });
        StuckPlayCheck.Result r = report.checks().stream().filter(c -> c.playId().equals(playId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("play " + playId + " was not asked about: it moved meanwhile"));
        audit.record(by, "lottery.play.force_check", "play:" + playId, r.before().name(),
                r.after().name() + " (" + r.outcome().name().toLowerCase(java.util.Locale.ROOT) + ", asked " + r.asked() + ")",
                "reconciliation run " + report.runId() + ": " + r.note());
        return new Done(r, report);
    }

    /** The play's request id; 404 when there is no such play, 400 when it is not pending at its banca. */
    private UUID requirePending(UUID playId) {
        Map<String, Object> p = jdbc.sql("SELECT request_id, status FROM plays WHERE id = ?").param(playId).query().listOfRows()
                .stream().findFirst().orElseThrow(() -> new NotFoundException("no play " + playId));
        String status = (String) p.get("status");
        if (!status.equals("QUEUED") && !status.equals("AWAITING_WEBHOOK")) {
            throw new UsageException("play " + playId + " is " + status + ": only a play still pending at its banca is force-checked");
        }
        return (UUID) p.get("request_id");
    }
}
