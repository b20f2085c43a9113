package dev.yantra.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.config.MasterKey;
import dev.yantra.config.YantraEnv;
import dev.yantra.db.Database;
import dev.yantra.demo.DemoProvisioner;
import dev.yantra.demowallet.DemoWallet;
import dev.yantra.server.ServerLauncher;
import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import dev.yantra.testing.Yantra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole backup story on real bets: a node and the demo wallet take bets until every one is settled, then
 * {@code yantra backup}, the database is dropped, {@code yantra restore}, {@code yantra backup verify}, and
 * {@code yantra reconcile} and {@code yantra verify --since} pass on the restored copy with the money of before.
 */
class BackupRestoreEndToEndTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FAST = "{\"lowWeight\":48,\"highWeight\":48,\"commissionMicro\":3000,"
            + "\"bettingMs\":1500,\"rollingMs\":150,\"cooldownMs\":150,\"minBetMicro\":10000}";

    static String url;
    static DatabaseCensus before;
    static String settlementBefore;

    @TempDir
    static Path dir;

    /** Real bets through a real node and the demo wallet, all settled; then the node stops (as for a restore). */
    @BeforeAll
    static void aDayOfSettledBets() throws Exception {
        YantraEnv env = TestPostgres.freshEnv(TestServer.freePort());
        url = env.databaseUrl().orElseThrow();
        byte[] key = MasterKey.resolve(env);
        ServerLauncher.Running node = ServerLauncher.start(env, null);
        DemoWallet wallet = DemoWallet.start(node.database().dataSource(), 0, 0,
                Map.of(DemoProvisioner.OUTBOUND_KID, DemoProvisioner.walletSecret(key)), java.time.Clock.systemUTC(), 1_000_000_000L);
        try {
            DemoProvisioner provisioner = new DemoProvisioner(node.database().jdbc(), key);
            provisioner.provision(wallet.callbackUrl(), FAST);
            HttpClient http = HttpClient.newHttpClient();
            int accepted = 0;
            String lastRefusal = "";
            for (int player = 0; player < 3; player++) {
                String token = provisioner.createSession("backup-player-" + player, "real", null, Duration.ofHours(1), Instant.now());
                for (int bet = 0; bet < 3; bet++) {
                    // a busy machine may miss a round's close between the state poll and the bet (409): next round
                    for (int attempt = 0; attempt < 20; attempt++) {
                        awaitBettingOpen(http, env.port(), token);
                        HttpResponse<String> r = post(http, env.port(), token, "/v1/play/bets", JSON.writeValueAsString(Map.of(
                                "requestUuid", UUID.randomUUID().toString(), "amountMicro", Long.toString(20_000 + 1_000L * bet),
                                "selection", Map.of("side", bet % 2 == 0 ? "LOW" : "HIGH"))));
                        if (r.statusCode() == 201) {
                            accepted++;
                            break;
                        }
                        lastRefusal = r.statusCode() + " " + r.body();
                        if (r.statusCode() != 409) break;
                    }
                }
            }
            assertThat(accepted).as("bets accepted; the last refusal: %s", lastRefusal).isGreaterThanOrEqualTo(6);
            JdbcClient jdbc = node.database().jdbc();
            long deadline = System.currentTimeMillis() + 30_000;
            while (jdbc.sql("SELECT count(*) FROM bets WHERE state NOT IN ('REJECTED','LOST','WON','REFUNDED')")
                    .query(Integer.class).single() > 0) {
                if (System.currentTimeMillis() > deadline) throw new AssertionError("bets still unsettled after 30 s");
                Thread.sleep(100);
            }
        } finally {
            node.context().close();
            node.database().close(false);
            wallet.close();
        }
        settlementBefore = export("before");
        before = censusOf(url);
    }

    static void awaitBettingOpen(HttpClient http, int port, String token) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/play/state"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode s = JSON.readTree(r.body());
            if ("BETTING_OPEN".equals(s.path("state").asString()) && s.path("msLeft").asLong() >= 600) return;
            Thread.sleep(30);
        }
        throw new AssertionError("no round opened for bets within 20 s");
    }

    static HttpResponse<String> post(HttpClient http, int port, String token, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static DatabaseCensus censusOf(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return DatabaseCensus.of(c);
        }
    }

    static String export(String name) throws Exception {
        Path file = dir.resolve("settlement-" + name + ".csv");
        Yantra.Run r = Yantra.run(url, "export", "settlement", "--operator", DemoProvisioner.OPERATOR_NAME,
                "--date", LocalDate.now(ZoneOffset.UTC).toString(), "--level", "transactions", "--out", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return Files.readString(file);
    }

    /** The database of {@code url} dropped and created again, empty: what a lost volume leaves. */
    static void dropAndRecreate(String jdbcUrl) throws Exception {
        String name = URI.create(jdbcUrl.substring(5)).getPath().substring(1);
        String admin = jdbcUrl.replace("/" + name + "?", "/postgres?");
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
    }

    @Test
    void backup_drop_restore_verify_then_reconcile_and_verify_since_pass_with_the_money_totals_of_before() throws Exception {
        Path backups = dir.resolve("backups");
        Yantra.Run backup = Yantra.run(url, "backup", "--dir", backups.toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("sha256 ").contains("PostgreSQL 15");
        Path latest = backups.resolve("latest");
        assertThat(Files.isSymbolicLink(latest)).isTrue();
        BackupManifest manifest = BackupManifest.read(BackupManifest.pathFor(latest));
        assertThat(manifest.census()).isEqualTo(before);
        assertThat(manifest.census().tables()).filteredOn(t -> t.table().equals("bets")).singleElement()
                .satisfies(t -> assertThat(t.rows()).isGreaterThanOrEqualTo(6))
                .satisfies(t -> assertThat(t.totals()).containsKeys("amount_micro", "payout_micro"));

        dropAndRecreate(url);
        assertThat(JdbcClient.create(new DriverManagerDataSource(url))
                .sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").query(Integer.class).single()).isZero();

        Yantra.Run restore = Yantra.run(url, "restore", "--file", latest.toString(), "--confirm");
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("counts and money totals equal to the manifest");
        assertThat(censusOf(url)).isEqualTo(before);

        Yantra.Run verify = Yantra.run(url, "backup", "verify", latest.toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("counts and money totals equal to the manifest");
        assertThat(JdbcClient.create(new DriverManagerDataSource(url))
                .sql("SELECT count(*) FROM pg_database WHERE datname LIKE 'yantra_verify_%'").query(Integer.class).single())
                .as("the scratch database is dropped").isZero();

        Yantra.Run since = Yantra.run(url, "verify", "--since", "1h");
        assertThat(since.exit()).as(since.out() + since.err()).isZero();
        assertThat(since.out()).contains("\"moneyInvariantsBroken\":[]").contains("\"ok\":true");

        String settlementAfter = export("after");
        assertThat(settlementAfter).isEqualTo(settlementBefore);
        Yantra.Run reconcile = Yantra.run(url, "reconcile", "--file", dir.resolve("settlement-after.csv").toString(),
                "--operator", DemoProvisioner.OPERATOR_ID.toString());
        assertThat(reconcile.exit()).as(reconcile.out() + reconcile.err()).isZero();
        assertThat(reconcile.out()).contains("MATCH");
    }

    @Test
    void a_corrupted_backup_is_refused_with_exit_1_by_verify_and_by_restore_and_nothing_is_touched() throws Exception {
        Path backups = dir.resolve("corrupt");
        assertThat(Yantra.run(url, "backup", "--dir", backups.toString()).exit()).isZero();
        Path file = backups.resolve("latest").toRealPath();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);

        Yantra.Run verify = Yantra.run(url, "backup", "verify", file.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.err()).contains("corrupted").contains(file.getFileName().toString());

        DatabaseCensus live = censusOf(url);
        Yantra.Run restore = Yantra.run(url, "restore", "--file", file.toString(), "--confirm", "--force");
        assertThat(restore.exit()).isEqualTo(1);
        assertThat(restore.err()).contains("corrupted");
        assertThat(censusOf(url)).isEqualTo(live);
    }

    @Test
    void a_truncated_backup_and_one_without_its_manifest_are_refused_with_exit_1() throws Exception {
        Path backups = dir.resolve("truncated");
        assertThat(Yantra.run(url, "backup", "--dir", backups.toString()).exit()).isZero();
        Path file = backups.resolve("latest").toRealPath();
        Path copy = dir.resolve("no-manifest.dump");
        Files.copy(file, copy);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        Yantra.Run truncated = Yantra.run(url, "backup", "verify", file.toString());
        assertThat(truncated.exit()).isEqualTo(1);
        assertThat(truncated.err()).contains("truncated");
        Yantra.Run orphan = Yantra.run(url, "backup", "verify", copy.toString());
        assertThat(orphan.exit()).isEqualTo(1);
        assertThat(orphan.err()).contains("no manifest");
    }

    @Test
    void a_manifest_whose_money_totals_differ_from_the_file_fails_verify_naming_the_column() throws Exception {
        Path backups = dir.resolve("edited");
        assertThat(Yantra.run(url, "backup", "--dir", backups.toString()).exit()).isZero();
        Path manifestFile = BackupManifest.pathFor(backups.resolve("latest"));
        String text = Files.readString(manifestFile);
        BackupManifest m = BackupManifest.read(manifestFile);
        long stakes = m.census().tables().stream().filter(t -> t.table().equals("bets")).findFirst().orElseThrow()
                .totals().get("amount_micro").longValueExact();
        Files.writeString(manifestFile, text.replace("\"amount_micro\" : " + stakes + ",", "\"amount_micro\" : " + (stakes + 1) + ","));
        assertThat(Files.readString(manifestFile)).isNotEqualTo(text);

        Yantra.Run verify = Yantra.run(url, "backup", "verify", backups.resolve("latest").toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.err()).contains("bets.amount_micro: total " + (stakes + 1) + " in the manifest, " + stakes + " restored")
                .contains("does NOT match its manifest");
    }

    @Test
    void restore_refuses_a_database_that_is_not_empty_unless_forced_and_asks_for_confirm_first() throws Exception {
        Path backups = dir.resolve("refuse");
        assertThat(Yantra.run(url, "backup", "--dir", backups.toString()).exit()).isZero();
        String latest = backups.resolve("latest").toString();

        Yantra.Run unconfirmed = Yantra.run(url, "restore", "--file", latest);
        assertThat(unconfirmed.exit()).isEqualTo(64);
        assertThat(unconfirmed.err()).contains("--confirm");

        String other = TestPostgres.freshDatabaseUrl();   // migrated: tables, no rows
        JdbcClient.create(new DriverManagerDataSource(other))
                .sql("INSERT INTO operators (id, name, compliance_contact) VALUES (gen_random_uuid(), 'keep-me', 'c')").update();
        Yantra.Run refused = Yantra.run(other, "restore", "--file", latest, "--confirm");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("is not empty").contains("--force");
        assertThat(JdbcClient.create(new DriverManagerDataSource(other))
                .sql("SELECT count(*) FROM operators WHERE name = 'keep-me'").query(Integer.class).single()).isEqualTo(1);

        Yantra.Run forced = Yantra.run(other, "restore", "--file", latest, "--confirm", "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(censusOf(other)).isEqualTo(BackupManifest.read(BackupManifest.pathFor(Path.of(latest))).census());
        assertThat(JdbcClient.create(new DriverManagerDataSource(other))
                .sql("SELECT count(*) FROM operators WHERE name = 'keep-me'").query(Integer.class).single()).isZero();
    }

    @Test
    void a_second_backup_moves_latest_retention_keeps_the_newest_n_and_verify_restores_the_new_one() throws Exception {
        Path backups = dir.resolve("retention");
        Files.createDirectories(backups);
        for (String stamp : new String[] {"20200101T000000Z", "20200102T000000Z"}) {
            Files.writeString(backups.resolve("yantra-" + stamp + ".dump"), "old");
            Files.writeString(backups.resolve("yantra-" + stamp + ".dump" + BackupManifest.SUFFIX), "{}");
        }
        Yantra.Run r = Yantra.run(url, "backup", "--dir", backups.toString(), "--keep", "2", "--max-age-days", "36500", "--verify");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("retention deleted yantra-20200101T000000Z.dump")
                .as("--verify restored the new backup").contains("counts and money totals equal to the manifest");
        try (var files = Files.list(backups)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dump")).sorted().toList())
                    .hasSize(2).contains("yantra-20200102T000000Z.dump");
        }
        assertThat(backups.resolve("latest").toRealPath().getFileName().toString()).isNotEqualTo("yantra-20200102T000000Z.dump");
        assertThat(backups.resolve("yantra-20200101T000000Z.dump" + BackupManifest.SUFFIX)).doesNotExist();
    }
}
