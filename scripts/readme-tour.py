#!/usr/bin/env python3
"""Runs every `./yantra ...` command of README.md's "Five-minute tour" against a live demo (started by
scripts/readme-tour) and checks each one's exit code and output against what the README promises.

Every command is read from the README itself and run as written, in a scratch directory, with the demo's
environment (YANTRA_DATA_DIR, the demo peers' ports) exported. The table below says what each must do; a README
command missing from the table, or a table entry the README no longer has, fails the run, so the two move together.
Placeholders (`<...>`, a bare `...`, `DIR`) stand for values of the reader's own demo: the table gives the value this
run fills in, taken from the live demo. The only commands not run are the demo itself (it is the fixture this run
starts, and its printed lines are checked), the long benchmarks, and the conformance kit, whose values come from an
operator; each says why.

Usage: readme-tour.py README.md (environment: DEMO_LOG, the demo's output; the demo's variables).
"""
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid

TODAY = time.strftime("%Y-%m-%d", time.gmtime())
TOMORROW = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 86400))
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def tour_commands(readme):
    text = open(readme, encoding="utf-8").read()
    m = re.search(r"^## Five-minute tour\n(.*?)(?=^## )", text, re.S | re.M)
    if not m:
        sys.exit("readme-tour: README.md has no '## Five-minute tour' section")
    spans = re.findall(r"`([^`]+)`", m.group(1), re.S)
    out = []
    for s in spans:
        c = " ".join(s.split())
        if c.startswith("./yantra") and c not in out:
            out.append(c)
    return out


