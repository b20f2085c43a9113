package dev.yantra.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.config.UnavailableException;
import org.junit.jupiter.api.Test;

class PgClientToolsTest {

    @Test
    void the_client_tools_of_the_embedded_major_are_found_and_report_that_major() {
        PgClientTools tools = PgClientTools.forServerMajor(15);
        assertThat(PgClientTools.majorOf(tools.version())).hasValue(15);
    }

    @Test
    void a_server_major_with_no_matching_pg_dump_is_refused_naming_what_was_found_and_the_package_to_install() {
        assertThatThrownBy(() -> PgClientTools.forServerMajor(99))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("PostgreSQL 99")
                .hasMessageContaining("is pg_dump (PostgreSQL) 15")
                .hasMessageContaining("apt-get install postgresql-client-99")
                .hasMessageContaining("YANTRA_PG_BIN_DIR");
    }

    @Test
    void the_major_is_read_from_the_version_line_of_either_numbering() {
        assertThat(PgClientTools.majorOf("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)")).hasValue(15);
        assertThat(PgClientTools.majorOf("pg_dump (PostgreSQL) 9.6.24")).hasValue(9);
        assertThat(PgClientTools.majorOf("not a version")).isEmpty();
    }
}
