// Package labtest holds the monitor's end-to-end test against the
// simulated lab (fixtures/sim) over real SSH sessions. It is a separate
// package so that the monitor's own tests build even while the lab or the
// SSH harness is being changed.
package labtest