# README command -> (exit code, output regex, how to run it). "run" is None to run the command as written, a string
# with {name} fills from the live demo, or a reason (starting "skip:") for the few not run.
EXPECT = {
    "./yantra demo": (0, r"", "skip: the fixture of this run (scripts/readme-tour starts it and checks its lines)"),
    "./yantra verify --server-seed 0000000000000000000000000000000000000000000000000000000000000000 --client-seed client-seed-a --nonce 0":
        (0, r'^\{"side":"(LOW|HIGH)","sum":\d+,"hmac":"[0-9a-f]{64}"\}\s*$', None),
    "./yantra rtp --rounds 10000000": (0, r"PASS", None),
    "./yantra verify --since 24h --sample 50": (0, r"moneyInvariantsBroken", None),
    "./yantra cert status": (0, r".", None),
    "./yantra halt bets --operator demo-casino": (0, r"(?i)halt", None),
    "./yantra resume bets --operator demo-casino": (0, r"(?i)resum|lift", None),
    "./yantra breaker force-open --operator demo-casino": (0, r"(?i)open", None),
    "./yantra breaker auto --operator demo-casino": (0, r"(?i)auto", None),
    "./yantra config set --operator demo-casino --game ketapola-dice --currency LKR commissionMicro=4000 --confirm":
        (0, r"commissionMicro", None),
    "./yantra config history --operator demo-casino": (0, r"commissionMicro", None),
    "./yantra settings get": (0, r".", None),
    "./yantra triage stuck-rollbacks": (0, r".", None),
    "./yantra bet list --player demo-player": (0, UUID, None),
    "./yantra bet show <bet-or-transaction-id>": (0, r"(?i)bet", "./yantra bet show {bet}"),
    "./yantra jobs list --stuck": (0, r".", None),
    "./yantra export settlement --operator demo-casino --date $(date -u +%F) > s.csv": (0, r"", None),
    "./yantra reconcile --file s.csv": (0, r"MATCH", None),
    "./yantra operator onboard --name lucky-star --compliance-contact compliance@lucky-star.example --currencies LKR --wallet-url https://wallet.lucky-star.example/yantra":
        (0, r"(?i)secret", None),
    "./yantra credential rotate KID": (0, r"(?i)kid", "./yantra credential rotate {inbound_kid}"),
    "./yantra demo-wallet faults --down": (0, r"(?i)down", None),
    "./yantra jobs list": (0, r"\d+ job\(s\)", None),
    "./yantra jobs complete <id> --reason \"...\"": (0, r".", "./yantra jobs complete {job} --reason \"...\""),
    "./yantra demo-wallet faults --clear": (0, r".", None),
    "./yantra banca list": (0, r"Demo Banca", None),
    "./yantra banca show \"Demo Banca\"": (0, r"Demo Banca", None),
    "./yantra demo-banca faults ...": (0, r".", "./yantra demo-banca faults"),
    "./yantra jobs list --queue banca": (0, r".", None),
    "./yantra breaker force-open --banca \"Demo Banca\"": (0, r"(?i)open", None),
    "./yantra breaker auto --banca \"Demo Banca\"": (0, r"(?i)auto", None),
    "./yantra lottery block add --cidr 203.0.113.0/24 --reason \"...\"": (0, r"203\.0\.113\.0/24", None),
    "./yantra lottery draw cancel --draw <id> --reason \"...\"": (0, r".", "./yantra lottery draw cancel --draw {open_draw} --reason \"...\""),
    "./yantra evidence export --since ... --until ... --output-dir DIR":
        (0, r".", "./yantra evidence export --since " + TODAY + " --until " + TOMORROW + " --output-dir DIR"),
    "./yantra lottery list": (0, r"demo-rapida", None),
    "./yantra lottery draws --lottery demo-rapida": (0, UUID, None),
    "./yantra lottery result set --draw <id> --numbers 12,34,56 --pick3 123":
        (0, r".", "./yantra lottery result set --draw {closed_draw} --numbers 12,34,56 --pick3 123"),
    "./yantra lottery result correct ... --reason":
        (0, r".", "./yantra lottery result correct --draw {closed_draw} --numbers 12,34,57 --pick3 123 --reason \"typo in the second prize\""),
    "./yantra player list": (0, r".", None),
    "./yantra player credit --player <phone> --currency DOP --amount 500 --reason \"...\"":
        (0, r".", "./yantra player credit --player {phone} --currency DOP --amount 500 --reason \"...\""),
    "./yantra triage plays-stuck": (0, r".", None),
    "./yantra triage webhooks": (0, r".", None),
    "./yantra triage banca --banca \"Demo Banca\"": (0, r".", None),
    "./yantra triage payments": (0, r".", None),
    "./yantra stripe-standin faults --help": (0, r"Usage: yantra stripe-standin faults", None),
    "./yantra lottery reconcile --force-check --older-than 10m --dry-run": (0, r".", None),
    "./yantra lottery prize tax --lottery demo-rapida": (0, r".", None),
    "./yantra lottery withdrawal list": (0, r".", None),
    "./yantra banca statement --banca \"Demo Banca\" --from $(date -u +%F) --to $(date -u +%F)": (0, r".", None),
    "./yantra wallet conformance --url <their wallet> --kid K --secret-stdin --player P --currency C":
        (0, r"", "skip: needs an operator wallet's URL, key and secret (ConformanceCommandTest runs it against the demo wallet)"),
    "./yantra bench rtp": (0, r"ratio rounds / JCE HMAC +[0-9.]+ +\(goal >= 0\.7\)", None),
    "./yantra bench bets": (0, r"", "skip: a benchmark of minutes (docs/benchmarks.md)"),
    "./yantra bench jobs": (0, r"", "skip: a benchmark of minutes (docs/benchmarks.md)"),
    "./yantra bench metrics": (0, r"", "skip: a benchmark of minutes (docs/benchmarks.md)"),
    "./yantra bench plays": (0, r"", "skip: a benchmark of minutes (docs/benchmarks.md)"),
    "./yantra reconcile bench": (0, r"", "skip: a benchmark of minutes (docs/benchmarks.md)"),
    "./yantra chaos run --scenario kill-storm --nodes 3 --duration 10m --seed 42":
        (0, r"", "skip: a 10-minute soak (scripts/chaos-ci runs two short scenarios in the suite)"),
    "./yantra portal user create --username admin --role platform-admin --with-totp": (0, r"password: \S+", None),
}


