package dev.yantra.lottery.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.config.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StripeSettingsTest {
    @Test
    void without_a_secret_key_card_payments_are_not_configured_and_the_minimums_are_the_defaults() {
        StripeSettings s = StripeSettings.fromEnv(Map.of());
        assertThat(s.configured()).isFalse();
        assertThat(s.webhookSecrets()).isEmpty();
        assertThat(s.cardMinimumMicro("DOP")).isEqualTo(50L * 100_000);
        assertThat(s.cardMinimumMicro("USD")).isEqualTo(100_000L);
    }

    @Test
    void two_webhook_secrets_separated_by_a_comma_are_both_kept_for_a_rotation() {
        StripeSettings s = StripeSettings.fromEnv(Map.of("STRIPE_SECRET_KEY", "sk_test_abc", "STRIPE_WEBHOOK_SECRET", "whsec_old, whsec_new",
                "STRIPE_API_BASE", "http://127.0.0.1:8094", "CARD_MINIMUM_DOP", "25.50"));
        assertThat(s.configured()).isTrue();
        assertThat(s.webhookSecrets()).containsExactly("whsec_old", "whsec_new");
        assertThat(s.apiBase()).contains("http://127.0.0.1:8094");
        assertThat(s.cardMinimumMicro("DOP")).isEqualTo(2_550_000L);
    }

    @Test
    void a_wrong_value_stops_start_up_with_the_variable_named() {
        assertThatThrownBy(() -> StripeSettings.fromEnv(Map.of("STRIPE_SECRET_KEY", "pk_test_abc")))
                .isInstanceOf(UsageException.class).hasMessageContaining("STRIPE_SECRET_KEY");
        assertThatThrownBy(() -> StripeSettings.fromEnv(Map.of("STRIPE_WEBHOOK_SECRET", "secret")))
                .isInstanceOf(UsageException.class).hasMessageContaining("STRIPE_WEBHOOK_SECRET");
        assertThatThrownBy(() -> StripeSettings.fromEnv(Map.of("STRIPE_API_BASE", "api.stripe.com")))
                .isInstanceOf(UsageException.class).hasMessageContaining("STRIPE_API_BASE");
        assertThatThrownBy(() -> StripeSettings.fromEnv(Map.of("CARD_MINIMUM_USD", "one")))
                .isInstanceOf(UsageException.class).hasMessageContaining("CARD_MINIMUM_USD");
    }

    @Test
    void an_older_payment_intent_state_ranks_below_a_newer_one() {
        assertThat(PaymentSync.rank("requires_action", null)).isLessThan(PaymentSync.rank("requires_capture", null));
        assertThat(PaymentSync.rank("requires_capture", null)).isLessThan(PaymentSync.rank("succeeded", null));
        assertThat(PaymentSync.rank("requires_action", null)).as("a failed 3-D Secure ends the pending action")
                .isLessThan(PaymentSync.rank("requires_payment_method", "payment_intent_authentication_failure"));
        assertThat(PaymentSync.rank(Payment.CREATING, null)).isLessThan(PaymentSync.rank("requires_payment_method", null));
    }

    @Test
    void client_secrets_are_blanked_in_the_call_journal() {
        assertThat(StripeGateway.redact("{\"id\":\"pi_1\",\"client_secret\": \"pi_1_secret_abc\",\"status\":\"requires_action\"}"))
                .isEqualTo("{\"id\":\"pi_1\",\"client_secret\": \"[redacted]\",\"status\":\"requires_action\"}");
    }
}
