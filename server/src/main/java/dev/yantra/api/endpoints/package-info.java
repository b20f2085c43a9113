/**
 * Owns the two endpoints of the API itself rather than of a feature: the error page every unmapped or failed request
 * ends on ({@link dev.yantra.api.endpoints.ErrorEndpoint}, the same {@code {"error","message"}} body as
 * {@code dev.yantra.api.ApiErrorAdvice}) and the hand-written OpenAPI document at {@code /v1/openapi.json}
 * ({@link dev.yantra.api.endpoints.OpenApiController}). They sit apart from {@code dev.yantra.api} because they
 * declare their surface with {@code dev.yantra.security.Guarded}, and the security filters write their errors with
 * {@code dev.yantra.api.Json}.
 */
package dev.yantra.api.endpoints;
