package dev.yantra.lottery.results;

/** The request is well formed but the draw, result or play is not in a state that allows it (HTTP 409, CLI exit 1). */
public final class ResultConflictException extends IllegalStateException {
    private final String code;

    public ResultConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The API's error code, e.g. {@code result_exists}. */
    public String code() {
        return code;
    }
}
