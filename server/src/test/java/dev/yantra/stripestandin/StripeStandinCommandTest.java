package dev.yantra.stripestandin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.app.YantraCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StripeStandinCommandTest {
    private static StripeStandin stripe;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() {
        stripe = StripeStandin.start(StripeStandin.Config.defaults());
    }

    @AfterAll
    static void stop() {
        stripe.close();
    }

    private static Run run(String... args) {
        CommandLine cmd = YantraCommand.commandLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cmd.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void faultsSetsWhatItIsGivenAndPrintsEveryFaultNowInForce() {
        Run r = run("stripe-standin", "faults", "--url", stripe.adminUrl(), "--clear", "--webhook-delay-ms", "250",
                "--duplicate-rate", "0.5", "--drop-rate", "0.1", "--reorder", "--api-error-rate", "0.2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(stripe.faults()).isEqualTo(new Faults(250, 0.5, true, 0.1, false, 0.2));
        assertThat(r.out()).contains("webhookDelayMs").contains("250").contains("duplicateRate").contains("reorder");

        assertThat(run("stripe-standin", "faults", "--url", stripe.adminUrl(), "--down").code()).isZero();
        assertThat(stripe.faults().down()).isTrue();
        assertThat(run("stripe-standin", "faults", "--url", stripe.adminUrl(), "--json").out()).contains("\"down\":true");
        assertThat(run("stripe-standin", "faults", "--url", stripe.adminUrl(), "--clear").code()).isZero();
        assertThat(stripe.faults()).isEqualTo(Faults.NONE);
    }

    @Test
    void aValueTheStandInRefusesIsExit64WithItsReason() {
        Run r = run("stripe-standin", "faults", "--url", stripe.adminUrl(), "--drop-rate", "2");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("dropRate must be 0..1");
        assertThat(run("stripe-standin", "faults", "--url", stripe.adminUrl(), "--down", "--up").code()).isEqualTo(64);
        assertThat(stripe.faults().dropRate()).isZero();
    }

    @Test
    void anUnreachableStandInIsExit69InOneLine() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Run r = run("stripe-standin", "faults", "--url", "http://127.0.0.1:" + free + "/admin", "--clear");
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("unreachable");
    }

    @Test
    void serveRefusesAWebhookUrlWithoutASecretAndAKeyThatIsNotATestKey() {
        Run noSecret = run("stripe-standin", "serve", "--port", "0", "--webhook-url", "http://127.0.0.1:1/webhooks/stripe");
        assertThat(noSecret.code()).isEqualTo(64);
        assertThat(noSecret.err()).contains("--webhook-secret");
        Run liveKey = run("stripe-standin", "serve", "--port", "0", "--api-key", "sk_live_123");
        assertThat(liveKey.code()).isEqualTo(64);
        assertThat(liveKey.err()).contains("sk_test_");
    }

    @Test
    void serveOnATakenPortIsExit69() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run r = run("stripe-standin", "serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(69);
            assertThat(r.err()).contains("cannot listen");
        }
    }
}
