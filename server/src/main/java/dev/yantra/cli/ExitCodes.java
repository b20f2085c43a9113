package dev.yantra.cli;

/** The exit codes every command shares (0 ok, 1 a check failed or not found, 64 usage, 69 unavailable, 70 internal); {@code yantra reconcile} adds its own 0/1/2/3 on top of these. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;   // a check found a problem, or the named object does not exist
    public static final int USAGE = 64;
    public static final int UNAVAILABLE = 69;
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
