package dev.yantra.portal;

/** What a portal user may do beyond reading the pages of its scope. Granted per role in {@link PortalRole}. */
public enum Permission {
    /** Every page of the user's scope: dashboard, players, bets, rounds, transactions, reports, jobs, audit. */
    READ,
    /** Invite, disable and reset the second factor of users (an operator admin: its own operator's only). */
    MANAGE_USERS,
    /** Issue, stage, activate, rotate and revoke an operator's signing credentials. */
    MANAGE_CREDENTIALS,
    /** Set and revert game configurations (an operator admin within the platform's RTP bound). */
    EDIT_GAME_CONFIG,
    /** Post, replace and clear the incident banner shown on /play. */
    POST_BANNER,
    /** Halt and resume the bets (or settlements) of one operator. */
    HALT_OPERATOR,
    /** Breakers, runtime settings and halts of the whole platform. */
    PLATFORM_LEVERS,
    /** Retry a pending job now, or complete it by hand with a reason. */
    HANDLE_JOBS,
    /** Download reports and reconciliation results as CSV. */
    EXPORT,
    /** The lottery hub's desk: bancas, draws and results, plays, limits, payments and approvals. */
    LOTTERY_OPERATIONS
}
