//go:build !race

package issu_test

const raceEnabled = false
