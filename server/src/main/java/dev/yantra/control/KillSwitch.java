package dev.yantra.control;

import java.time.Instant;
import java.util.UUID;

/** One active halt: of new bets or of settlements, for everyone, one operator, one game, or both. */
public record KillSwitch(long id, Scope scope, UUID operatorId, String gameCode, String reason, String createdBy, Instant createdAt) {

    public enum Scope { BETS, SETTLEMENTS }

    /** Does this halt cover a table of {@code operator} running {@code game}? Null fields match everything. */
    public boolean covers(UUID operator, String game) {
        return (operatorId == null || operatorId.equals(operator)) && (gameCode == null || gameCode.equals(game));
    }

    public String describe() {
        return scope.name().toLowerCase() + " halted for " + (operatorId == null ? "all operators" : "operator " + operatorId)
                + (gameCode == null ? "" : ", game " + gameCode);
    }
}
