/**
 * The server module's part of the demo banca: {@link dev.yantra.demobanca.DemoBancaCommand},
 * {@code yantra demo-banca serve|faults}, which runs the demo banca alone on DEMO_BANCA_PORT and sets or shows its
 * faults over its admin API. The package name is shared with the demo-banca module, which owns the banca itself (its
 * ledger of plays, signed endpoints and webhooks, fault injection; docs/banca-integration-guide.md is its contract);
 * this module only adds the command. Starting it as part of {@code yantra demo} is {@code dev.yantra.demo}.
 */
package dev.yantra.demobanca;
