//go:build race

package issu_test

// raceEnabled trims the lab scenario tables: SSH crypto under the race
// detector makes each simulated ISSU take about a minute.
const raceEnabled = true
