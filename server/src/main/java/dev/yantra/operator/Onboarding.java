package dev.yantra.operator;

import dev.yantra.admin.AdminAudit;
import dev.yantra.api.Json;
import dev.yantra.config.UsageException;
import dev.yantra.db.Database;
import dev.yantra.gameconfig.GameConfigStore;
import dev.yantra.games.GameRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Onboarding an operator in one step: the operator row, its inbound key (it signs its calls to us), its outbound key
 * (we sign calls to its wallet; generated, or the secret its wallet already holds), and an enabled game config per
 * game and currency (which is what creates the tables that take its bets). One transaction: a failure at any step
 * leaves nothing behind, and each step writes its own audit row plus one {@code operator.onboard} row.
 */
public final class Onboarding {
    private final Database db;
    private final Operators operators;
    private final CredentialStore credentials;
    private final GameConfigStore configs;
    private final AdminAudit audit;
    private final GameRegistry games;

    public Onboarding(Database db, Operators operators, CredentialStore credentials, AdminAudit audit, GameRegistry games) {
        this.db = db;
        this.operators = operators;
        this.credentials = credentials;
        this.audit = audit;
        this.games = games;
        this.configs = new GameConfigStore(db.jdbc(), db.tx(), games);
    }

    /** @param walletSecret the wallet's own secret to import, or null to generate one */
    public record Request(Operators.NewOperator operator, List<String> gameCodes, String walletSecret) {
    }

    public record Result(Operators.Operator operator, CredentialStore.Issued inbound, CredentialStore.Issued outbound,
                         List<GameConfigStore.Current> tables) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("operator", operator.toJson());
            m.put("inbound", inbound.toJson());
            m.put("outbound", outbound.toJson());
            m.put("tables", tables.stream().map(t -> Map.of("gameCode", t.gameCode(), "currency", t.currency(), "enabled", t.enabled()))
                    .toList());
            return m;
        }
    }

    public Result onboard(Request r, String changedBy) {
        List<String> codes = r.gameCodes() == null || r.gameCodes().isEmpty()
                ? games.all().stream().map(g -> g.gameCode()).toList() : r.gameCodes();
        for (String code : codes) {
            if (games.find(code).isEmpty()) throw new UsageException("unknown game '" + code + "'");
        }
        return db.tx().execute(status -> {
            Operators.Operator op = operators.create(r.operator(), changedBy);
            CredentialStore.Issued inbound = credentials.issue(op.id(), CredentialStore.Kind.INBOUND, null, changedBy);
            CredentialStore.Issued outbound = credentials.issue(op.id(), CredentialStore.Kind.OUTBOUND, null, r.walletSecret(), changedBy);
            List<GameConfigStore.Current> tables = new ArrayList<>();
            for (String code : codes) {
                for (String currency : op.allowedCurrencies()) {
                    // the game's defaults, enabled; a first config moves the RTP from nothing, so it is confirmed here
                    tables.add(configs.set(op.id(), code, currency, Map.of("enabled", "true"), true, changedBy, "onboarding").after());
                }
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("operatorId", op.id().toString());
            summary.put("inboundKid", inbound.credential().kid());
            summary.put("outboundKid", outbound.credential().kid());
            summary.put("walletSecretImported", r.walletSecret() != null);
            summary.put("tables", tables.stream().map(t -> t.gameCode() + "/" + t.currency()).toList());
            audit.record(changedBy, "operator.onboard", "operator:" + op.id(), null, Json.write(summary), null);
            return new Result(op, inbound, outbound, tables);
        });
    }
}
