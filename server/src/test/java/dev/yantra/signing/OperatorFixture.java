package dev.yantra.signing;

import dev.yantra.operator.CredentialStore;
import dev.yantra.operator.Operators;
import dev.yantra.testing.TestServer;
import java.util.List;
import java.util.UUID;

/** An operator with an inbound key on a running test server, and a spec client for it. */
public record OperatorFixture(UUID operatorId, String kid, String secret, SpecClient client) {
    public static OperatorFixture create(TestServer server, String name) {
        Operators operators = server.running.context().getBean(Operators.class);
        CredentialStore credentials = server.running.context().getBean(CredentialStore.class);
        Operators.Operator op = operators.create(new Operators.NewOperator(name, "compliance@" + name + ".example",
                List.of("LKR", "USD"), "http://localhost:1/wallet", null, 1000), "test");
        CredentialStore.Issued issued = credentials.issue(op.id(), CredentialStore.Kind.INBOUND, null, "test");
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
