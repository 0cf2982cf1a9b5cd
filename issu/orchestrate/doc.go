// Package orchestrate runs an ISSU on devices itself, as a separate,
// auditable step behind explicit gates: writes enabled for the run, an
// approval token equal to the run id, a passed pre phase on disk for the
// device and the target image on its boot device. It answers the
// platform's install dialog (NX-OS install all, IOS-XE install add /
// activate issu / commit), streams the console to
// results/<run-id>/orchestrate/<device>.log, rides through the
// switchover by reconnecting and follows the install to its end.
//
// Rollout upgrades canary waves in order: a wave's devices are installed
// concurrently, monitored, post-checked and decided before the next wave
// starts, and a wave that is not PROCEED stops the rollout. goissu never
// runs a rollback itself: a ROLLBACK verdict stops the rollout and lists
// the recommended commands.
package orchestrate
