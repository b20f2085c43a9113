package dev.yantra.app;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.cli.DataDirOption;
import dev.yantra.cli.ExitCodes;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.jobs.AdminQueue;
import dev.yantra.jobs.AdminQueues;
import dev.yantra.walletjobs.JobQueue;
import dev.yantra.walletjobs.JobsAdminController;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.walletjobs.PendingWalletJob;
import dev.yantra.walletjobs.WalletAdminQueue;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code yantra jobs list|retry|complete}: the playbooks' manual override of the durable queues —
 * pending_wallet_jobs ({@code --queue wallet}, the default) and pending_banca_jobs ({@code --queue banca}) — acting
 * on the database directly (no server needed) and writing the same audit rows as the admin API. retry and
 * complete find the job's queue by its id.
 * Exit codes: 0 done (also for a no-op on a completed job), 1 unknown job id, 64 bad usage, 69 database down.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Inspect and override pending jobs: WIN / ROLLBACK owed to operator wallets (--queue wallet), "
                + "REGISTER / STATUS calls to bancas (--queue banca).",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Retry.class, JobsCommand.Complete.class})
public class JobsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static JobQueue queue(Database db) {
        return new JobQueue(db.jdbc(), JobsConfiguration.transactions(db), new AdminAudit(db.jdbc()));
    }

    /** Every queue, built over the database (what a node wires as beans). */
    static AdminQueues queues(Database db) {
        return new AdminQueues(List.of(new WalletAdminQueue(queue(db)),
                dev.yantra.lottery.forwarding.BancaJobQueue.standalone(db.jdbc(), JobsConfiguration.transactions(db),
                        new dev.yantra.lottery.payments.PaymentJobs(db.jdbc()))));
    }

    static UUID id(String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException("job id must be a UUID, was '" + text + "'");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List open jobs, oldest first.")
    static class ListJobs implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--queue", paramLabel = "wallet|banca", description = "Which queue (default wallet)") String queueName;
        @Option(names = "--stuck", description = "Only jobs flagged needs_attention") boolean stuck;
        @Option(names = "--operator", paramLabel = "ID|NAME", description = "Only this operator's jobs (wallet queue)") String operator;
        @Option(names = "--banca", paramLabel = "ID|NAME", description = "Only this banca's jobs (banca queue)") String banca;
        @Option(names = "--endpoint", paramLabel = "WIN|ROLLBACK|REGISTER|STATUS", description = "Only this kind") String endpoint;
        @Option(names = "--all", description = "Include completed jobs") boolean all;
        @Option(names = "--limit", description = "At most this many (default 100, max 1000)") int limit = 100;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            try (Database db = data.openDatabase()) {
                AdminQueue q = queues(db).named(queueName);
                if (!q.name().equals("wallet")) return listOther(db, q);
                if (banca != null) throw new UsageException("--banca filters the banca queue: add --queue banca");
                UUID op = operator == null ? null : dev.yantra.cli.Cli.resolveOperator(db.jdbc(), operator);
                List<PendingWalletJob> jobs = queue(db).list(new JobQueue.Filter(stuck, all, op,
                        JobsAdminController.endpoint(endpoint), limit));
                Map<UUID, String> waits = queue(db).waits(jobs);
                if (json) {
                    List<Map<String, Object>> rows = jobs.stream().map(j -> {
                        Map<String, Object> m = j.toJson();
                        m.put("waitingFor", waits.get(j.id()));
                        return m;
                    }).toList();
                    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                            Map.of("jobs", rows, "count", jobs.size())));
                    return ExitCodes.OK;
                }
                System.out.printf("%-36s  %-8s  %-36s  %8s  %5s  %-9s  %-27s  %-60s  %s%n", "ID", "ENDPOINT", "OPERATOR", "ATTEMPTS",
                        "STUCK", "STATE", "NEXT ATTEMPT", "WAITING FOR", "LAST ERROR");
                for (PendingWalletJob j : jobs) {
                    String state = j.completedAt() != null ? j.completion() : j.lockedBy() != null ? "RUNNING" : "WAITING";
                    System.out.printf("%-36s  %-8s  %-36s  %8d  %5s  %-9s  %-27s  %-60s  %s%n", j.id(), j.endpoint(), j.operatorId(),
                            j.attempts(), j.needsAttention() ? "yes" : "", state, j.nextAttemptAt(),
                            waits.getOrDefault(j.id(), ""), j.lastError() == null ? "" : j.lastError());
                }
                System.out.println(jobs.size() + " job(s)");
                return ExitCodes.OK;
            }
        }

        private int listOther(Database db, AdminQueue q) {
            if (operator != null) throw new UsageException("--operator filters the wallet queue; use --banca");
            UUID b = banca == null ? null : dev.yantra.cli.Cli.resolveBanca(db.jdbc(), banca);
            List<Map<String, Object>> rows = q.list(new AdminQueue.ListFilter(stuck, all, b, endpoint, limit));
            if (json) {
                System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                        Map.of("queue", q.name(), "jobs", rows, "count", rows.size())));
                return ExitCodes.OK;
            }
            q.printTable(rows, System.out);
            System.out.println(rows.size() + " job(s)");
            return ExitCodes.OK;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Make an open job due now.")
    static class Retry implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "JOB_ID") String id;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            UUID jobId = id(id);
            try (Database db = data.openDatabase()) {
                return print(queues(db).holding(jobId).retryNow(jobId, AdminAudit.cliUser()), json);
            }
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Complete a job by hand (e.g. the wallet says RS_ERROR_TRANSACTION_DOES_NOT_EXIST). "
                    + "Wallet job: the bet gets its final state with resolution MANUAL. Banca job: forwarding stops; a play "
                    + "still pending ends failed and its money is released. An audit row records who and why.")
    static class Complete implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "JOB_ID") String id;
        @Option(names = "--reason", required = true, description = "Why (kept on the job, the bet and in the audit log)") String reason;
        @Option(names = "--nothing-moved", description = "ROLLBACK only: the stake never left the player; an UNCERTAIN bet ends REJECTED instead of REFUNDED")
        boolean nothingMoved;
        @Option(names = "--json", description = "Print JSON") boolean json;

        @Override
        public Integer call() {
            UUID jobId = id(id);
            if (reason.isBlank()) throw new UsageException("--reason must not be blank");
            try (Database db = data.openDatabase()) {
                return print(queues(db).holding(jobId).completeManually(jobId, reason, nothingMoved, AdminAudit.cliUser()), json);
            }
        }
    }

    static int print(AdminQueue.Outcome o, boolean json) {
        if (json) {
            Map<String, Object> out = new java.util.LinkedHashMap<>(o.json());
            out.putIfAbsent("message", o.message());
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        } else {
            System.out.println(o.message());
        }
        return ExitCodes.OK;
    }
}
