package dev.yantra.play;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launch's lang and returnUrl as the page may use them. */
class LaunchesTest {
    @Test
    void sinhala_tags_play_in_sinhala_and_every_other_tag_or_none_in_english() {
        assertThat(Launches.language("si")).isEqualTo("si");
        assertThat(Launches.language("si-LK")).isEqualTo("si");
        assertThat(Launches.language("SI_lk")).isEqualTo("si");
        assertThat(Launches.language("en-GB")).isEqualTo("en");
        assertThat(Launches.language("ta")).isEqualTo("en");
        assertThat(Launches.language(null)).isEqualTo("en");
    }

    @Test
    void only_an_absolute_http_or_https_return_url_becomes_the_lobby_button() {
        assertThat(Launches.lobby("https://lobby.casino.example/games?x=1")).isEqualTo("https://lobby.casino.example/games?x=1");
        assertThat(Launches.lobby("http://localhost:8080/lobby")).isEqualTo("http://localhost:8080/lobby");
        assertThat(Launches.lobby("javascript:alert(1)")).isNull();
        assertThat(Launches.lobby("/relative/lobby")).isNull();
        assertThat(Launches.lobby("data:text/html,hi")).isNull();
        assertThat(Launches.lobby("https://")).isNull();
        assertThat(Launches.lobby("not a url")).isNull();
        assertThat(Launches.lobby(" ")).isNull();
        assertThat(Launches.lobby(null)).isNull();
    }
}
