package dev.yantra.ops;

/** The RNG version this build runs, for build_info; the fairness module owns the algorithm. */
final class RngVersion {
    static final String CURRENT = "ketapola-rng-v1";

    private RngVersion() {
    }
}
