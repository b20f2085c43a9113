package dev.yantra.lottery.plays;

import dev.yantra.api.ApiException;
import dev.yantra.api.Json;
import dev.yantra.lottery.bet.BetType;
import dev.yantra.lottery.bet.InvalidNumbersException;
import dev.yantra.lottery.bet.Numbers;
import dev.yantra.lottery.money.InvalidAmountException;
import dev.yantra.lottery.money.LotteryAmount;
import dev.yantra.lottery.money.LotteryCurrency;
import dev.yantra.signing.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A create-play body read at the edge (camelCase as Lotolink clients send it; unknown fields ignored): every
 * field checked and turned into typed values, amounts into micro-units, once. {@code bodyHash} is the SHA-256
 * of the canonical JSON, so a retry formatted differently is the same request.
 */
record PlayRequest(UUID requestId, UUID userId, String lotteryId, UUID drawId, UUID bancaId, BetType betType,
                   List<String> numbers, long amountMicro, String currency, String paymentMethod, String paymentMethodId,
                   String bodyHash) {
    static final int MAX_BODY_BYTES = 16 * 1024;

    static PlayRequest parse(byte[] raw) {
        if (raw == null || raw.length == 0 || raw.length > MAX_BODY_BYTES) {
            throw new ApiException(400, "invalid_request", "a JSON body of at most " + MAX_BODY_BYTES + " bytes is required");
        }
        JsonNode b = Json.parseObject(raw);
        UUID requestId = uuid(b, "requestId", true);
        UUID userId = uuid(b, "userId", true);
        String lotteryId = text(b, "lotteryId", 64, true);
        BetType betType = BetType.fromWire(text(b, "betType", 16, true))
                .orElseThrow(() -> new ApiException(400, "invalid_bet_type", "betType must be one of quiniela, pale, tripleta, pega3, toca3, straight, box"));
        List<String> numbers;
        try {
            numbers = Numbers.validate(betType, strings(b.get("numbers")));
        } catch (InvalidNumbersException e) {
            throw new ApiException(400, InvalidNumbersException.CODE, e.getMessage());
        }
        long amountMicro;
        try {
            amountMicro = LotteryAmount.parse(scalar(b.get("amount")));
        } catch (InvalidAmountException e) {
            throw new ApiException(400, InvalidAmountException.CODE, e.getMessage());
        }
        String currency = LotteryCurrency.fromWire(text(b, "currency", 8, true)).map(LotteryCurrency::wire)
                .orElseThrow(() -> new ApiException(400, "invalid_currency", "currency must be DOP or USD"));
        JsonNode payment = b.get("payment");
        if (payment == null || !payment.isObject()) throw new ApiException(400, "invalid_payment", "payment {method} is required");
        String method = text(payment, "method", 16, true);
        if (!method.equals("wallet") && !method.equals("card")) {
            throw new ApiException(400, "invalid_payment", "payment.method must be wallet or card");
        }
        String paymentMethodId = text(payment, "paymentMethodId", 255, false);
        if (paymentMethodId != null && (!method.equals("card") || !paymentMethodId.matches("pm_[A-Za-z0-9_]+"))) {
            throw new ApiException(400, "invalid_payment", "payment.paymentMethodId must be a Stripe PaymentMethod id (pm_...) of a card payment");
        }
        String hash = RequestSigner.sha256Hex(Json.canonical(b).getBytes(StandardCharsets.UTF_8));
        return new PlayRequest(requestId, userId, lotteryId, uuid(b, "drawId", false), uuid(b, "bancaId", false), betType,
                numbers, amountMicro, currency, method, paymentMethodId, hash);
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isString()) return v.stringValue();
        if (v.isIntegralNumber()) return v.bigIntegerValue();
        if (v.isNumber()) return v.decimalValue();
        return v.toString();   // an object or array: LotteryAmount refuses it with its own message
    }

    private static List<String> strings(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (!v.isArray() || v.size() > 10) throw new ApiException(400, InvalidNumbersException.CODE, "numbers must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode n : v.values()) {
            if (!n.isString()) throw new ApiException(400, InvalidNumbersException.CODE, "numbers must be strings such as \"05\"");
            out.add(n.stringValue());
        }
        return out;
    }

    private static String text(JsonNode b, String name, int max, boolean required) {
        JsonNode v = b.get(name);
        if (v == null || v.isNull()) {
            if (required) throw new ApiException(400, "invalid_request", name + " is required");
            return null;
        }
        if (!v.isString() || v.stringValue().isEmpty() || v.stringValue().length() > max) {
            throw new ApiException(400, "invalid_request", name + " must be a string of 1-" + max + " characters");
        }
        return v.stringValue();
    }

    private static UUID uuid(JsonNode b, String name, boolean required) {
        String s = text(b, name, 64, required);
        if (s == null) return null;
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_request", name + " must be a UUID");
        }
    }
}
