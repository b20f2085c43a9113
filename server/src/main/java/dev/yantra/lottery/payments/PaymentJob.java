package dev.yantra.lottery.payments;

import dev.yantra.jobs.QueuedJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A row of pending_payment_jobs. SYNC: create the PaymentIntent if that was not done, then re-read it until the
 * payment leaves the customer's hands (the webhook's safety net). CAPTURE: take the held money of a confirmed
 * play. RELEASE: give back a play's money that must not be taken (cancel the hold, or refund a capture).
 */
public record PaymentJob(UUID id, UUID paymentId, UUID playId, Kind kind, int attempts, long version) implements QueuedJob {
    public enum Kind { SYNC, CAPTURE, RELEASE }

    @Override
    public String counterpartyId() {
        return StripeGateway.COUNTERPARTY;
    }

    static PaymentJob map(ResultSet rs, int row) throws SQLException {
        return new PaymentJob(rs.getObject("id", UUID.class), rs.getObject("payment_id", UUID.class), rs.getObject("play_id", UUID.class),
                Kind.valueOf(rs.getString("kind")), rs.getInt("attempts"), rs.getLong("version"));
    }
}
