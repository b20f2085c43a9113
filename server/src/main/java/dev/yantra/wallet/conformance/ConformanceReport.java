package dev.yantra.wallet.conformance;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of a run: every case, the player's balance at the start and the end, and how to print them. */
public record ConformanceReport(String url, String player, String currency, long timeoutMs, long stakeMicro,
                                Long startBalanceMicro, Long finalBalanceMicro, List<CaseResult> cases) {

    public ConformanceReport {
        cases = List.copyOf(cases);
    }

    /** Every case passed (a skipped case is not a pass). */
    public boolean passed() {
        return cases.stream().allMatch(CaseResult::passed);
    }

    public CaseResult result(ConformanceCase kase) {
        return cases.stream().filter(c -> c.kase() == kase).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for " + kase));
    }

    private long count(CaseResult.Outcome o) {
        return cases.stream().filter(c -> c.outcome() == o).count();
    }

    /** The pass/fail table, then every failing case with each of its requests and the wallet's answers. */
    public void printText(PrintWriter out) {
        out.printf("wallet conformance: %s, player %s, currency %s, stake %d micro, timeout %d ms%n", url, player, currency,
                stakeMicro, timeoutMs);
        int width = cases.stream().mapToInt(c -> c.kase().label().length()).max().orElse(4);
        out.printf("%-" + width + "s  %-6s  %s%n", "CASE", "RESULT", "DETAIL");
        for (CaseResult c : cases) out.printf("%-" + width + "s  %-6s  %s%n", c.kase().label(), c.outcome(), c.detail());
        out.printf("%d cases: %d passed, %d failed, %d skipped%n", cases.size(), count(CaseResult.Outcome.PASS),
                count(CaseResult.Outcome.FAIL), count(CaseResult.Outcome.SKIP));
        out.printf("balance of %s in %s: %s at the start, %s at the end%n", player, currency, micro(startBalanceMicro),
                micro(finalBalanceMicro));
        for (CaseResult c : cases) {
            if (c.outcome() != CaseResult.Outcome.FAIL) continue;
            out.printf("%nFAILED %s: %s%n  (the case proves that %s)%n", c.kase().label(), c.detail(), c.kase().proves());
            for (Call call : c.calls()) {
                out.printf("  > POST %s  [%s; kid %s, signed with %s]%n    %s%n", call.url(), call.purpose(), call.kid(),
                        call.signedWith(), call.requestBody());
                out.printf("  < %s in %d ms%n    %s%n", call.httpStatus() == null ? "no HTTP answer" : "HTTP " + call.httpStatus(),
                        call.latencyMs(), call.responseText());
            }
        }
        out.println(passed() ? "PASS: the wallet meets the contract" : "FAIL: the wallet does not meet the contract");
        out.flush();
    }

    /** For machines: the same, with the calls of every failing case. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("player", player);
        m.put("currency", currency);
        m.put("stakeMicro", String.valueOf(stakeMicro));
        m.put("timeoutMs", timeoutMs);
        m.put("passed", passed());
        m.put("startBalanceMicro", startBalanceMicro == null ? null : String.valueOf(startBalanceMicro));
        m.put("finalBalanceMicro", finalBalanceMicro == null ? null : String.valueOf(finalBalanceMicro));
        m.put("cases", cases.stream().map(c -> c.toJson(c.outcome() == CaseResult.Outcome.FAIL)).toList());
        return m;
    }

    private static String micro(Long v) {
        return v == null ? "unknown" : v + " micro";
    }
}
