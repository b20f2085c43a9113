package dev.yantra.reconcile;

import java.util.List;

/** The file cannot be read at all (no or unknown header, not text): exit 3, with line numbers. */
public final class SettlementFileException extends RuntimeException {
    private final transient List<LineError> errors;

    public SettlementFileException(List<LineError> errors) {
        super(errors.isEmpty() ? "unreadable settlement file" : errors.get(0).toString(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<LineError> errors() {
        return errors;
    }
}
