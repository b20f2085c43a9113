package dev.yantra.breaker;

import java.util.Locale;

/**
 * The kinds of counterparty a breaker guards, with the tables that keep their overrides and transitions: a
 * breaker is keyed by (kind, id). Operators keep the original table names (breaker_overrides,
 * breaker_transitions with operator_id), which the playbooks query; bancas have their own pair.
 */
public enum CounterpartyKind {
    OPERATOR("breaker_overrides", "breaker_transitions", "operator_id"),
    BANCA("banca_breaker_overrides", "banca_breaker_transitions", "banca_id");

    /** Table of forced states: (id column) PK, mode FORCED_OPEN|FORCED_CLOSED, set_by, reason, set_at. */
    public final String overridesTable;
    /** Table of transitions: id column, node, from_state, to_state, created_at. */
    public final String transitionsTable;
    public final String idColumn;

    CounterpartyKind(String overridesTable, String transitionsTable, String idColumn) {
        this.overridesTable = overridesTable;
        this.transitionsTable = transitionsTable;
        this.idColumn = idColumn;
    }

    /** "operator" or "banca", as written in audit subjects and CLI output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
