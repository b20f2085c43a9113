package dev.yantra.wallet.conformance;

import dev.yantra.config.UnavailableException;
import dev.yantra.wallet.WalletRequest;
import dev.yantra.wallet.protocol.Classification;
import dev.yantra.wallet.protocol.Verdict;
import dev.yantra.wallet.protocol.WalletStatus;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Runs every {@link ConformanceCase} against one wallet, in order, and says how each came out.
 *
 * <p>Money is proved, not inferred from answers: each case reads the player's balance through the balance endpoint
 * before and after, and compares the movement with what the contract allows. Whatever the answers say, a stake the
 * wallet may hold is rolled back when the case ends (the server's own rule: when in doubt, roll back), and at the
 * end anything the wallet moved against the contract is put back with an ordinary bet (taking back an
 * over-credit) or bet-and-win (returning a shortfall), so the player ends where the kit found them — checked, and
 * reported as its own case.
 */
public final class ConformanceKit {
    /** The code ISO 4217 reserves for testing: no player holds an account in it. */
    public static final String DEFAULT_WRONG_CURRENCY = "XTS";
    public static final long DEFAULT_STAKE_MICRO = 1_000_000;
    /** Amounts travel as decimal strings of at most 18 digits. */
    private static final long MAX_AMOUNT_MICRO = 999_999_999_999_999_999L;

    private final WalletUnderTest wallet;
    private final long stakeMicro;
    private final String wrongCurrency;
    private final List<CaseResult> results = new ArrayList<>();
    /** Bets the wallet may have taken that nothing has given back yet, by transactionUuid. */
    private final Map<UUID, WalletRequest> openStakes = new LinkedHashMap<>();
    private Long startBalance;
    private Long finalBalance;
    private WalletRequest acceptedBet;
    /** The accepted bet of case bet, left open on purpose until case win pays it back. */
    private WalletRequest awaitingWin;
    private WalletRequest creditedWin;
    private WalletRequest doneRollback;

    public ConformanceKit(WalletUnderTest wallet, long stakeMicro, String wrongCurrency) {
        if (stakeMicro <= 0 || stakeMicro > MAX_AMOUNT_MICRO / 4) {
            throw new IllegalArgumentException("stake must be 1.." + MAX_AMOUNT_MICRO / 4 + " micro, was " + stakeMicro);
        }
        if (wrongCurrency.equals(wallet.currency())) {
            throw new IllegalArgumentException("the wrong currency must differ from the player's currency " + wallet.currency());
        }
        this.wallet = wallet;
        this.stakeMicro = stakeMicro;
        this.wrongCurrency = wrongCurrency;
    }

    /**
     * All cases; throws {@link UnavailableException} when the very first call gets no HTTP answer at all (nothing
     * was tested, nothing moved).
     */
    public ConformanceReport run() {
        if (!balance()) {
            for (ConformanceCase k : ConformanceCase.values()) {
                if (k != ConformanceCase.BALANCE && k != ConformanceCase.ANSWER_TIME) {
                    skip(k, "needs the player's balance (case balance failed)");
                }
            }
            answerTime();
            return report();
        }
        run(ConformanceCase.SIGNATURE_REJECTED, this::signatureRejected);
        run(ConformanceCase.BET, this::bet);
        needs(ConformanceCase.BET_REPEATED, acceptedBet, ConformanceCase.BET, this::betRepeated);
        needs(ConformanceCase.WIN, acceptedBet, ConformanceCase.BET, this::win);
        needs(ConformanceCase.WIN_REPEATED, creditedWin, ConformanceCase.WIN, this::winRepeated);
        run(ConformanceCase.ROLLBACK, this::rollback);
        needs(ConformanceCase.ROLLBACK_REPEATED, doneRollback, ConformanceCase.ROLLBACK, this::rollbackRepeated);
        needs(ConformanceCase.DUPLICATE_TRANSACTION, acceptedBet, ConformanceCase.BET, this::duplicateTransaction);
        run(ConformanceCase.ROLLBACK_UNKNOWN, this::rollbackUnknown);
        run(ConformanceCase.NOT_ENOUGH_MONEY, this::notEnoughMoney);
        run(ConformanceCase.WRONG_CURRENCY, this::wrongCurrency);
        run(ConformanceCase.BALANCE_RESTORED, this::balanceRestored);
        answerTime();
        return report();
    }

    private ConformanceReport report() {
        return new ConformanceReport(wallet.baseUrl(), wallet.player(), wallet.currency(), wallet.timeoutMs(), stakeMicro,
                startBalance, finalBalance, results);
    }

    // ---- the cases ----

    /** The first call of the run: also where an unreachable wallet is told apart from a failing one. */
    private boolean balance() {
        Run r = new Run(ConformanceCase.BALANCE);
        Call c = r.call(wallet.balance(), "the case's request");
        if (unreachable(c)) {
            throw new UnavailableException("wallet unreachable at " + c.url() + " (no connection could be made: "
                    + c.response().failure() + ")", null);
        }
        if (c.knownStatus() != WalletStatus.RS_OK || c.balanceMicro() == null) {
            String hint = c.knownStatus() == WalletStatus.RS_ERROR_INVALID_SIGNATURE || isAuthRefusal(c)
                    ? " (is the wallet configured with this kid and secret?)" : "";
            r.problem("the balance endpoint answered " + c.describe() + (c.balanceMicro() == null && c.knownStatus() == WalletStatus.RS_OK
                    ? " without a decimal balanceMicro" : "") + hint);
            results.add(r.result());
            return false;
        }
        String echoed = c.answerField("requestUuid");
        String sent = c.response().request().requestUuid().toString();
        if (!sent.equals(echoed)) r.problem("the answer's requestUuid is " + echoed + ", the request's " + sent);
        String currency = c.answerField("currency");
        if (currency != null && !currency.equals(wallet.currency())) {
            r.problem("the answer's currency is " + currency + ", the request's " + wallet.currency());
        }
        long balance = c.balanceMicro();
        if (balance < 0) r.problem("the balance is negative: " + balance);
        startBalance = balance;
        if (balance < stakeMicro) {
            r.problem("the test player has " + balance + " micro; the kit stakes " + stakeMicro + " micro at a time: fund the player or pass a smaller --stake-micro");
            results.add(r.result());
            return false;
        }
        r.passed("RS_OK, balance " + balance + " micro");
        results.add(r.result());
        return true;   // a wrong echo fails this case, but the balance itself is usable for the rest
    }

    private void signatureRejected(Run r) {
        byte[] wrong = wrongSecret();
        long before = r.balance("before");
        WalletRequest bet = wallet.bet(UUID.randomUUID(), UUID.randomUUID(), stakeMicro);
        Call b = r.callSignedWith(wrong, bet);
        WalletRequest win = wallet.win(bet.roundId(), bet.transactionUuid(), stakeMicro);
        Call w = r.callSignedWith(wrong, win);
        long after = r.balance("after");
        // a refused forgery that moved nothing is proved harmless by the balance; anything else may hold the stake
        if (!signatureRefused(b) || after != before) holdIfNotRefused(bet, b);
        if (w.response().verdict() == Verdict.DONE) openStakes.remove(bet.transactionUuid());
        for (Call c : List.of(b, w)) {
            if (!signatureRefused(c)) {
                r.problem("a " + c.endpoint() + " signed with a wrong secret was answered " + c.describe()
                        + ", not RS_ERROR_INVALID_SIGNATURE or HTTP 401/403");
            }
        }
        r.expectMoved(before, after, 0, "the wrongly signed bet and win");
        r.passed("both refused: bet " + b.describe() + ", win " + w.describe() + "; nothing moved");
    }

    private void bet(Run r) {
        long before = r.balance("before");
        WalletRequest bet = wallet.bet(UUID.randomUUID(), UUID.randomUUID(), stakeMicro);
        Call c = r.call(bet);
        holdIfNotRefused(bet, c);
        long after = r.balance("after");
        if (c.knownStatus() != WalletStatus.RS_OK) r.problem("a new bet was answered " + c.describe() + ", not RS_OK");
        else acceptedBet = awaitingWin = bet;
        r.expectMoved(before, after, -stakeMicro, "the bet");
        r.expectAnswerBalance(c, after);
        r.passed("RS_OK, debited " + stakeMicro + " micro");
    }

    private void betRepeated(Run r) {
        long before = r.balance("before");
        Call c = r.call(WalletUnderTest.again(acceptedBet));
        long after = r.balance("after");
        r.expectVerdict(c, Verdict.ACCEPTED, "the repeated bet");
        r.expectMoved(before, after, 0, "the repeated bet");
        r.expectAnswerBalance(c, after);
        r.passed(c.status() + ", nothing more debited");
    }

    private void win(Run r) {
        awaitingWin = null;   // won or not, from here on the bet is settled like any other stake
        long before = r.balance("before");
        WalletRequest win = wallet.win(acceptedBet.roundId(), acceptedBet.transactionUuid(), stakeMicro);
        Call c = r.call(win);
        long after = r.balance("after");
        if (c.response().verdict() == Verdict.DONE) openStakes.remove(acceptedBet.transactionUuid());
        if (c.knownStatus() != WalletStatus.RS_OK) r.problem("a new win was answered " + c.describe() + ", not RS_OK");
        else creditedWin = win;
        r.expectMoved(before, after, stakeMicro, "the win");
        r.expectAnswerBalance(c, after);
        r.passed("RS_OK, credited " + stakeMicro + " micro");
    }

    private void winRepeated(Run r) {
        long before = r.balance("before");
        Call c = r.call(WalletUnderTest.again(creditedWin));
        long after = r.balance("after");
        r.expectVerdict(c, Verdict.DONE, "the repeated win");
        r.expectMoved(before, after, 0, "the repeated win");
        r.expectAnswerBalance(c, after);
        r.passed(c.status() + ", nothing more credited");
    }

    private void rollback(Run r) {
        long before = r.balance("before");
        WalletRequest bet = wallet.bet(UUID.randomUUID(), UUID.randomUUID(), stakeMicro);
        Call b = r.call(bet);
        holdIfNotRefused(bet, b);
        long afterBet = r.balance("after the bet");
        if (b.knownStatus() != WalletStatus.RS_OK) r.problem("the bet to roll back was answered " + b.describe() + ", not RS_OK");
        r.expectMoved(before, afterBet, -stakeMicro, "the bet to roll back");
        WalletRequest rollback = wallet.rollback(bet);
        Call c = r.call(rollback);
        if (c.response().verdict().completesJob()) openStakes.remove(bet.transactionUuid());
        long after = r.balance("after the rollback");
        if (c.knownStatus() != WalletStatus.RS_OK) r.problem("the rollback of an accepted bet was answered " + c.describe() + ", not RS_OK");
        else doneRollback = rollback;
        r.expectMoved(afterBet, after, stakeMicro, "the rollback");
        r.expectAnswerBalance(c, after);
        r.passed("bet debited " + stakeMicro + " micro, rollback RS_OK returned it");
    }

    private void rollbackRepeated(Run r) {
        long before = r.balance("before");
        Call c = r.call(WalletUnderTest.again(doneRollback));
        long after = r.balance("after");
        if (!c.response().succeeded()) {
            r.problem("the repeated rollback was answered " + c.describe() + "; a repeat must confirm the money went back "
                    + "(RS_OK, RS_ERROR_DUPLICATE_TRANSACTION or RS_ERROR_TRANSACTION_ALREADY_ROLLED_BACK)");
        }
        r.expectMoved(before, after, 0, "the repeated rollback");
        r.expectAnswerBalance(c, after);
        r.passed(c.status() + ", nothing more returned");
    }

    private void duplicateTransaction(Run r) {
        long before = r.balance("before");
        Call c = r.call(WalletUnderTest.newRequestSameTransaction(acceptedBet));
        long after = r.balance("after");
        r.expectVerdict(c, Verdict.ACCEPTED, "a new request with an already used transactionUuid");
        r.expectMoved(before, after, 0, "a new request with an already used transactionUuid");
        r.expectAnswerBalance(c, after);
        r.passed(c.status() + ", nothing moved");
    }

    private void rollbackUnknown(Run r) {
        long before = r.balance("before");
        WalletRequest neverSent = wallet.bet(UUID.randomUUID(), UUID.randomUUID(), stakeMicro);
        Call c = r.call(wallet.rollback(neverSent));
        long after = r.balance("after");
        if (c.knownStatus() != WalletStatus.RS_ERROR_TRANSACTION_DOES_NOT_EXIST) {
            r.problem("a rollback of a bet the wallet never saw was answered " + c.describe()
                    + ", not RS_ERROR_TRANSACTION_DOES_NOT_EXIST");
        }
        r.expectMoved(before, after, 0, "the rollback of an unknown bet");
        r.passed("RS_ERROR_TRANSACTION_DOES_NOT_EXIST, nothing moved");
    }

    private void notEnoughMoney(Run r) {
        long before = r.balance("before");
        if (before > MAX_AMOUNT_MICRO - stakeMicro) {
            r.problem("the balance " + before + " micro is too large to bet above it in an 18-digit amount");
            return;
        }
        WalletRequest bet = wallet.bet(UUID.randomUUID(), UUID.randomUUID(), before + stakeMicro);
        Call c = r.call(bet);
        holdIfNotRefused(bet, c);
        long after = r.balance("after");
        if (c.knownStatus() != WalletStatus.RS_ERROR_NOT_ENOUGH_MONEY) {
            r.problem("a bet of " + (before + stakeMicro) + " micro on a balance of " + before + " was answered " + c.describe()
                    + ", not RS_ERROR_NOT_ENOUGH_MONEY");
        }
        r.expectMoved(before, after, 0, "the bet above the balance");
        r.passed("RS_ERROR_NOT_ENOUGH_MONEY, nothing moved");
    }

    private void wrongCurrency(Run r) {
        long before = r.balance("before");
        WalletRequest bet = wallet.bet(UUID.randomUUID(), UUID.randomUUID(), stakeMicro, wrongCurrency);
        Call c = r.call(bet);
        holdIfNotRefused(bet, c);
        long after = r.balance("after");
        if (c.knownStatus() != WalletStatus.RS_ERROR_WRONG_CURRENCY) {
            r.problem("a bet in " + wrongCurrency + " was answered " + c.describe() + ", not RS_ERROR_WRONG_CURRENCY");
        }
        r.expectMoved(before, after, 0, "the bet in " + wrongCurrency + " (on the " + wallet.currency() + " balance)");
        r.passed("RS_ERROR_WRONG_CURRENCY for " + wrongCurrency + ", nothing moved");
    }

    private void balanceRestored(Run r) {
        settleOpenStakes(r);   // a second chance for a rollback that did not go through after its case
        long now = r.balance("after every case");
        long off = now - startBalance;
        if (off > 0) {
            // the wallet credited more than the contract allows: take it back as a round the player lost
            WalletRequest take = wallet.bet(UUID.randomUUID(), UUID.randomUUID(), off);
            Call c = r.call(take, "restore: a lost bet of what the wallet over-credited");
            r.note("the wallet had credited " + off + " micro too much; a bet of " + off + " micro took it back (" + c.describe() + ")");
        } else if (off < 0) {
            // the player is short: a round the player wins returns the shortfall
            WalletRequest bet = wallet.bet(UUID.randomUUID(), UUID.randomUUID(), stakeMicro);
            Call b = r.call(bet, "restore: a bet to pay the shortfall back on");
            holdIfNotRefused(bet, b);
            if (b.response().verdict() == Verdict.ACCEPTED) {
                Call w = r.call(wallet.win(bet.roundId(), bet.transactionUuid(), stakeMicro - off), "restore: a win returning the shortfall");
                if (w.response().verdict() == Verdict.DONE) openStakes.remove(bet.transactionUuid());
                r.note("the player was " + (-off) + " micro short; a bet of " + stakeMicro + " and a win of " + (stakeMicro - off)
                        + " micro returned it (" + w.describe() + ")");
            }
        }
        long end = r.balance("at the end");
        finalBalance = end;
        if (!openStakes.isEmpty()) {
            r.problem("the wallet may still hold these bets (their rollback was not confirmed): " + openStakes.keySet());
        }
        if (end != startBalance) {
            r.problem("the player's balance is " + end + " micro, it was " + startBalance + " micro when the kit started: "
                    + "put the difference right by hand");
        }
        r.passed("started and ended at " + startBalance + " micro");
    }

    private void answerTime() {
        Run r = new Run(ConformanceCase.ANSWER_TIME);
        List<Call> all = wallet.calls();
        long limit = wallet.timeoutMs();
        List<Call> late = all.stream().filter(c -> c.timedOut() || c.latencyMs() > limit).toList();
        Call slowest = all.stream().max(Comparator.comparingLong(Call::latencyMs)).orElseThrow();
        if (!late.isEmpty()) {
            r.calls.addAll(late);
            r.problem(late.size() + " of " + all.size() + " calls got no answer within " + limit + " ms (the server gives up then and "
                    + "treats the call as unknown)");
        }
        r.passed(all.size() + " calls, slowest " + slowest.latencyMs() + " ms (" + slowest.endpoint() + "), limit " + limit + " ms");
        results.add(r.result());
    }

    // ---- the machinery ----

    /** A bet the wallet did not clearly refuse may have debited: it is held until something gives it back. */
    private void holdIfNotRefused(WalletRequest bet, Call c) {
        if (c.response().verdict() != Verdict.REJECTED) openStakes.put(bet.transactionUuid(), bet);
    }

    /** No connection at all (refused, no route, unknown host, TLS, connect timeout); a wallet that connects but is slow is answer_time's. */
    private static boolean unreachable(Call c) {
        if (c.httpStatus() != null) return false;
        String why = String.valueOf(c.response().failure());
        return !c.timedOut() || why.contains("ConnectTimeout");
    }

    private static boolean signatureRefused(Call c) {
        return c.knownStatus() == WalletStatus.RS_ERROR_INVALID_SIGNATURE || isAuthRefusal(c);
    }

    private static boolean isAuthRefusal(Call c) {
        return c.httpStatus() != null && (c.httpStatus() == 401 || c.httpStatus() == 403)
                && !Classification.succeeded(c.endpoint(), Objects.requireNonNullElse(c.knownStatus(), WalletStatus.RS_ERROR_UNKNOWN));
    }

    private static byte[] wrongSecret() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw).getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Body {
        void run(Run r);
    }

    private void run(ConformanceCase kase, Body body) {
        Run r = new Run(kase);
        try {
            body.run(r);
        } catch (Abort a) {
            r.problem(a.getMessage());
        }
        // after the last case the balance is final: nothing may move once it has been read
        if (kase != ConformanceCase.BALANCE_RESTORED) settleOpenStakes(r);
        results.add(r.result());
    }

    private void needs(ConformanceCase kase, WalletRequest prerequisite, ConformanceCase from, Body body) {
        if (prerequisite == null) skip(kase, "needs case " + from.label() + " to pass first");
        else run(kase, body);
    }

    private void skip(ConformanceCase kase, String why) {
        results.add(new CaseResult(kase, CaseResult.Outcome.SKIP, "skipped: " + why, List.of()));
    }

    /** Rolls back every stake the wallet may still hold; the calls belong to the case that left them. */
    private void settleOpenStakes(Run r) {
        for (WalletRequest bet : List.copyOf(openStakes.values())) {
            if (bet == awaitingWin) continue;
            Call c = r.call(wallet.rollback(bet), "clean-up: roll back a stake the wallet may hold");
            if (c.response().verdict().completesJob()) openStakes.remove(bet.transactionUuid());
            if (c.response().succeeded()) r.note("the kit rolled back bet " + bet.transactionUuid() + " (" + c.describe() + ")");
        }
    }

    /** A case that cannot go on (the balance endpoint stopped answering). */
    private static final class Abort extends RuntimeException {
        Abort(String message) {
            super(message, null, false, false);
        }
    }

    /** One case while it runs: its calls, what broke, and what the kit had to do about it. */
    private final class Run {
        final ConformanceCase kase;
        final List<Call> calls = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        String passDetail;

        Run(ConformanceCase kase) {
            this.kase = kase;
        }

        Call call(WalletRequest req) {
            return call(req, "the case's request");
        }

        Call call(WalletRequest req, String purpose) {
            Call c = wallet.send(req, purpose);
            calls.add(c);
            return c;
        }

        Call callSignedWith(byte[] secret, WalletRequest req) {
            Call c = wallet.sendSignedWith(secret, "a wrong secret (random) under the configured kid", req, "the case's request");
            calls.add(c);
            return c;
        }

        long balance(String when) {
            Call c = call(wallet.balance(), "balance " + when);
            if (c.knownStatus() != WalletStatus.RS_OK || c.balanceMicro() == null) {
                throw new Abort("the balance " + when + " could not be read: " + c.describe());
            }
            return c.balanceMicro();
        }

        void problem(String p) {
            problems.add(p);
        }

        void note(String n) {
            notes.add(n);
        }

        void passed(String detail) {
            passDetail = detail;
        }

        void expectMoved(long before, long after, long expected, String what) {
            long moved = after - before;
            if (moved != expected) {
                problem(what + " moved " + signed(moved) + " micro on the balance, the contract allows " + signed(expected));
            }
        }

        void expectVerdict(Call c, Verdict expected, String what) {
            if (c.response().verdict() != expected) {
                problem(what + " was answered " + c.describe() + "; it must be RS_OK or RS_ERROR_DUPLICATE_TRANSACTION");
            }
        }

        /** A balanceMicro in an answer that confirms money (moved now or before) must be the balance the balance endpoint then shows. */
        void expectAnswerBalance(Call c, long balanceAfter) {
            if (c.response().succeeded() && c.balanceMicro() != null && c.balanceMicro() != balanceAfter) {
                problem("the " + c.endpoint() + " answer's balanceMicro " + c.balanceMicro() + " is not the balance after it, " + balanceAfter);
            }
        }

        CaseResult result() {
            List<String> lines = new ArrayList<>();
            CaseResult.Outcome outcome;
            if (problems.isEmpty()) {
                outcome = CaseResult.Outcome.PASS;
                lines.add(passDetail == null ? "ok" : passDetail);
            } else {
                outcome = CaseResult.Outcome.FAIL;
                lines.addAll(problems);
            }
            lines.addAll(notes);
            return new CaseResult(kase, outcome, String.join("; ", lines), calls);
        }
    }

    private static String signed(long v) {
        return v > 0 ? "+" + v : String.valueOf(v);
    }
}
