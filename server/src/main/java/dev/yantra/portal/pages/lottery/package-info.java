/**
 * Owns the portal's lottery pages (/portal/lottery/**): bancas with their approvals and suspensions, draws and
 * their states, plays looked up by player phone, request id or ticket, and plays stuck at a banca. The lottery hub is
 * the platform's, so these pages are for platform users only (an operator user gets 404, as for anything outside
 * its scope); actions call {@link dev.yantra.lottery.bancas.Bancas}, as {@code yantra banca ...} does.
 */
package dev.yantra.portal.pages.lottery;
