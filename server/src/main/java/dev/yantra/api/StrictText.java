package dev.yantra.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What counts as text from a client: UTF-8 decoded strictly (a malformed or overlong sequence, or a surrogate encoded
 * as UTF-8, is an error — never a U+FFFD that makes two different inputs one), then no lone surrogate (a JSON
 * {@code \ud800} escape decodes to one) and no control character. Multi-line fields may keep TAB, LF and CR.
 */
public final class StrictText {
    public static final String INVALID_TEXT = "invalid_text";

    private StrictText() {
    }

    /** The bytes as a string, or a 400 {@code invalid_text} naming {@code what} when they are not UTF-8. */
    public static String decode(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid(what + " is not valid UTF-8");
        }
    }

    /** Null when {@code s} is acceptable text, else what is wrong with it (without echoing it). */
    public static String problem(String s, boolean multiline) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone surrogate";
            }
            if (Character.isLowSurrogate(c)) return "contains a lone surrogate";
            if (isControl(c) && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
                return c == 0 ? "contains a NUL character" : "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }

    /** C0, DEL and C1: never part of a name, a reference or a reason. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    public static ApiException invalid(String message) {
        return new ApiException(400, INVALID_TEXT, message);
    }
}
