package dev.yantra.lottery.forwarding;

import dev.yantra.jobs.QueuedJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** A row of pending_banca_jobs: REGISTER sends the play; STATUS asks about one the banca answered 202 for. */
public record BancaJob(UUID id, UUID bancaId, UUID playId, Kind kind, int attempts, long version) implements QueuedJob {
    public enum Kind { REGISTER, STATUS }

    @Override
    public String counterpartyId() {
        return bancaId.toString();
    }

    static BancaJob map(ResultSet rs, int row) throws SQLException {
        return new BancaJob(rs.getObject("id", UUID.class), rs.getObject("banca_id", UUID.class), rs.getObject("play_id", UUID.class),
                Kind.valueOf(rs.getString("kind")), rs.getInt("attempts"), rs.getLong("version"));
    }
}
