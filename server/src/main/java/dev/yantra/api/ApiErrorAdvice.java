package dev.yantra.api;

import dev.yantra.config.NotFoundException;
import dev.yantra.config.UsageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of a dev.yantra controller becomes {"error","message"} JSON with a 4xx for anything the caller
 * did (malformed JSON, wrong types, unknown ids) — hostile input never produces a 5xx or a stack trace. Messages
 * name the field and what it must be; they never echo the raw input, a Java type name or an exception's text.
 */
@RestControllerAdvice(basePackages = "dev.yantra")
public class ApiErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<String> api(ApiException e) {
        return body(e.status(), e.error(), e.getMessage());
    }

    @ExceptionHandler(UsageException.class)
    public ResponseEntity<String> usage(UsageException e) {
        return body(400, "invalid_request", e.getMessage());
    }

    /**
     * Our own checks throw IllegalArgumentException with messages meant for the caller; the JDK's (UUID.fromString,
     * Long.parseLong: "Invalid UUID string: ...", "For input string: ...") echo the input and name no field — those
     * are answered without their text.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<String> illegalArgument(IllegalArgumentException e) {
        return body(400, "invalid_request", fromTheJdk(e) ? "a value in the request is not valid" : e.getMessage());
    }

    static boolean fromTheJdk(IllegalArgumentException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getMessage() == null || trace.length == 0 || !trace[0].getClassName().startsWith("dev.yantra.");
    }

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<String> notFound(NotFoundException e) {
        return body(404, "not_found", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        return body(400, "invalid_json", "request body is not valid JSON of the expected shape");
    }

    /** Names the parameter and what it must be; never the value sent, a Java type or the converter's exception text. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<String> badParameter(MethodArgumentTypeMismatchException e) {
        return body(400, "invalid_request", e.getName() + " must be " + expected(e.getRequiredType()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<String> missingParameter(MissingServletRequestParameterException e) {
        return body(400, "invalid_request", "query parameter " + e.getParameterName() + " is required");
    }

    static String expected(Class<?> type) {
        if (type == null) return "valid";
        if (type == java.util.UUID.class) return "a UUID";
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "an integer";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == java.time.LocalDate.class) return "a date (YYYY-MM-DD)";
        if (type == java.time.Instant.class) return "an ISO-8601 instant";
        if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        return "valid";
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedMethods() == null ? "" : "; allowed: " + String.join(", ", e.getSupportedMethods());
        return body(405, "method_not_allowed", "this endpoint does not take that method" + allowed);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(415, "unsupported_media_type", "this endpoint takes application/json");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<String> noResource(NoResourceFoundException e) {
        return body(404, "not_found", "no such endpoint");
    }

    /**
     * A player closed the /play tab (or a client hung up) while we were writing to it: nothing to answer and nobody
     * to answer to. DEBUG, because every closed tab did this and the ERROR lines buried real failures.
     */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    public void clientGone(Exception e) {
        log.debug("client closed its connection: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> internal(Exception e) {
        if (isClientAbort(e)) {
            log.debug("client closed its connection: {}", e.toString());
            return null;
        }
        log.error("unhandled error", e);
        return body(500, "internal_error", "internal error; see the server log with this request's x-request-id");
    }

    private static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("ClientAbortException") || name.endsWith("AsyncRequestNotUsableException")) return true;
        }
        return false;
    }

    public static ResponseEntity<String> body(int status, String error, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.error(error, message));
    }
}
