package dev.yantra.lottery.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PlayerPrincipal.require and own, and the choice of language, on a request with chosen attributes and headers. */
class PlayerPrincipalTest {

    static HttpServletRequest request(Map<String, Object> attributes, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> null;
                });
    }

    @Test
    void a_handler_reached_without_a_verified_token_refuses_with_401_invalid_token() {
        assertThatThrownBy(() -> PlayerPrincipal.require(request(Map.of(), Map.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_token");
                });
        assertThatThrownBy(() -> PlayerPrincipal.require(request(Map.of(PlayerPrincipal.ATTRIBUTE, "a forged string"), Map.of())))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void the_filters_principal_is_returned_and_owns_only_its_own_id() {
        PlayerPrincipal p = new PlayerPrincipal(UUID.randomUUID(), "+18095550000", null, PlayerPrincipal.ROLE_PLAYER);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(PlayerPrincipal.ATTRIBUTE, p);
        assertThat(PlayerPrincipal.require(request(attributes, Map.of()))).isSameAs(p);
        assertThat(p.own(p.userId().toString())).isEqualTo(p.userId());
        assertThatThrownBy(() -> p.own(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> p.own("../" + p.userId())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo("forbidden"));
    }

    @Test
    void spanish_is_chosen_by_accept_language_and_anything_else_is_english() {
        assertThat(PlayerMessages.languageOf(request(Map.of(), Map.of("Accept-Language", "es-DO,es;q=0.9")))).isEqualTo(Locale.forLanguageTag("es"));
        assertThat(PlayerMessages.languageOf(request(Map.of(), Map.of("Accept-Language", "fr-FR,en;q=0.3")))).isEqualTo(Locale.ENGLISH);
        assertThat(PlayerMessages.languageOf(request(Map.of(), Map.of("Accept-Language", "fr")))).isEqualTo(Locale.ENGLISH);
        assertThat(PlayerMessages.languageOf(request(Map.of(), Map.of("Accept-Language", ";;;q=x")))).isEqualTo(Locale.ENGLISH);
        assertThat(PlayerMessages.languageOf(request(Map.of(), Map.of()))).isEqualTo(Locale.ENGLISH);
        assertThat(PlayerMessages.text("insufficient_funds", Locale.forLanguageTag("es"), "x")).startsWith("Su saldo");
        assertThat(PlayerMessages.text("some_unlisted_code", Locale.forLanguageTag("es"), "kept as thrown")).isEqualTo("kept as thrown");
    }
}
