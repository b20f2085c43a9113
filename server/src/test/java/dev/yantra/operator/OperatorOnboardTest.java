package dev.yantra.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.UsageException;
import dev.yantra.games.GameRegistry;
import dev.yantra.signing.SpecClient;
import dev.yantra.testing.TestServer;
import dev.yantra.testing.Yantra;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code yantra operator onboard} does the whole sequence in one audited
 * step — operator, inbound and outbound keys, an enabled table per game and currency — and what it prints is
 * enough for the operator to create a session that a table will serve.
 */
class OperatorOnboardTest {
    static final String CLI_USER = "cli:" + System.getProperty("user.name");
    static TestServer server;
    static String url;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        url = server.env.databaseUrl().orElseThrow();
        jdbc = server.running.database().jdbc();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** {@code yantra operator onboard} in this JVM, with the SRE's DATABASE_URL and YANTRA_MASTER_KEY. */
    static Yantra.Run onboard(String name, String... extra) {
        return Yantra.inProcess(shell(), null, onboardArgs(name, extra));
    }

    /** The same as its own process: what the launcher itself prints and exits with. */
    static Yantra.Run onboardProcess(String name, String... extra) {
        return Yantra.process(shell(), onboardArgs(name, extra));
    }

    static Map<String, String> shell() {
        return Map.of("DATABASE_URL", url, "YANTRA_MASTER_KEY", server.env.masterKeyBase64().orElseThrow());
    }

    static String[] onboardArgs(String name, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("operator", "onboard", "--name", name, "--compliance-contact",
                "sec@" + name + ".example", "--currencies", "LKR,USD", "--wallet-url", "https://wallet." + name + ".example/yantra"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void one_command_onboards_an_operator_whose_printed_key_creates_a_session_a_table_serves() throws Exception {
        Yantra.Run r = onboardProcess("onboard-casino", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode out = Json.parse(r.out());
        String operatorId = out.get("operator").get("id").stringValue();
        String inKid = out.get("inbound").get("kid").stringValue();
        String inSecret = out.get("inbound").get("secret").stringValue();
        String outKid = out.get("outbound").get("kid").stringValue();
        assertThat(out.get("inbound").get("state").stringValue()).isEqualTo("ACTIVE");
        assertThat(out.get("outbound").get("state").stringValue()).as("the first outbound key signs at once").isEqualTo("ACTIVE");
        assertThat(out.get("outbound").get("secret").stringValue()).hasSize(43);
        assertThat(out.get("tables").size()).isEqualTo(2);

        SpecClient client = new SpecClient(server.url(""), inKid, inSecret);
        for (String currency : List.of("LKR", "USD")) {
            HttpResponse<String> s = client.post("/v1/session", """
                    {"requestUuid":"%s","operatorId":"%s","playerRef":"p1","gameCode":"ketapola-dice","currency":"%s"}"""
                    .formatted(UUID.randomUUID(), operatorId, currency));
            assertThat(s.statusCode()).as(currency + ": " + s.body()).isEqualTo(201);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM operator_game_configs WHERE operator_id = ?::uuid AND enabled").param(operatorId)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT kid FROM operator_credentials WHERE operator_id = ?::uuid ORDER BY kind").param(operatorId)
                .query(String.class).list()).containsExactly(inKid, outKid);
        assertThat(jdbc.sql("SELECT changed_by || ' ' || action FROM admin_audit_log WHERE action = 'operator.onboard' AND subject = ?")
                .param("operator:" + operatorId).query(String.class).list()).containsExactly(CLI_USER + " operator.onboard");
    }

    @Test
    void the_handover_text_names_every_thing_the_operators_engineer_configures() {
        Yantra.Run r = onboard("handover-casino");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("API base URL", "/v1/session", "x-yantra-key-id", "ik_", "ok_",
                "https://wallet.handover-casino.example/yantra", "/balance, /bet, /win, /rollback", "ketapola-dice in LKR",
                "ketapola-dice in USD", "yantra wallet conformance", "shown only now");
    }

    @Test
    void a_refused_onboarding_exits_64_and_leaves_nothing_behind() {
        assertThat(onboard("twice-casino").exit()).isZero();
        long credentials = jdbc.sql("SELECT count(*) FROM operator_credentials").query(Long.class).single();
        long configs = jdbc.sql("SELECT count(*) FROM operator_game_configs").query(Long.class).single();
        Yantra.Run again = onboardProcess("twice-casino");
        assertThat(again.exit()).isEqualTo(64);
        assertThat(again.err()).contains("already exists");
        Yantra.Run badGame = onboard("badgame-casino", "--games", "ketapola-dice,roulette");
        assertThat(badGame.exit()).isEqualTo(64);
        assertThat(badGame.err()).contains("unknown game 'roulette'");
        assertThat(jdbc.sql("SELECT count(*) FROM operators WHERE name = 'badgame-casino'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM operator_credentials").query(Long.class).single()).isEqualTo(credentials);
        assertThat(jdbc.sql("SELECT count(*) FROM operator_game_configs").query(Long.class).single()).isEqualTo(configs);
    }

    @Test
    void the_wallets_own_secret_is_imported_and_signs_our_calls_without_being_shown_back() {
        var db = server.running.database();
        AdminAudit audit = new AdminAudit(db.jdbc());
        CredentialStore credentials = server.running.context().getBean(CredentialStore.class);
        Onboarding onboarding = new Onboarding(db, new Operators(db.jdbc(), audit), credentials, audit, GameRegistry.standard());
        Onboarding.Result r = onboarding.onboard(new Onboarding.Request(new Operators.NewOperator("import-casino", "sec@import.example",
                List.of("LKR"), "https://wallet.import.example", null, null), List.of("ketapola-dice"), "the-wallets-secret-0123456789"), "test");
        assertThat(r.outbound().secret()).isNull();
        assertThat(r.toJson().get("outbound").toString()).doesNotContain("the-wallets-secret");
        assertThat(new String(credentials.currentOutbound(r.operator().id()).secret(), StandardCharsets.UTF_8))
                .isEqualTo("the-wallets-secret-0123456789");
        assertThatThrownBy(() -> onboarding.onboard(new Onboarding.Request(new Operators.NewOperator("short-secret-casino",
                "sec@x.example", List.of("LKR"), "https://wallet.x.example", null, null), null, "short"), "test"))
                .isInstanceOf(UsageException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM operators WHERE name = 'short-secret-casino'").query(Long.class).single()).isZero();
    }
}
