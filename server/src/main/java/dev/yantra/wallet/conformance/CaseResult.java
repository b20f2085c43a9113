package dev.yantra.wallet.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one case came out. SKIP: the case could not run because one it needs failed (a win needs an accepted
 * bet); a skipped case is not a pass.
 *
 * @param detail what was seen (a pass) or every way it broke the contract (a failure)
 * @param calls  every call the case made, in order, balance checks and clean-up included
 */
public record CaseResult(ConformanceCase kase, Outcome outcome, String detail, List<Call> calls) {

    public enum Outcome { PASS, FAIL, SKIP }

    public CaseResult {
        calls = List.copyOf(calls);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    public Map<String, Object> toJson(boolean withCalls) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", kase.label());
        m.put("result", outcome.name());
        m.put("detail", detail);
        m.put("proves", kase.proves());
        if (withCalls) m.put("calls", calls.stream().map(Call::toJson).toList());
        return m;
    }
}
