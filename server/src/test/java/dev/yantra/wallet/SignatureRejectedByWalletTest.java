package dev.yantra.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.counterparty.SignatureRejectedByCounterparty;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A wallet that refuses our signature (it does not hold the key we sign with) is counted in
 * counterparty_signature_rejected_total{kind="operator",counterparty,reason}, which exists at 0 before it happens.
 */
class SignatureRejectedByWalletTest {

    @Test
    void a_wallet_refusing_our_signature_is_counted_for_that_operator_and_the_series_exists_at_zero_before() {
        try (WalletFixture f = new WalletFixture()) {
            WalletClient.preRegister(f.meters, f.operatorId);
            String series = "counterparty_signature_rejected_total{counterparty=\"" + f.operatorId + "\",kind=\"operator\",reason=\"";
            assertThat(f.meters.scrape()).contains(series + "invalid_signature\"} 0.0", series + "unauthorized\"} 0.0");

            // our key is right: nothing counted
            WalletResponse ok = f.client.call(WalletRequest.balance(f.operatorId, "sig-player", "LKR", "ketapola-dice"));
            assertThat(ok.status()).isEqualTo("RS_OK");
            // the same kid with a secret the wallet does not hold: refused, counted once
            WalletClient wrong = f.clientWith(new OutboundCredentials.Credential(WalletFixture.KID,
                    "not-the-wallets-secret-0123456789".getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(2));
            WalletResponse r = wrong.call(WalletRequest.balance(f.operatorId, "sig-player", "LKR", "ketapola-dice"));
            assertThat(r.httpStatus()).isEqualTo(401);

            double counted = f.meters.find(SignatureRejectedByCounterparty.NAME).tag("counterparty", f.operatorId.toString())
                    .counters().stream().mapToDouble(c -> c.count()).sum();
            assertThat(counted).isEqualTo(1.0);
        }
    }

    @Test
    void only_a_refusal_of_the_signature_counts_as_one() {
        assertThat(SignatureRejectedByCounterparty.reason(200, "RS_ERROR_INVALID_SIGNATURE")).contains("invalid_signature");
        assertThat(SignatureRejectedByCounterparty.reason(401, null)).contains("unauthorized");
        assertThat(SignatureRejectedByCounterparty.reason(403, null)).contains("unauthorized");
        assertThat(SignatureRejectedByCounterparty.reason(200, "RS_ERROR_NOT_ENOUGH_MONEY")).isEmpty();
        assertThat(SignatureRejectedByCounterparty.reason(503, null)).isEmpty();
        assertThat(SignatureRejectedByCounterparty.reason(null, null)).isEmpty();
    }
}
