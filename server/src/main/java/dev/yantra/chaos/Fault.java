package dev.yantra.chaos;

/**
 * One fault of a schedule: from {@code startMs} to {@code endMs} after the load started.
 *
 * @param node  the node's index for node faults, -1 otherwise
 * @param param the kind's parameter (delay ms, share per mille, clock offset ms), 0 when it takes none
 */
public record Fault(long startMs, long endMs, FaultKind kind, int node, long param) {
    public Fault {
        if (startMs < 0 || endMs < startMs) throw new IllegalArgumentException("fault interval " + startMs + ".." + endMs);
        if (kind.onNode() != (node >= 0)) throw new IllegalArgumentException(kind + " with node " + node);
    }

    /** One line, as the report prints it: {@code 12.3s-14.8s KILL9 node 1}. */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "%.1fs-%.1fs %s", startMs / 1000.0, endMs / 1000.0, kind));
        if (node >= 0) s.append(" node ").append(node);
        if (param != 0) s.append(" ").append(param);
        return s.toString();
    }
}
