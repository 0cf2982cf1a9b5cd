// Package issu is goissu's ISSU domain: per-OS command profiles, snapshots of
// many devices collected concurrently into the run's artifact store
// (results/<run-id>/), check results and findings with their evidence, the
// verdict (PROCEED, ROLLBACK or INVESTIGATE, with rollback commands that
// goissu never runs itself) and the run's report.json and summary.txt.
//
// Every phase reads and writes the artifact store only, so the pre phase,
// the monitor, the post phase and the report can run in separate processes
// (or CI jobs) and the report can be rebuilt from disk.
package issu
