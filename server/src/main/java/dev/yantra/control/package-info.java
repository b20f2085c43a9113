/**
 * Owns the incident levers: kill switches that halt new bets or settlements ({@link dev.yantra.control.KillSwitch}),
 * breaker overrides, and runtime settings changed without a restart ({@link dev.yantra.control.RuntimeSetting}), in
 * kill_switches, breaker_overrides and runtime_settings, and the incident banner players see
 * ({@link dev.yantra.control.IncidentBanners}, incident_banners). {@link dev.yantra.control.ControlStore} reads and pulls them,
 * auditing every change; {@link dev.yantra.control.ControlPlane} is one node's view, re-read every 500 ms so a lever
 * pulled anywhere is obeyed everywhere within a second. They are pulled with {@code yantra halt|resume|breaker|settings}
 * ({@link dev.yantra.control.HaltCommands}, {@link dev.yantra.control.BreakerCommand},
 * {@link dev.yantra.control.SettingsCommand}) or over the admin API ({@link dev.yantra.control.ControlAdminController},
 * which also carries game configs and the incident banner); docs/playbooks/rgs-incident-playbooks.md says when.
 *
 * <p>It does not act on the levers: the bet path ({@code dev.yantra.play}), settlement ({@code dev.yantra.round.port}),
 * the wallet job runner ({@code dev.yantra.walletjobs}) and the breakers ({@code dev.yantra.wallet}, {@code dev.yantra.breaker}) read
 * the snapshot. Game configs are {@code dev.yantra.gameconfig}'s and the banner {@code dev.yantra.ops.incident}'s.
 */
package dev.yantra.control;
