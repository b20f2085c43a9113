package dev.yantra.signing;

import dev.yantra.operator.CredentialStore;
import dev.yantra.operator.Operators;
import dev.yantra.testing.TestServer;
import java.util.List;
import java.util.UUID;

/**
 * An operator with an inbound key on a running test server, and a spec client for it; ketapola-dice is enabled for
 * it in LKR and USD, since a session needs an enabled table (422 game_not_available otherwise).
 */
public record OperatorFixture(UUID operatorId, String kid, String secret, SpecClient client) {
    public static OperatorFixture create(TestServer server, String name) {
        Operators operators = server.running.context().getBean(Operators.class);
        CredentialStore credentials = server.running.context().getBean(CredentialStore.class);
        Operators.Operator op = operators.create(new Operators.NewOperator(name, "compliance@" + name + ".example",
                List.of("LKR", "USD"), "http://localhost:1/wallet", null, 1000), "test");
        CredentialStore.Issued issued = credentials.issue(op.id(), CredentialStore.Kind.INBOUND, null, "test");
        for (String currency : List.of("LKR", "USD")) {
            server.running.database().jdbc().sql("""
                    INSERT INTO operator_game_configs (id, operator_id, game_code, currency, enabled, config)
                    VALUES (gen_random_uuid(), ?, 'ketapola-dice', ?, true, '{"lowWeight":48,"highWeight":48,"commissionMicro":3000}'::jsonb)""")
                    .params(op.id(), currency).update();
        }
        return new OperatorFixture(op.id(), issued.credential().kid(), issued.secret(),
                new SpecClient(server.url(""), issued.credential().kid(), issued.secret()));
    }

    public String sessionBody(UUID requestUuid, String playerRef) {
        return """
                {"requestUuid":"%s","operatorId":"%s","playerRef":"%s","gameCode":"ketapola-dice","currency":"LKR",
                 "lang":"si","mode":"real","returnUrl":"https://casino.example/lobby","clientSeed":"abc"}"""
                .formatted(requestUuid, operatorId, playerRef);
    }
}
