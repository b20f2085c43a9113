/**
 * What a banca's answer to a forwarded play means: the body it sends ({@link dev.yantra.lottery.banca.BancaReply})
 * and the decision table from (HTTP status, body, timeout) to confirmed, rejected, accepted or retry
 * ({@link dev.yantra.lottery.banca.BancaClassification}). No I/O here; the forwarding job does the calls.
 */
package dev.yantra.lottery.banca;
