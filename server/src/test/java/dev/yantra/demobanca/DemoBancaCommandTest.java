package dev.yantra.demobanca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.app.YantraCommand;
import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoBancaCommandTest {
    private static Database db;
    private static DemoBanca banca;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() {
        db = TestPostgres.freshDatabase();
        banca = DemoBanca.start(DemoBanca.Config.of(db.dataSource()).withSecret("bk_1", "s"));
    }

    @AfterAll
    static void stop() {
        banca.close();
        db.close();
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
    void faults_sets_what_it_is_given_and_prints_every_fault_now_in_force() {
        Run r = run("demo-banca", "faults", "--url", banca.adminUrl(), "--clear", "--error-rate", "0.3", "--timeout-rate", "0.2",
                "--lost-webhooks", "1", "--duplicate-webhooks", "1", "--reorder-webhooks", "--wrong-secret-webhooks", "1",
                "--force-reject", "--slow-ms", "800");
        assertThat(r.code()).as(r.err()).isZero();
        Faults f = banca.faults();
        assertThat(f.errorRate()).isEqualTo(0.3);
        assertThat(f.timeoutRate()).isEqualTo(0.2);
        assertThat(f.lostWebhooks()).isEqualTo(1.0);
        assertThat(f.duplicateWebhooks()).isEqualTo(1.0);
        assertThat(f.reorderWebhooks()).isTrue();
        assertThat(f.wrongSecretWebhooks()).isEqualTo(1.0);
        assertThat(f.forceReject()).isTrue();
        assertThat(f.slowMs()).isEqualTo(800);
        assertThat(r.out()).contains("errorRate").contains("0.3").contains("reorderWebhooks").contains("slowMs");

        Run cleared = run("demo-banca", "faults", "--url", banca.adminUrl(), "--clear", "--no-force-reject");
        assertThat(cleared.code()).isZero();
        assertThat(banca.faults()).isEqualTo(banca.clearedFaults());
    }

    @Test
    void down_and_up_close_and_reopen_the_banca_listener() {
        assertThat(run("demo-banca", "faults", "--url", banca.adminUrl(), "--down").code()).isZero();
        assertThat(banca.faults().down()).isTrue();
        Run shown = run("demo-banca", "faults", "--url", banca.adminUrl(), "--json");
        assertThat(shown.out()).contains("\"down\":true");
        assertThat(run("demo-banca", "faults", "--url", banca.adminUrl(), "--up").code()).isZero();
        assertThat(banca.faults().down()).isFalse();
    }

    @Test
    void a_value_the_banca_refuses_is_exit_64_with_its_reason() {
        Run r = run("demo-banca", "faults", "--url", banca.adminUrl(), "--error-rate", "2");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("errorRate must be 0..1");
        assertThat(run("demo-banca", "faults", "--url", banca.adminUrl(), "--down", "--up").code()).isEqualTo(64);
    }

    @Test
    void an_unreachable_banca_is_exit_69_in_one_line() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Run r = run("demo-banca", "faults", "--url", "http://127.0.0.1:" + free + "/admin", "--clear");
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("unreachable");
    }
}
