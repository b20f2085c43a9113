package dev.yantra.demo;

import dev.yantra.demobanca.DemoBanca;
import dev.yantra.jobs.JobsConfiguration;
import dev.yantra.lottery.bancas.BancaCredentials;
import dev.yantra.lottery.bancas.BancaStatus;
import dev.yantra.lottery.bancas.Bancas;
import dev.yantra.lottery.ledger.LedgerKind;
import dev.yantra.lottery.ledger.PlayerLedger;
import dev.yantra.lottery.player.PlayerAccounts;
import dev.yantra.server.ServerLauncher;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The lottery half of {@code yantra demo}: starts the demo banca, registers and approves a banca pointed at it
 * (audited as {@value #DEMO_ADMIN}), hands the issued secret to the demo banca, makes it the default banca of
 * every lottery without one, and registers a demo player with an audited deposit. Idempotent across restarts of
 * the same data directory: an existing demo banca or player is reused.
 */
public final class LotteryDemo {
    public static final String DEMO_ADMIN = "demo";
    public static final String BANCA_NAME = "Demo Banca";
    public static final String PLAYER_PHONE = "+18095550100";
    public static final String PLAYER_PASSWORD = "demo-player-password";
    public static final long DEPOSIT_MICRO = 1_000L * 100_000;   // 1,000 DOP

    /** What the demo prints. */
    public record Started(DemoBanca banca, UUID bancaId, String phone, String password) {
    }

    private LotteryDemo() {
    }

    public static Started start(ServerLauncher.Running node, int port, int bancaPort) {
        var ctx = node.context();
        Bancas bancas = ctx.getBean(Bancas.class);
        DemoBanca banca = DemoBanca.start(DemoBanca.Config.of(node.database().dataSource()).withPort(bancaPort)
                .withYantraBaseUrl("http://localhost:" + port));
        Bancas.Banca found = bancas.list().stream().filter(x -> x.name().equals(BANCA_NAME)).findFirst()
                .orElseGet(() -> bancas.create(new Bancas.NewBanca(BANCA_NAME, "131246796", banca.url(), "ops@demo-banca.example",
                        null, null), DEMO_ADMIN));
        Bancas.Banca b = found;
        if (!b.endpointUrl().equals(banca.url())) {
            b = bancas.update(b.id(), new Bancas.Changes(null, null, banca.url(), null, null, null), DEMO_ADMIN);
        }
        BancaCredentials.Issued issued;
        if (b.status() == BancaStatus.PENDING) {
            issued = bancas.approve(b.id(), DEMO_ADMIN).credential();
        } else {
            // a restart: the demo banca kept no secret, so it gets a fresh one (staged rotation with no overlap)
            BancaCredentials credentials = ctx.getBean(BancaCredentials.class);
            issued = credentials.issue(b.id(), null, DEMO_ADMIN);
            credentials.activate(issued.credential().keyId(), java.time.Duration.ZERO, DEMO_ADMIN);
        }
        banca.addSecret(issued.credential().keyId(), issued.secret().getBytes(StandardCharsets.UTF_8));
        node.database().jdbc().sql("UPDATE lotteries SET default_banca_id = ? WHERE default_banca_id IS NULL").param(b.id()).update();
        PlayerAccounts accounts = ctx.getBean(PlayerAccounts.class);
        PlayerAccounts.Player player = accounts.byPhone(PLAYER_PHONE).orElseGet(() -> accounts.register(
                new PlayerAccounts.NewPlayer(PLAYER_PHONE, "demo@player.example", "Demo Player", LocalDate.of(1990, 1, 1), PLAYER_PASSWORD)));
        PlayerLedger ledger = ctx.getBean(PlayerLedger.class);
        JobsConfiguration.transactions(node.database()).executeWithoutResult(s -> {
            if (ledger.credit(player.id(), "DOP", DEPOSIT_MICRO, LedgerKind.DEPOSIT, "demo-deposit:" + player.id(), "demo deposit", DEMO_ADMIN)) {
                ctx.getBean(dev.yantra.admin.AdminAudit.class).record(DEMO_ADMIN, "player.deposit", "player:" + player.id(), null,
                        "DOP " + DEPOSIT_MICRO, "demo deposit");
            }
        });
        return new Started(banca, b.id(), PLAYER_PHONE, PLAYER_PASSWORD);
    }

    /** A ready-made shell snippet: log in, then buy a quiniela play on {@code lotteryId}'s next open draw. */
    public static String curl(int port, String lotteryId) {
        String base = "http://localhost:" + port;
        return "LOGIN=$(curl -s " + base + "/api/v1/auth/login -H 'content-type: application/json' -d '{\"phone\":\"" + PLAYER_PHONE
                + "\",\"password\":\"" + PLAYER_PASSWORD + "\"}')\n"
                + "  TOKEN=$(echo \"$LOGIN\" | sed -E 's/.*\"accessToken\":\"([^\"]+)\".*/\\1/')\n"
                + "  USER=$(echo \"$LOGIN\" | sed -E 's/.*\"user\":\\{\"id\":\"([^\"]+)\".*/\\1/')\n"
                + "  curl -s " + base + "/api/v1/plays -H \"Authorization: Bearer $TOKEN\" -H 'content-type: application/json' "
                + "-d \"{\\\"requestId\\\":\\\"$(cat /proc/sys/kernel/random/uuid)\\\",\\\"userId\\\":\\\"$USER\\\",\\\"lotteryId\\\":\\\""
                + lotteryId + "\\\",\\\"betType\\\":\\\"quiniela\\\",\\\"numbers\\\":[\\\"05\\\"],\\\"amount\\\":\\\"25\\\",\\\"currency\\\":\\\"DOP\\\",\\\"payment\\\":{\\\"method\\\":\\\"wallet\\\"}}\"";
    }
}