def run(cmd, cwd, stdin=None):
    p = subprocess.run(["bash", "-c", cmd], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


class Fills(dict):
    """Values for placeholders, each found in the live demo the first time a command needs it."""

    def __init__(self, cwd):
        super().__init__()
        self.cwd = cwd

    def __missing__(self, key):
        value = getattr(self, "find_" + key)()
        if not value:
            raise SystemExit("readme-tour: could not find a value for {%s} in the live demo" % key)
        self[key] = value
        return value

    def first(self, cmd, pattern):
        _, out, _ = run(cmd, self.cwd)
        m = re.search(pattern, out, re.M)
        return m.group(1) if m else None

    def find_bet(self):
        return self.first("./yantra bet list --player demo-player", "(" + UUID + ")")

    def find_job(self):
        """An open job: with the wallet down (the tour just took it down), a bet is in doubt and its ROLLBACK waits."""
        for _ in range(60):
            job = self.first("./yantra jobs list", "(" + UUID + ")")
            if job:
                return job
            bet = ('{"requestUuid":"%s","amountMicro":"1000000","selection":{"side":"HIGH"}}' % uuid.uuid4())
            run("curl -s -o /dev/null -H 'Authorization: Bearer %s' -H 'content-type: application/json' -d '%s' "
                "http://127.0.0.1:%s/v1/play/bets" % (os.environ["DEMO_SESSION"], bet, os.environ["PORT"]), self.cwd)
            time.sleep(1)
        return None

    def find_inbound_kid(self):
        return self.first("./yantra credential list --operator lucky-star", r"\b(ik_[A-Za-z0-9_-]+)")

    def find_phone(self):
        m = re.search(r"lottery player: phone (\S+)", open(os.environ["DEMO_LOG"], encoding="utf-8").read())
        return m.group(1) if m else None

    def draw(self, states):
        _, out, _ = run("./yantra lottery draws --lottery demo-rapida --from " + TODAY, self.cwd)
        for line in out.splitlines():
            m = re.search("(" + UUID + ")", line)
            if m and re.search(states, line):
                return m.group(1)
        return None

    def find_open_draw(self):
        return self.draw(r"\bOPEN\b")

    def find_closed_draw(self):
        for _ in range(60):   # a demo-rapida draw closes every few minutes
            d = self.draw(r"\bCLOSED\b")
            if d:
                return d
            time.sleep(5)
        return None


def main():
    readme = sys.argv[1]
    commands = tour_commands(readme)
    unknown = [c for c in commands if c not in EXPECT]
    gone = [c for c in EXPECT if c not in commands]
    if unknown or gone:
        for c in unknown:
            print("README command with no expectation in scripts/readme-tour.py: " + c)
        for c in gone:
            print("expectation for a command the README no longer has: " + c)
        return 1
    cwd = tempfile.mkdtemp(prefix="yantra-readme-tour.")
    # ./yantra in the scratch directory is the repository's launcher (which finds its sources beside itself)
    with open(os.path.join(cwd, "yantra"), "w", encoding="utf-8") as f:
        f.write('#!/bin/sh\nexec "%s/yantra" "$@"\n' % os.environ["YANTRA_ROOT"])
    os.chmod(os.path.join(cwd, "yantra"), 0o755)
    # and the rest of the checkout is linked beside it (`cert status` reads cert/ and hashes the sources it covers),
    # so the scratch directory reads as a checkout while s.csv and DIR land in it, not in the repository
    root = os.environ["YANTRA_ROOT"]
    for entry in os.listdir(root):
        if entry not in ("yantra", ".git", "s.csv", "DIR") and not entry.startswith("data"):
            os.symlink(os.path.join(root, entry), os.path.join(cwd, entry))
    fills = Fills(cwd)
    passed = failed = skipped = 0
    for c in commands:
        code, pattern, how = EXPECT[c]
        if how and how.startswith("skip:"):
            print("SKIP  %s  (%s)" % (c, how[5:].strip()))
            skipped += 1
            continue
        actual = how.format_map(fills) if how else c
        started = time.time()
        rc, out, err = run(actual, cwd)
        # a short command logs warnings and errors only: an INFO or DEBUG line on its stderr is noise: the launcher sets WARN for them
        noise = [l for l in err.splitlines() if re.search(r'"level":"(INFO|DEBUG)"|^\S+ +(INFO|DEBUG) ', l)]
        ok = rc == code and re.search(pattern, out, re.M) is not None and not noise
        print("%s  %s  (exit %d, %.1f s)%s" % ("PASS" if ok else "FAIL", c, rc, time.time() - started,
                                            "" if actual == c else "  ran: " + actual))
        if ok:
            passed += 1
        else:
            failed += 1
            print("      expected exit %d and output matching %r, and no INFO/DEBUG log line on stderr" % (code, pattern))
            for line in (out + err).strip().splitlines()[-15:]:
                print("      | " + line)
    if any(c.endswith("> s.csv") for c in commands):
        rows = open(os.path.join(cwd, "s.csv"), encoding="utf-8").read().strip().splitlines()
        if len(rows) < 2:
            print("FAIL  the exported s.csv has no data rows after the demo's bets")
            failed += 1
    print("readme-tour: %d commands passed, %d failed, %d not run" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
