package dev.yantra.fairness.cli;

import dev.yantra.cli.ExitCodes;
import dev.yantra.fairness.CertAttestation;
import dev.yantra.fairness.CertAttestation.ScopeStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yantra cert status}: what cert/ATTEST attests per scope, the build hash, and what changed since. */
@Command(name = "status", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {"Show the certification attestations (cert/ATTEST) per scope and any unattested change."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every scope attested", "1:a file changed/appeared/disappeared without attestation",
                "64:no cert/ATTEST found or it is malformed", "70:internal error"})
public class CertStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repo-root", paramLabel = "DIR",
            description = "Repository root holding cert/ATTEST (default: nearest parent of the working directory).")
    Path repoRoot;

    @Option(names = "--json", description = "Print one JSON document instead of a table.")
    boolean json;

    private Supplier<String> buildHash = () -> dev.yantra.ops.BuildInfo.current().buildHash();

    /** The server wires its build hash in here (the build knows it, this module does not). */
    public CertStatusCommand withBuildHash(Supplier<String> buildHash) {
        this.buildHash = Objects.requireNonNull(buildHash, "buildHash");
        return this;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> root = repoRoot != null ? Optional.of(repoRoot) : CertAttestation.findRepoRoot(Path.of(""));
        if (root.isEmpty() || !Files.isRegularFile(root.get().resolve(CertAttestation.DEFAULT_PATH))) {
            err.println("yantra cert status: no " + CertAttestation.DEFAULT_PATH + " found"
                    + (repoRoot != null ? " under " + repoRoot : " in the working directory or its parents")
                    + "; pass --repo-root");
            return ExitCodes.USAGE;
        }
        CertAttestation attest;
        CertAttestation.Status status;
        try {
            attest = CertAttestation.read(root.get().resolve(CertAttestation.DEFAULT_PATH));
            status = attest.check(root.get());
        } catch (IllegalArgumentException e) {
            err.println("yantra cert status: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            err.println("yantra cert status: internal error: " + e);
            return ExitCodes.INTERNAL;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(attest, status) + "\n" : table(attest, status));
        out.flush();
        return status.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private String table(CertAttestation attest, CertAttestation.Status status) {
        StringBuilder sb = new StringBuilder();
        sb.append("build hash:      ").append(buildHash.get()).append('\n');
        sb.append("attested digest: ").append(attest.attestedDigest()).append("\n\n");
        sb.append(String.format("%-20s %6s %-10s %-10s %-16s %s%n", "scope", "files", "hashed", "attested", "reviewer", "status"));
        for (ScopeStatus s : status.scopes()) {
            sb.append(String.format("%-20s %6d %-10s %-10s %-16s %s%n", s.scope(), s.attestedFiles(),
                    s.hashedOn() == null ? "-" : s.hashedOn(),
                    s.latest().map(a -> a.date().toString()).orElse("-"),
                    s.latest().map(CertAttestation.Attestation::reviewer).orElse("-"),
                    s.ok() ? "OK" : "NOT ATTESTED (" + s.problems().size() + ")"));
        }
        if (!status.ok()) {
            sb.append("\nchanges without attestation:\n");
            status.problems().forEach(p -> sb.append("  ").append(p).append('\n'));
        }
        return sb.toString();
    }

    private String toJson(CertAttestation attest, CertAttestation.Status status) {
        StringBuilder sb = new StringBuilder("{\"buildHash\":").append(Json.string(buildHash.get()))
                .append(",\"attestedDigest\":\"").append(attest.attestedDigest())
                .append("\",\"ok\":").append(status.ok()).append(",\"scopes\":[");
        for (int i = 0; i < status.scopes().size(); i++) {
            ScopeStatus s = status.scopes().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"scope\":").append(Json.string(s.scope()))
                    .append(",\"attestedFiles\":").append(s.attestedFiles())
                    .append(",\"hashedOn\":").append(s.hashedOn() == null ? "null" : Json.string(s.hashedOn().toString()))
                    .append(",\"attestation\":").append(s.latest().map(a -> "{\"reviewer\":" + Json.string(a.reviewer())
                            + ",\"date\":\"" + a.date() + "\",\"justification\":" + Json.string(a.justification()) + "}")
                            .orElse("null"))
                    .append(",\"ok\":").append(s.ok()).append('}');
        }
        sb.append("],\"problems\":[");
        for (int i = 0; i < status.problems().size(); i++) {
            sb.append(i == 0 ? "" : ",").append(Json.string(status.problems().get(i)));
        }
        return sb.append("]}").toString();
    }
}
