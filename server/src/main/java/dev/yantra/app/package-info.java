/**
 * Owns the assembly of the {@code yantra} command: the top-level command ({@link dev.yantra.app.YantraCommand}),
 * where each feature registers its subcommands with one line, and the commands that span features ({@code serve},
 * {@code demo}, which starts the embedded database, a demo wallet, a node, a demo operator with one table and a player
 * session, and {@code jobs}, which reads every queue). It is the one room that may import every other; no room
 * imports it, so the features can share {@code dev.yantra.cli}'s helpers without a package cycle.
 */
package dev.yantra.app;
