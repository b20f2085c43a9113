/**
 * The architecture test: the package rules of docs/ARCHITECTURE.md checked on the compiled main classes, with
 * fixtures that break each rule on purpose to prove it can fail.
 */
package dev.yantra.architecture;
