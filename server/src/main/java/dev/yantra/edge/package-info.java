/**
 * Owns what every request must pass before a filter that authenticates or a handler that stores anything: text at
 * the edge (JSON bodies, query and path parameters are valid UTF-8, without lone surrogates or control characters:
 * 400 {@code invalid_text}), the per-source limit on failed authentications (429 with {@code Retry-After}), and the
 * 429 answer every limiter of the node shares.
 */
package dev.yantra.edge;
