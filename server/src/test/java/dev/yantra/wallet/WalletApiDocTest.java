package dev.yantra.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.api.Json;
import dev.yantra.signing.RequestSigner;
import dev.yantra.wallet.protocol.Classification;
import dev.yantra.wallet.protocol.Verdict;
import dev.yantra.wallet.protocol.WalletEndpoint;
import dev.yantra.wallet.protocol.WalletStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/wallet-api.md is the contract operators implement from: its worked example must be the bytes a node sends
 * and the signature RequestSigner computes, and its code table must name every status and what the classification
 * does with it.
 */
class WalletApiDocTest {
    static String doc() throws Exception {
        Path p = Path.of("../docs/wallet-api.md");
        if (!Files.exists(p)) p = Path.of("docs/wallet-api.md");
        return Files.readString(p);
    }

    static String field(String doc, String label) {
        Matcher m = Pattern.compile("^- " + Pattern.quote(label) + ": `([^`]*)`$", Pattern.MULTILINE).matcher(doc);
        assertThat(m.find()).as("wallet-api.md has '- " + label + ": `...`'").isTrue();
        return m.group(1);
    }

    @Test
    void the_worked_example_is_the_body_a_node_sends_signed_as_request_signer_signs_it() throws Exception {
        String doc = doc();
        String body = field(doc, "body");
        var parsed = Json.parse(body);
        WalletRequest bet = WalletRequest.bet(UUID.fromString(parsed.get("operatorId").stringValue()), parsed.get("playerRef").stringValue(),
                parsed.get("currency").stringValue(), parsed.get("gameCode").stringValue(), UUID.fromString(parsed.get("roundId").stringValue()),
                null, UUID.fromString(parsed.get("requestUuid").stringValue()), UUID.fromString(parsed.get("transactionUuid").stringValue()),
                Long.parseLong(parsed.get("amountMicro").stringValue()));
        assertThat(new String(Json.MAPPER.writeValueAsBytes(WalletClient.bodyOf(bet)), StandardCharsets.UTF_8))
                .as("the example body is byte for byte what WalletWire sends").isEqualTo(body);

        String path = field(doc, "path");
        assertThat(URI.create(field(doc, "walletUrl") + WalletEndpoint.BET.path()).getPath()).isEqualTo(path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = field(doc, "timestamp");
        assertThat(RequestSigner.sha256Hex(bytes)).isEqualTo(field(doc, "body SHA-256"));
        assertThat(doc).contains("```\n" + RequestSigner.canonical("POST", path, timestamp, bytes) + "\n```");
        assertThat(RequestSigner.sign(field(doc, "secret").getBytes(StandardCharsets.UTF_8), "POST", path, timestamp, bytes))
                .isEqualTo(field(doc, "signature"));
    }

    @Test
    void the_code_table_names_every_status_and_says_what_a_bet_answer_does_as_the_classification_does() throws Exception {
        String doc = doc();
        for (WalletStatus s : WalletStatus.values()) {
            Matcher row = Pattern.compile("^\\|[^|\\n]*`" + s.name() + "`[^\\n]*$", Pattern.MULTILINE).matcher(doc);
            assertThat(row.find()).as("a table row for " + s).isTrue();
            String betCell = row.group().split("\\|")[2].trim();
            Verdict v = Classification.of(WalletEndpoint.BET, s).verdict();
            String expected = switch (v) {
                case ACCEPTED -> "accepted";
                case REJECTED -> "rejected";
                default -> "in doubt";
            };
            assertThat(betCell).as("BET column of " + s).startsWith(expected);
            String rollbackCell = row.group().split("\\|")[4].trim();
            Verdict r = Classification.of(WalletEndpoint.ROLLBACK, s).verdict();
            assertThat(rollbackCell).as("ROLLBACK column of " + s).startsWith(r == Verdict.RETRY ? "retried" : "done");
        }
    }
}
