package dev.yantra.lottery.banca;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON a banca sends about a play, in a register reply, a status check or a webhook:
 * {@code {"status": "confirmed"|"rejected"|"accepted", "playIdBanca", "ticketCode", "reason"?, "requestId"?}}.
 * Read leniently where that costs nothing (the status in any case, an id sent as a number) and strictly
 * where it matters: anything that is not an object with a string {@code status} is not a reply at all.
 */
public record BancaReply(String status, Optional<String> playIdBanca, Optional<String> ticketCode,
                         Optional<String> reason, Optional<String> requestId) {

    /** Larger bodies are not read: no banca needs that much to say yes or no. */
    public static final int MAX_BODY_CHARS = 64 * 1024;
    /** Ids longer than this are treated as garbage rather than stored. */
    public static final int MAX_ID_CHARS = 128;
    /** Reasons are kept, but cut to this length. */
    public static final int MAX_REASON_CHARS = 500;

    public static final String CONFIRMED = "confirmed";
    public static final String REJECTED = "rejected";
    public static final String ACCEPTED = "accepted";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The reply in {@code body}, with {@code status} lowercased; empty when it is not one. */
    public static Optional<BancaReply> parse(String body) {
        if (body == null || body.isBlank() || body.length() > MAX_BODY_CHARS) return Optional.empty();
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) return Optional.empty();
        JsonNode status = root.get("status");
        if (status == null || !status.isString()) return Optional.empty();
        return Optional.of(new BancaReply(status.stringValue().trim().toLowerCase(java.util.Locale.ROOT),
                id(root, "playIdBanca"), id(root, "ticketCode"), reason(root), id(root, "requestId")));
    }

    /** A confirmation we can record: both ids present and sane. */
    public boolean isCompleteConfirmation() {
        return CONFIRMED.equals(status) && playIdBanca.isPresent() && ticketCode.isPresent();
    }

    private static Optional<String> id(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !(n.isString() || n.isIntegralNumber())) return Optional.empty();
        String s = n.asString().trim();
        if (s.isEmpty() || s.length() > MAX_ID_CHARS) return Optional.empty();
        return Optional.of(s);
    }

    private static Optional<String> reason(JsonNode root) {
        JsonNode n = root.get("reason");
        if (n == null || !n.isString() || n.stringValue().isBlank()) return Optional.empty();
        String s = n.stringValue().trim();
        return Optional.of(s.length() > MAX_REASON_CHARS ? s.substring(0, MAX_REASON_CHARS) : s);
    }
}
