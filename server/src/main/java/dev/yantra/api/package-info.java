/**
 * Owns the shared shape of the HTTP API: the error contract ({@link dev.yantra.api.ApiException} rendered as
 * {@code {"error","message"}} by {@link dev.yantra.api.ApiErrorAdvice} and {@link dev.yantra.api.endpoints.ErrorEndpoint}, a
 * 4xx for anything the caller did, never a stack trace), strict reading of request bodies
 * ({@link dev.yantra.api.Json}, {@link dev.yantra.api.Fields}, {@link dev.yantra.api.StrictText}), money on the wire
 * as decimal strings of micro-units ({@link dev.yantra.api.Amounts}), and the hand-written OpenAPI document at
 * {@code /v1/openapi.json} ({@link dev.yantra.api.endpoints.OpenApiController}).
 *
 * <p>It owns no endpoint of a feature: each controller lives in its feature's room ({@code dev.yantra.session},
 * {@code dev.yantra.play}, {@code dev.yantra.admin}, ...). What every request passes before a controller is
 * {@code dev.yantra.edge} and {@code dev.yantra.security}; the operator-facing contract is docs/integration-guide.md.
 */
package dev.yantra.api;
