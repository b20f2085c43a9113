package dev.yantra.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The canonical form is stored, hashed, in every idempotency row, bet and play: a repeat sent after an upgrade must
 * hash the same, so these texts are the form's contract and never change.
 */
class JsonCanonicalTest {

    @Test
    void keys_are_sorted_at_every_level_and_nothing_else_is_changed() {
        assertThat(Json.canonical(Json.parse(" { \"b\" : 1 , \"a\" : { \"z\" : [ 3 , { \"y\" : true , \"x\" : null } ] , \"c\" : \"s\" } } ")))
                .isEqualTo("{\"a\":{\"c\":\"s\",\"z\":[3,{\"x\":null,\"y\":true}]},\"b\":1}");
    }

    @Test
    void strings_keep_their_escapes_and_unicode_and_numbers_their_text() {
        String in = "{\"t\":\"quote \\\" backslash \\\\ tab \\t nl \\n ctl \\u0001 slash / sinhala \u0dc3\u0dd2 emoji \ud83c\udfb2\","
                + "\"n\":[0,-1,12345678901234567890,1.50,1e3,-0.0],\"k\\u00e9y\":\"\"}";
        assertThat(Json.canonical(Json.parse(in))).isEqualTo(
                "{\"kéy\":\"\",\"n\":[0,-1,12345678901234567890,1.5,1000.0,-0.0],"
                        + "\"t\":\"quote \\\" backslash \\\\ tab \\t nl \\n ctl \\u0001 slash / sinhala \u0dc3\u0dd2 emoji \ud83c\udfb2\"}");
    }
}
