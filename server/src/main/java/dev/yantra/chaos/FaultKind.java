package dev.yantra.chaos;

/**
 * What can go wrong during a run. Node faults name a node by index; the others act on a counterparty or on
 * PostgreSQL. Instant faults (a kill) have a duration: how long the node stays down before it is restarted.
 */
public enum FaultKind {
    /** SIGKILL of a node; restarted after the fault's duration. */
    KILL9(true),
    /** SIGTERM of a node (it drains, mid-round), restarted once it exited and the duration passed. */
    SIGTERM(true),
    /** SIGSTOP then SIGCONT after the duration: a node frozen past its leases (a long GC pause, a stalled VM). */
    PAUSE(true),
    /** A node restarted with YANTRA_CLOCK_OFFSET_MS set to the fault's parameter; restarted without it at the end. */
    CLOCK_SKEW(true),
    /** The wallet refuses connections. */
    WALLET_DOWN(false),
    /** Every wallet answer is delayed by the parameter in ms. */
    WALLET_SLOW(false),
    /** A share (parameter, per mille) of wallet calls answered HTTP 503 before anything moves. */
    WALLET_ERRORS(false),
    /** A share (parameter, per mille) of wallet calls applied, then answered after the caller gave up. */
    WALLET_TIMEOUT_AFTER_APPLY(false),
    /** A share (parameter, per mille) of wallet calls answered 200 with a body that is not the wallet's JSON. */
    WALLET_GARBAGE(false),
    /** PostgreSQL stopped (fast shutdown) and started again after the duration, same data and port. */
    DB_RESTART(false),
    /** The harness holds all but a few of PostgreSQL's connection slots: nodes cannot open more. */
    POOL_SQUEEZE(false),
    /** The demo banca refuses connections. */
    BANCA_DOWN(false),
    /** Every banca answer delayed by the parameter in ms. */
    BANCA_SLOW(false),
    /** A share (parameter, per mille) of the banca's confirmation webhooks never sent. */
    BANCA_LOST_WEBHOOKS(false),
    /** A share (parameter, per mille) of the banca's webhooks sent twice. */
    BANCA_DUPLICATE_WEBHOOKS(false),
    /** The Stripe stand-in's webhooks sent the parameter in ms late. */
    STRIPE_WEBHOOK_DELAY(false),
    /** The Stripe stand-in's webhooks held and sent in pairs, in reverse order. */
    STRIPE_WEBHOOK_REORDER(false);

    private final boolean onNode;

    FaultKind(boolean onNode) {
        this.onNode = onNode;
    }

    public boolean onNode() {
        return onNode;
    }

    public boolean onWallet() {
        return name().startsWith("WALLET_");
    }

    /** A fault of the lottery's counterparties (the demo banca, the Stripe stand-in). */
    public boolean onLottery() {
        return name().startsWith("BANCA_") || name().startsWith("STRIPE_");
    }
}
