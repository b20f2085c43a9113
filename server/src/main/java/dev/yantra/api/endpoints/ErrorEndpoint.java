package dev.yantra.api.endpoints;

import dev.yantra.api.ApiErrorAdvice;
import dev.yantra.security.Guarded;
import dev.yantra.security.Surface;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page, in our error JSON: the status of the error being forwarded (a 400 the container or a
 * filter sent, a 404, a 500 from outside a controller) with its standard reason and never the exception's text. Asked
 * for directly, /error is a page that does not exist: 404. Replaces Spring Boot's whitelabel / BasicErrorController.
 */
@RestController
@Guarded(Surface.PUBLIC)
public class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status) || status < 400) {
            return ApiErrorAdvice.body(404, "not_found", "no such endpoint");
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
        String message = status >= 500 ? "internal error; see the server log with this request's x-request-id"
                : known == null ? "request refused" : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        return ApiErrorAdvice.body(status, reason, message);
    }
}
