package dev.yantra.lottery.player;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * Phone numbers to E.164 with Google's libphonenumber, so "809-555-1234", "(809) 555 1234" and "+18095551234"
 * are one account. A number without a country code is read as Dominican ({@link #DEFAULT_REGION}), the market
 * the lottery serves first; one that is not a valid number of its region is refused.
 */
public final class PhoneNumbers {
    public static final String DEFAULT_REGION = "DO";
    private static final int MAX_INPUT_CHARS = 32;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The E.164 form of {@code raw}, or {@link PlayerApiErrors#invalidPhone()} when it is not a valid number. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT_CHARS) throw PlayerApiErrors.invalidPhone();
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw.trim(), DEFAULT_REGION);
            if (!UTIL.isValidNumber(number)) throw PlayerApiErrors.invalidPhone();
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw PlayerApiErrors.invalidPhone();
        }
    }

    /** For logs: all but the last four digits hidden. */
    public static String masked(String e164) {
        if (e164 == null || e164.length() <= 4) return "****";
        return "*".repeat(e164.length() - 4) + e164.substring(e164.length() - 4);
    }
}
