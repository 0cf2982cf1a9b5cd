// Package scaletest checks that a parser's memory grows linearly with its
// input. Time cannot be asserted in a test (the Large benchmarks show it,
// 1k against 10k rows), so this checks what can be counted exactly: the
// allocations and the bytes allocated for an input of n rows against one
// of 10n. A parser that copies what it has built for each row, or keeps
// per-row state that grows with the table, shows a ratio near 100, not 10.
package scaletest

import (
	"fmt"
	"runtime"
	"slices"
	"testing"

	"github.com/goissu/goissu/parsers/internal/core"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// T is what Measure and Linear need of a *testing.T.
type T interface {
	require.TestingT
	Helper()
	Logf(format string, args ...any)
}

// Cost is what one parse allocated.
type Cost struct {
	Allocs, Bytes uint64
}

// Measure parses text once to warm up, then once more counting what that
// parse allocated. The test must not run in parallel with others.
func Measure(t T, text string, parse func(string) error) Cost {
	t.Helper()
	require.NoError(t, parse(text), "warm-up parse")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := parse(text)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	return Cost{Allocs: after.Mallocs - before.Mallocs, Bytes: after.TotalAlloc - before.TotalAlloc}
}

// Linear checks that gen(10n) costs about ten times what gen(n) does:
// allocations at most 11× plus 64 (a parser that allocates a few blocks
// may take a few more for a larger table, and the runtime's count moves
// by a few between runs), bytes at most 20× plus 64 KiB (slices that
// double may sit just under a doubling at n and just over one at 10n).
func Linear(t T, gen func(n int) string, n int, parse func(string) error) {
	t.Helper()
	small := Measure(t, gen(n), parse)
	large := Measure(t, gen(10*n), parse)
	require.NotZero(t, small.Allocs, "the small input allocated nothing: nothing was parsed")
	t.Logf("n=%d: %d allocs, %d B; n=%d: %d allocs, %d B (×%.1f, ×%.1f)", n, small.Allocs, small.Bytes,
		10*n, large.Allocs, large.Bytes, float64(large.Allocs)/float64(small.Allocs), float64(large.Bytes)/float64(small.Bytes))
	assert.LessOrEqual(t, large.Allocs, 11*small.Allocs+64, "allocations for 10× the rows")
	assert.LessOrEqual(t, large.Bytes, 20*small.Bytes+64<<10, "bytes allocated for 10× the rows")
}

// Entry returns a parse function for Linear that runs a registry entry
// without parameters and fails if it left any line not understood, so a
// generator that drifts from the format cannot pass as cheap.
func Entry(e core.Entry) func(string) error {
	return func(text string) error {
		_, unparsed, err := e.Parse(text, nil)
		if err == nil && len(unparsed) > 0 {
			err = fmt.Errorf("%s: %d lines not understood, first %q", e.Class, len(unparsed), unparsed[0])
		}
		return err
	}
}

// Case is one large input: the registry class that parses it, the input's
// generator and the smaller of the two row counts compared.
type Case struct {
	Class string
	Gen   func(n int) string
	N     int
}

// Run checks each case with Linear, finding its parser among entries.
func Run(t *testing.T, entries []core.Entry, cases []Case) {
	for _, c := range cases {
		t.Run(c.Class, func(t *testing.T) {
			i := slices.IndexFunc(entries, func(e core.Entry) bool { return e.Class == c.Class })
			require.GreaterOrEqual(t, i, 0, "no entry for class %s", c.Class)
			Linear(t, c.Gen, c.N, Entry(entries[i]))
		})
	}
}
