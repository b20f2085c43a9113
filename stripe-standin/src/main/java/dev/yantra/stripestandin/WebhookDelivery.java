package dev.yantra.stripestandin;

import java.time.Instant;

/**
 * One attempt to deliver a webhook. {@code status} is the receiver's HTTP status, 0 when it could not be reached
 * ({@code error} says why), -1 for an event the {@code dropRate} fault swallowed.
 */
public record WebhookDelivery(String eventId, String type, int attempt, int status, String error, Instant at) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
