package dev.yantra.reconcile;

import java.io.IOException;

/** The report as one JSON document (the {@code --json} / {@code --format json} output and the API body). */
final class ReportJson {
    private ReportJson() {
    }

    static void write(ReconciliationReport r, Appendable out) throws IOException {
        JsonWriter j = new JsonWriter(out);
        j.beginObject()
                .field("outcome", r.outcome())
                .field("exitCode", r.exitCode())
                .field("format", r.format() == null ? null : r.format().name());
        if (!r.unreadable() && r.format() == SettlementFormat.SUMMARY) {
            rows(r, j);
        }
        if (r.transactions() != null) {
            transactions(r, j);
        }
        j.name("adjustments").beginArray();
        for (ManualAdjustment a : r.adjustments()) {
            adjustment(a, j);
        }
        j.endArray();
        j.name("warnings").beginArray();
        for (String w : r.warnings()) {
            j.value(w);
        }
        j.endArray().field("warningCount", r.warningCount());
        j.name("lineErrors").beginArray();
        for (LineError e : r.lineErrors()) {
            j.beginObject().field("line", e.lineNumber()).field("message", e.message()).endObject();
        }
        j.endArray().field("lineErrorCount", r.lineErrorCount());
        j.endObject();
        out.append('\n');
    }

    private static void rows(ReconciliationReport r, JsonWriter j) throws IOException {
        j.name("rows").beginArray();
        for (SummaryRowResult row : r.rows()) {
            j.beginObject().field("operatorId", row.operatorId()).field("date", row.date().toString())
                    .field("currency", row.currency()).name("operatorKnown").value(row.operatorKnown())
                    .field("status", row.status().name());
            j.name("kinds").beginArray();
            for (KindComparison k : row.kinds()) {
                j.beginObject().field("kind", k.kind().name())
                        .name("oursMicro").amount(k.oursMicro())
                        .name("theirsMicro").amount(k.theirsMicro())
                        .name("driftMicro").amount(k.driftMicro())
                        .field("direction", k.direction().isEmpty() ? null : k.direction())
                        .field("pendingJobs", k.pending().count())
                        .name("pendingMicro").amount(k.pending().amountMicro())
                        .field("status", k.status().name())
                        .endObject();
            }
            j.endArray();
            j.name("adjustmentIds").beginArray();
            for (ManualAdjustment a : row.adjustments()) {
                j.value(a.id());
            }
            j.endArray().endObject();
        }
        j.endArray().field("rowCount", r.rowCount());
    }

    private static void transactions(ReconciliationReport r, JsonWriter j) throws IOException {
        TransactionCounts c = r.transactions();
        j.name("transactions").beginObject()
                .field("theirsRows", c.theirsRows()).field("oursRows", c.oursRows()).field("matching", c.matching())
                .field("differences", c.differences()).field("pendingExplained", c.pendingExplained())
                .field("droppedCalls", c.droppedCalls()).field("unexplained", c.unexplained());
        j.name("byType").beginObject();
        for (var e : c.byType().entrySet()) {
            j.field(e.getKey().name(), e.getValue());
        }
        j.endObject().endObject();
        j.name("differences").beginArray();
        for (Difference d : r.differences()) {
            difference(d, j);
        }
        j.endArray().field("differenceCount", r.differenceCount());
    }

    private static void difference(Difference d, JsonWriter j) throws IOException {
        j.beginObject().field("type", d.type().name()).field("transactionUuid", d.transactionUuid().toString());
        if (d.theirs() != null) {
            TransactionRow t = d.theirs();
            j.name("theirs").beginObject().field("kind", t.kind().name()).name("amountMicro").amount(t.amountMicro())
                    .field("currency", t.currency()).field("createdAt", t.createdAt().toString()).endObject();
        }
        if (d.ours() != null) {
            OursTransaction o = d.ours();
            j.name("ours").beginObject().field("kind", o.kind().name()).name("amountMicro").amount(o.amountMicro())
                    .field("currency", o.currency()).field("createdAt", o.createdAt().toString())
                    .field("betId", o.betId()).field("roundId", o.roundId()).field("playerRef", o.playerRef())
                    .endObject();
        }
        if (d.explanation() instanceof Explanation.OpenJob job) {
            j.field("pendingJobId", job.jobId());
        }
        j.field("note", d.note()).endObject();
    }

    private static void adjustment(ManualAdjustment a, JsonWriter j) throws IOException {
        j.beginObject().field("id", a.id()).field("operatorId", a.operatorId()).field("date", a.date().toString())
                .field("currency", a.currency()).field("kind", a.kind().name()).name("amountMicro").amount(a.amountMicro())
                .field("reason", a.reason()).field("author", a.author()).field("createdAt", a.createdAt().toString())
                .endObject();
    }
}
