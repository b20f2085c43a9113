package dev.yantra.wallet.conformance;

import dev.yantra.wallet.WalletRequest;
import dev.yantra.wallet.WalletWire;
import dev.yantra.wallet.protocol.WalletEndpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The operator's wallet as the kit sees it: its callback base URL, the credential Yantra would sign with, and
 * the one test player and currency every case uses. Requests are the server's own {@link WalletRequest}s sent
 * through the server's {@link WalletWire}, so bodies, headers, signatures and the reading of answers are exactly
 * what a live node produces. Every call is remembered, for the answer-time case.
 */
public final class WalletUnderTest {
    private final String baseUrl;
    private final String kid;
    private final byte[] secret;
    private final WalletWire wire;
    private final UUID operatorId;
    private final String player;
    private final String currency;
    private final String gameCode;
    private final List<Call> calls = new ArrayList<>();

    public WalletUnderTest(String baseUrl, String kid, byte[] secret, WalletWire wire, UUID operatorId, String player,
                           String currency, String gameCode) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.kid = Objects.requireNonNull(kid, "kid");
        this.secret = secret.clone();
        this.wire = Objects.requireNonNull(wire, "wire");
        this.operatorId = Objects.requireNonNull(operatorId, "operatorId");
        this.player = Objects.requireNonNull(player, "player");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.gameCode = Objects.requireNonNull(gameCode, "gameCode");
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String player() {
        return player;
    }

    public String currency() {
        return currency;
    }

    public long timeoutMs() {
        return wire.timeout().toMillis();
    }

    /** Every call made so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Signed with the configured secret, as a live node would sign it. */
    public Call send(WalletRequest req, String purpose) {
        return send(req, secret, Call.CONFIGURED_SECRET, purpose);
    }

    /** Signed with {@code otherSecret} under the configured kid: what a forger who knows the kid would send. */
    public Call sendSignedWith(byte[] otherSecret, String signedWith, WalletRequest req, String purpose) {
        return send(req, otherSecret, signedWith, purpose);
    }

    private Call send(WalletRequest req, byte[] key, String signedWith, String purpose) {
        URI url = URI.create(baseUrl + req.endpoint().path());
        WalletWire.Sent sent = wire.send(url, kid, key, req);
        Call call = new Call(req.endpoint(), url, kid, signedWith, purpose, sent.requestBody(), sent.response(), sent.responseText());
        calls.add(call);
        return call;
    }

    public WalletRequest balance() {
        return WalletRequest.balance(operatorId, player, currency, gameCode);
    }

    public WalletRequest bet(UUID roundId, UUID transactionUuid, long amountMicro) {
        return bet(roundId, transactionUuid, amountMicro, currency);
    }

    public WalletRequest bet(UUID roundId, UUID transactionUuid, long amountMicro, String inCurrency) {
        return WalletRequest.bet(operatorId, player, inCurrency, gameCode, roundId, null, UUID.randomUUID(), transactionUuid,
                amountMicro);
    }

    public WalletRequest win(UUID roundId, UUID betTransactionUuid, long amountMicro) {
        return new WalletRequest(WalletEndpoint.WIN, operatorId, player, currency, gameCode, roundId, null, null,
                UUID.randomUUID(), UUID.randomUUID(), betTransactionUuid, amountMicro, 1);
    }

    /** A rollback of {@code bet}; its amount is the stake (kept for the report, not sent: a rollback carries none). */
    public WalletRequest rollback(WalletRequest bet) {
        return new WalletRequest(WalletEndpoint.ROLLBACK, operatorId, player, bet.currency(), gameCode, bet.roundId(), null,
                null, UUID.randomUUID(), UUID.randomUUID(), bet.transactionUuid(), bet.amountMicro(), 1);
    }

    /** The same request again as a retry would send it: same requestUuid, same transactionUuid. */
    public static WalletRequest again(WalletRequest req) {
        return req.withAttempt(req.attempt() + 1);
    }

    /** A different request (new requestUuid) carrying the same transactionUuid. */
    public static WalletRequest newRequestSameTransaction(WalletRequest req) {
        return new WalletRequest(req.endpoint(), req.operatorId(), req.playerRef(), req.currency(), req.gameCode(), req.roundId(),
                req.betId(), req.jobId(), UUID.randomUUID(), req.transactionUuid(), req.referenceTransactionUuid(),
                req.amountMicro(), 1);
    }
}
