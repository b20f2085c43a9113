// Package dev.yantra.fairness.cli owns the picocli wrappers over the fairness core: yantra verify, rtp,
// cert status and bench rtp. The top-level `yantra` command registers them; these classes hold no logic beyond
// argument handling, output formatting and exit codes (conventions.md "CLI").
package dev.yantra.fairness.cli;

/** Exit codes shared by every yantra command (conventions.md). */
public final class ExitCodes {
    public static final int OK = 0;
    /** A check found a problem: a vector mismatch, a failed verification, RTP outside 4σ, unattested change. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage or invalid arguments. */
    public static final int USAGE = 64;
    public static final int INTERNAL = 70;

    private ExitCodes() {}
}
