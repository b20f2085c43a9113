package dev.yantra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.config.UsageException;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void a_postgres_url_becomes_a_jdbc_url_with_credentials_apart() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p%40ss@db.local:6432/yantra?sslmode=disable");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6432/yantra?sslmode=disable");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@ss");
    }

    @Test
    void a_jdbc_url_passes_through() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/yantra").jdbcUrl()).isEqualTo("jdbc:postgresql://h/yantra");
    }

    @Test
    void malformed_urls_are_usage_errors_that_never_echo_the_password() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@h/db")).isInstanceOf(UsageException.class)
                .hasMessageContaining("postgres://").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:secret@/db")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://h:5432")).isInstanceOf(UsageException.class)
                .hasMessageContaining("no database");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://h:notaport/db")).isInstanceOf(UsageException.class);
    }
}
