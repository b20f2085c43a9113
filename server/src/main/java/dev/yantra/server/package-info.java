/**
 * Owns the node's process and its HTTP edge: {@link dev.yantra.server.ServerLauncher} starts a node in order
 * (database, migrations, Spring) and stops it in reverse on SIGTERM, readiness turning 503 first;
 * {@link dev.yantra.server.YantraServer} is the Spring Boot application, the only place Spring is started, handed the
 * database, metrics registry and environment the CLI already built; {@link dev.yantra.server.PhasedLifecycle} writes
 * the shutdown order (tables, then players' streams, then the web server) as phases. It also names the node
 * ({@link dev.yantra.server.NodeId}, used in leases and job locks), puts a request id on every log line
 * ({@link dev.yantra.server.RequestIdFilter}) and picks the text or JSON log format
 * ({@link dev.yantra.server.LogFormatFilter}).
 *
 * <p>It holds no feature: controllers live in their features' rooms, the request checks every route passes are
 * {@code dev.yantra.edge} and {@code dev.yantra.security}, and the command that starts a node is
 * {@code dev.yantra.app.ServeCommand}.
 */
package dev.yantra.server;
