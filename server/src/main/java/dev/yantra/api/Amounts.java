package dev.yantra.api;

import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Money on the wire: a {@code *Micro} field is a JSON string holding a plain decimal integer — ASCII digits, no sign,
 * no spaces, no leading zero, no exponent, at most {@link Long#MAX_VALUE} — never a JSON number (a double in many
 * clients). Zero only where the field allows it. Anything else is a 400 {@code invalid_amount} naming the field.
 */
public final class Amounts {
    public static final String INVALID_AMOUNT = "invalid_amount";
    private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,18}");

    private Amounts() {
    }

    /** The amount of a required field of a JSON body. */
    public static long requiredMicro(JsonNode body, String name, boolean zeroAllowed) {
        JsonNode v = body == null ? null : body.get(name);
        if (v == null || v.isNull()) throw invalid(name, zeroAllowed);
        if (!v.isString()) throw invalid(name, zeroAllowed);
        return parseMicro(v.stringValue(), name, zeroAllowed);
    }

    /** The amount a text holds, by the same rule. */
    public static long parseMicro(String text, String name, boolean zeroAllowed) {
        if (text == null) throw invalid(name, zeroAllowed);
        if (zeroAllowed && text.equals("0")) return 0;
        if (!POSITIVE.matcher(text).matches()) throw invalid(name, zeroAllowed);
        try {
            return Long.parseLong(text);  // 19 digits may still exceed Long.MAX_VALUE
        } catch (NumberFormatException e) {
            throw invalid(name, zeroAllowed);
        }
    }

    private static ApiException invalid(String name, boolean zeroAllowed) {
        return new ApiException(400, INVALID_AMOUNT, name + " must be a JSON string of a " + (zeroAllowed ? "non-negative" : "positive")
                + " decimal integer of micro-units (digits only, no sign, spaces or leading zeros, at most 9223372036854775807)");
    }
}
