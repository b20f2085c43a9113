package dev.yantra.lottery.payments;

import com.stripe.model.PaymentIntent;

/**
 * What Yantra reads from a PaymentIntent, from any source (an API answer, a card error, a re-read after a
 * webhook): the status, the amounts, the last payment error and what the customer must do next.
 */
record IntentState(String id, String status, long amountCapturableMinor, long amountReceivedMinor, String clientSecret,
                   String nextAction, String redirectUrl, String errorCode, String errorMessage, String latestCharge) {

    static IntentState of(PaymentIntent pi) {
        String next = null;
        String redirect = null;
        if (pi.getNextAction() != null) {
            next = pi.getNextAction().getType();
            if (pi.getNextAction().getRedirectToUrl() != null) redirect = pi.getNextAction().getRedirectToUrl().getUrl();
        }
        String code = null;
        String message = null;
        if (pi.getLastPaymentError() != null) {
            code = pi.getLastPaymentError().getDeclineCode() != null ? pi.getLastPaymentError().getDeclineCode() : pi.getLastPaymentError().getCode();
            message = pi.getLastPaymentError().getMessage();
        }
        return new IntentState(pi.getId(), pi.getStatus(), nz(pi.getAmountCapturable()), nz(pi.getAmountReceived()), pi.getClientSecret(),
                next, redirect, code, message, pi.getLatestCharge());
    }

    /** The payment failed and nothing will be taken unless the customer tries again (a decline, a failed 3-D Secure). */
    boolean failedAttempt() {
        return "requires_payment_method".equals(status) && errorCode != null;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
