package dev.yantra.lottery.player;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Player-facing texts in English and Spanish, chosen by Accept-Language; the error code never changes, only the
 * sentence beside it. A code not listed here keeps the (English) message its thrower wrote, which carries
 * details such as a field name that a fixed sentence would lose.
 */
public final class PlayerMessages {
    private static final Locale SPANISH = Locale.forLanguageTag("es");
    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, SPANISH);

    private record Text(String en, String es) {
    }

    private static final Map<String, Text> TEXTS = Map.ofEntries(
            Map.entry("invalid_token", new Text("A valid bearer token is required.",
                    "Se requiere un token de acceso válido.")),
            Map.entry("forbidden", new Text("You may only access your own account.",
                    "Solo puede acceder a su propia cuenta.")),
            Map.entry("phone_taken", new Text("An account with this phone number already exists.",
                    "Ya existe una cuenta con este número de teléfono.")),
            Map.entry("underage", new Text("You must be at least 18 years old to register.",
                    "Debe tener al menos 18 años para registrarse.")),
            Map.entry("invalid_phone", new Text("The phone number is not valid.",
                    "El número de teléfono no es válido.")),
            Map.entry("weak_password", new Text("The password must have between 8 and 72 bytes.",
                    "La contraseña debe tener entre 8 y 72 bytes.")),
            Map.entry("invalid_credentials", new Text("Phone number or password is incorrect.",
                    "El número de teléfono o la contraseña son incorrectos.")),
            Map.entry("account_disabled", new Text("This account is not active.",
                    "Esta cuenta no está activa.")),
            Map.entry("too_many_attempts", new Text("Too many attempts. Try again later.",
                    "Demasiados intentos. Inténtelo más tarde.")),
            Map.entry("invalid_refresh_token", new Text("The refresh token is not valid. Please log in again.",
                    "El token de renovación no es válido. Inicie sesión de nuevo.")),
            Map.entry("refresh_token_reused", new Text("This refresh token was already used; the session was closed. Please log in again.",
                    "Este token de renovación ya se usó; la sesión se cerró. Inicie sesión de nuevo.")),
            Map.entry("invalid_reset_code", new Text("The reset code is not valid or has expired.",
                    "El código de restablecimiento no es válido o ha expirado.")),
            Map.entry("insufficient_funds", new Text("Your balance is not enough for this operation.",
                    "Su saldo no es suficiente para esta operación.")),
            Map.entry("account_blocked", new Text("Your account has a negative balance and is blocked from plays and withdrawals.",
                    "Su cuenta tiene saldo negativo y no puede jugar ni retirar.")),
            Map.entry("player_limit_reached", new Text("This play would exceed your daily spend limit.",
                    "Esta jugada superaría su límite de gasto diario.")),
            Map.entry("player_excluded", new Text("Your account is self-excluded.",
                    "Su cuenta está autoexcluida.")),
            Map.entry("not_found", new Text("Not found.", "No encontrado.")));

    private PlayerMessages() {
    }

    /** The listed sentence for {@code code} in the request's language; English when the code is not listed. */
    public static String text(String code, HttpServletRequest request) {
        return text(code, languageOf(request), code);
    }

    /** The sentence for {@code code} in {@code language}, or {@code fallback} when the code is not listed. */
    public static String text(String code, Locale language, String fallback) {
        Text t = TEXTS.get(code);
        if (t == null) return fallback;
        return SPANISH.getLanguage().equals(language.getLanguage()) ? t.es : t.en;
    }

    /** English for listed codes, as written to logs and tests. */
    public static String english(String code) {
        return text(code, Locale.ENGLISH, code);
    }

    /** The best of English and Spanish for the Accept-Language header; English when absent or unparseable. */
    public static Locale languageOf(HttpServletRequest request) {
        String header = request == null ? null : request.getHeader("Accept-Language");
        if (header == null || header.isBlank() || header.length() > 256) return Locale.ENGLISH;
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return best == null ? Locale.ENGLISH : best;
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }
}
