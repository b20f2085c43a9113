/**
 * Owns what {@code yantra demo} provisions, idempotently, so a fresh or restarted data directory shows a working
 * system: {@link dev.yantra.demo.DemoProvisioner} sets up the RGS half (the demo-casino operator with its wallet
 * credential, one ketapola-dice table and a fresh player session), and {@link dev.yantra.demo.LotteryDemo} the lottery
 * half (the demo banca started, registered and approved, made the default banca of every lottery without one, and a
 * demo player with an audited deposit).
 *
 * <p>The command itself, which starts the database, the demo wallet and the node, is {@code dev.yantra.app.DemoCommand};
 * the peers are their own modules (demo-wallet, demo-banca). The RGS rows are inserted with plain SQL into the owning
 * rooms' tables (operators, operator_credentials, operator_game_configs, game_sessions); the lottery half goes through
 * the lottery rooms' stores ({@code dev.yantra.lottery.bancas}, {@code dev.yantra.lottery.player},
 * {@code dev.yantra.lottery.ledger}).
 */
package dev.yantra.demo;
