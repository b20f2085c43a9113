package dev.yantra.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.signing.SpecClient;
import dev.yantra.testing.TestServer;
import dev.yantra.testing.Yantra;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code yantra operator create|list|show} and {@code yantra credential
 * issue|rotate|revoke} against the database of a running node, with the exit codes every command shares. A secret
 * printed by the CLI must sign requests the node accepts, and a revocation must stop it within a second.
 */
class OperatorCliTest {
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

    static Yantra.Run yantra(String... args) {
        return Yantra.run(url, args);
    }

    /** As an SRE's shell has it: DATABASE_URL and YANTRA_MASTER_KEY of the deployment, as its own process. */
    static Yantra.Run yantraProcess(String... args) {
        return Yantra.process(shell(), args);
    }

    /** The same environment, in this JVM (a JVM start per command costs seconds). */
    static Yantra.Run yantraWithKey(String... args) {
        return Yantra.inProcess(shell(), null, args);
    }

    static Map<String, String> shell() {
        return Map.of("DATABASE_URL", url, "YANTRA_MASTER_KEY", server.env.masterKeyBase64().orElseThrow());
    }

    static String create(String name) {
        Yantra.Run r = yantra("operator", "create", "--name", name, "--compliance-contact", "sec@" + name + ".example",
                "--currencies", "LKR,USD", "--wallet-url", "http://localhost:1/wallet", "--rate-limit", "500", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.parse(r.out()).get("id").stringValue();
    }

    @Test
    void operators_are_created_listed_and_shown_and_bad_input_or_an_unknown_operator_get_the_documented_exit_codes() {
        String id = create("cli-casino");
        JsonNode shown = Json.parse(yantra("operator", "show", "cli-casino", "--json").out());
        assertThat(shown.get("id").stringValue()).isEqualTo(id);
        assertThat(shown.get("status").stringValue()).isEqualTo("ACTIVE");
        assertThat(shown.get("rateLimitPerSecond").intValue()).isEqualTo(500);
        assertThat(shown.get("credentials").size()).isZero();
        assertThat(yantra("operator", "show", id).out()).contains("compliance contact sec@cli-casino.example");

        Yantra.Run list = yantra("operator", "list", "--json");
        assertThat(list.exit()).isZero();
        assertThat(Json.parse(list.out()).findValuesAsString("name")).contains("cli-casino");
        assertThat(yantra("operator", "list").out()).contains("cli-casino").contains("LKR,USD");

        Yantra.Run unknown = yantra("operator", "show", "nobody");
        assertThat(unknown.exit()).as("the named object does not exist").isEqualTo(1);
        assertThat(unknown.err()).contains("no operator 'nobody'").doesNotContain("Exception");
        assertThat(unknown.out()).isEmpty();

        String[][] bad = {
                {"--name", "cli-casino", "--compliance-contact", "c", "--currencies", "LKR", "--wallet-url", "http://x"},   // taken
                {"--name", "bad name!", "--compliance-contact", "c", "--currencies", "LKR", "--wallet-url", "http://x"},
                {"--name", "n2", "--compliance-contact", "", "--currencies", "LKR", "--wallet-url", "http://x"},
                {"--name", "n3", "--compliance-contact", "c", "--currencies", "LKR", "--wallet-url", "not-a-url"},
                {"--name", "n4", "--compliance-contact", "c", "--currencies", "LKR", "--wallet-url", "http://x", "--rate-limit", "abc"},
                {"--name", "n5", "--compliance-contact", "c", "--currencies", "LKR", "--wallet-url", "http://x", "--ip-allow-list", "999.1.1.1"},
                {"--compliance-contact", "c", "--currencies", "LKR", "--wallet-url", "http://x"},                          // no --name
        };
        for (String[] args : bad) {
            String[] full = new String[args.length + 2];
            full[0] = "operator";
            full[1] = "create";
            System.arraycopy(args, 0, full, 2, args.length);
            Yantra.Run r = yantra(full);
            assertThat(r.exit()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(64);
            assertThat(r.err().lines().filter(l -> l.startsWith("yantra ")).count()).as("one clear line").isGreaterThanOrEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM operators WHERE name IN ('n2','n3','n4','n5')").query(Integer.class).single())
                .as("refused input writes nothing").isZero();
        assertThat(jdbc.sql("SELECT changed_by FROM admin_audit_log WHERE action = 'operator.create' AND subject LIKE ?")
                .param("%" + id + "%").query(String.class).list()).containsExactly(CLI_USER);
    }

    @Test
    void an_issued_secret_signs_requests_rotation_overlaps_and_a_revocation_stops_the_kid_on_the_running_node_within_a_second()
            throws Exception {
        create("keys-casino");

        // issue prints kid and secret once, on stdout; the reminder goes to stderr
        Yantra.Run issued = yantraProcess("credential", "issue", "--operator", "keys-casino", "--kind", "inbound");
        assertThat(issued.exit()).as(issued.err()).isZero();
        String kid = field(issued.out(), "kid");
        String secret = field(issued.out(), "secret");
        assertThat(kid).startsWith("ik_");
        assertThat(secret).hasSize(43);
        assertThat(issued.err()).contains("shown only now");
        SpecClient first = new SpecClient(server.url(""), kid, secret);
        assertThat(first.get("/v1/rounds").statusCode()).as("the printed secret signs a request the node accepts").isEqualTo(200);

        // rotate --json: one JSON document with the new kid and secret; both kids work through the overlap
        Yantra.Run rotated = yantraWithKey("credential", "rotate", kid, "--overlap", "1h", "--json");
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        JsonNode fresh = Json.parse(rotated.out());
        String newKid = fresh.get("kid").stringValue();
        SpecClient second = new SpecClient(server.url(""), newKid, fresh.get("secret").stringValue());
        assertThat(newKid).isNotEqualTo(kid);
        assertThat(second.get("/v1/rounds").statusCode()).isEqualTo(200);
        assertThat(first.get("/v1/rounds").statusCode()).as("the old kid during the overlap").isEqualTo(200);

        // the secret is never shown again
        Yantra.Run show = yantra("operator", "show", "keys-casino", "--json");
        assertThat(Json.parse(show.out()).get("credentials").size()).isEqualTo(2);
        assertThat(show.out()).doesNotContain(secret).doesNotContain(fresh.get("secret").stringValue());

        // revoke needs no master key (this in-process CLI has none) and the node refuses the kid within 1 s
        Yantra.Run revoked = yantra("credential", "revoke", kid, "--reason", "leak drill", "--json");
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(Json.parse(revoked.out()).get("changed").booleanValue()).isTrue();
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        do {
            r = first.get("/v1/rounds");
        } while (r.statusCode() == 200 && System.nanoTime() - t0 < 2_000_000_000L);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(System.nanoTime() - t0).as("refused within 1 s").isLessThan(1_000_000_000L);
        assertThat(Json.parse(r.body()).get("error").stringValue()).isEqualTo("unknown_or_revoked_kid");
        assertThat(second.get("/v1/rounds").statusCode()).as("the successor keeps working").isEqualTo(200);

        Yantra.Run again = yantra("credential", "revoke", kid);
        assertThat(again.exit()).as("revoking twice is a clear no-op").isZero();
        assertThat(again.out()).contains("already revoked");

        // exit codes: unknown objects 1, bad input 64
        assertThat(yantra("credential", "revoke", "ik_nope").exit()).isEqualTo(1);
        assertThat(yantra("credential", "rotate", "ik_nope").exit()).isEqualTo(1);
        assertThat(yantra("credential", "issue", "--operator", "nobody", "--kind", "inbound").exit()).isEqualTo(1);
        assertThat(yantra("credential", "issue", "--operator", "keys-casino", "--kind", "sideways").exit()).isEqualTo(64);
        assertThat(yantra("credential", "issue", "--operator", "keys-casino", "--kind", "inbound", "--not-after", "5x").exit()).isEqualTo(64);
        assertThat(yantra("credential", "rotate", newKid, "--overlap", "25h").exit()).as("overlap max 24h").isEqualTo(64);
        assertThat(yantra("credential", "rotate", kid).exit()).as("a revoked kid cannot be rotated").isEqualTo(64);
        if (System.getenv("YANTRA_MASTER_KEY") == null) {
            Yantra.Run noKey = yantra("credential", "issue", "--operator", "keys-casino", "--kind", "inbound");
            assertThat(noKey.exit()).as("issuing needs the master key: a clear usage error").isEqualTo(64);
            assertThat(noKey.err()).contains("YANTRA_MASTER_KEY is required");
        }

        // every change audited under cli:<user>, and the credential rows say who issued them
        assertThat(jdbc.sql("SELECT action FROM admin_audit_log WHERE changed_by = ? AND subject = ? ORDER BY id")
                .params(CLI_USER, "credential:" + kid).query(String.class).list())
                .containsExactly("credential.issue", "credential.rotate", "credential.revoke");
        assertThat(jdbc.sql("SELECT DISTINCT created_by FROM operator_credentials WHERE kid IN (?, ?)").params(kid, newKid)
                .query(String.class).list()).containsExactly(CLI_USER);
    }

    /** A "name   value" line of the text output. */
    static String field(String out, String name) {
        return out.lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length()).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + name + "' line in:\n" + out));
    }

}
