/**
 * The root of the node: {@link dev.yantra.Yantra} is the entry point of the {@code yantra} command and only hands
 * the arguments to the CLI. Nothing else lives here: the commands are {@code dev.yantra.cli}, the Spring Boot edge
 * {@code dev.yantra.server}, and every feature has its own room beside them (docs/ARCHITECTURE.md lists them).
 */
package dev.yantra;
