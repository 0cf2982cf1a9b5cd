package issu

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gcPercent reads the current setting (SetGCPercent is the only reader).
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// pinHeapLive makes raiseGCPercent see live bytes marked by the last
// collection (and no stacks or globals), for the test.
func pinHeapLive(t *testing.T, live uint64) {
	orig := gcHeap
	gcHeap = func() (uint64, uint64) { return live, 0 }
	t.Cleanup(func() { gcHeap = orig })
}

func TestSnapshotPercent(t *testing.T) {
	cases := []struct {
		live, roots uint64
		want        int
	}{
		{0, 0, maxSnapshotGCPercent},               // no collection yet: the cap
		{1 << 20, 0, maxSnapshotGCPercent},         // 1 MiB: the floor would need more than the cap
		{32 << 20, 0, 3200},                        // 32 MiB grows to 1 GiB
		{16 << 20, 16 << 20, 3200},                 // stacks and globals count: 32 MiB scanned
		{21 << 20, 48 << 20, 1484},                 // 2000 goroutines' stacks: the goal stays near 1 GiB
		{128 << 20, 0, 800},                        // 9x is 1 GiB
		{256 << 20, 0, snapshotGCPercent},          // the floor is reached at 4x: 400 stays
		{4 << 30, 0, snapshotGCPercent},            // a big heap: 400
		{1<<64 - 1, 0, snapshotGCPercent},          // no overflow
		{1<<64 - 1, 1 << 20, maxSnapshotGCPercent}, // live + roots overflows: the cap
		{snapshotHeapFloor / 50, 0, 5000},          // exactly the cap
		{snapshotHeapFloor/20 + 1, 0, 1999},        // rounded down: never past the floor
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.live, "+", tc.roots), func(t *testing.T) {
			got := snapshotPercent(tc.live, tc.roots)
			assert.Equal(t, tc.want, got)
			if base := tc.live + tc.roots; base >= tc.live && got > snapshotGCPercent && got < maxSnapshotGCPercent {
				// The runtime's goal: live + (live + roots) x GOGC/100.
				assert.LessOrEqual(t, base*uint64(got)/100, uint64(snapshotHeapFloor), "the first goal stays within the floor")
			}
		})
	}
}

// TestSnapshotGCDropsAfterACollection: once a collection has run during
// the snapshot, GOGC falls back to snapshotGCPercent (or the user's, if
// higher), and the end of the snapshot restores the user's.
func TestSnapshotGCDropsAfterACollection(t *testing.T) {
	orig := gcPercent()
	t.Cleanup(func() { debug.SetGCPercent(orig) })
	t.Setenv("GOGC", "")
	for _, start := range []int{100, 800} {
		pinHeapLive(t, 32<<20)
		debug.SetGCPercent(start)
		restore := raiseGCPercent()
		require.Equal(t, 3200, gcPercent())
		want := max(start, snapshotGCPercent)
		deadline := time.Now().Add(10 * time.Second)
		for gcPercent() != want && time.Now().Before(deadline) {
			runtime.GC() // the sentinel's cleanup runs after a collection, in its own goroutine
			runtime.Gosched()
		}
		assert.Equal(t, want, gcPercent(), "after a collection, from GOGC=%d", start)
		restore()
		assert.Equal(t, start, gcPercent())
	}
}

func TestRaiseGCPercent(t *testing.T) {
	orig := gcPercent()
	t.Cleanup(func() { debug.SetGCPercent(orig) })
	cases := []struct {
		name         string
		env          string // GOGC in the environment
		live         uint64 // marked by the last collection
		start        int
		during       int
		nestedRaises int
	}{
		{name: "default raised", live: 1 << 30, start: 100, during: snapshotGCPercent},
		{name: "small heap raised to the floor", live: 64 << 20, start: 100, during: 1600},
		{name: "lower raised", live: 1 << 30, start: 50, during: snapshotGCPercent},
		{name: "higher kept", live: 1 << 30, start: 800, during: 800},
		{name: "higher but below the floor raised", live: 64 << 20, start: 800, during: 1600},
		{name: "off kept", live: 64 << 20, start: -1, during: -1},
		{name: "environment wins", env: "100", live: 64 << 20, start: 100, during: 100},
		{name: "concurrent snapshots restore once, at the last", live: 1 << 30, start: 100, during: snapshotGCPercent, nestedRaises: 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.env)
			pinHeapLive(t, tc.live)
			debug.SetGCPercent(tc.start)
			restore := raiseGCPercent()
			assert.Equal(t, tc.during, gcPercent())
			var others []func()
			for range tc.nestedRaises {
				others = append(others, raiseGCPercent())
			}
			restore()
			restore() // a second call is a no-op
			for _, r := range others {
				assert.Equal(t, tc.during, gcPercent(), "restored while a snapshot still runs")
				r()
			}
			require.Equal(t, tc.start, gcPercent())
		})
	}
}

// gcProbe is a target that records the collector's setting while the
// snapshot runs its commands.
type gcProbe struct {
	fakeTarget
	seen []int
}

func (g *gcProbe) Execute(ctx context.Context, cmd string) (string, error) {
	g.seen = append(g.seen, gcPercent())
	return g.fakeTarget.Execute(ctx, cmd)
}

func TestTakeSnapshotScopesGCPercent(t *testing.T) {
	orig := gcPercent()
	t.Cleanup(func() { debug.SetGCPercent(orig) })
	t.Setenv("GOGC", "")
	pinHeapLive(t, 1<<30)
	debug.SetGCPercent(100)
	run, err := OpenRun(t.TempDir(), "r")
	require.NoError(t, err)
	probe := &gcProbe{fakeTarget: fakeTarget{name: "A", os: "nxos"}}
	_, err = TakeSnapshot(context.Background(), []Target{probe}, Pre, SnapshotOptions{Run: run})
	require.NoError(t, err)
	require.NotEmpty(t, probe.seen)
	for _, p := range probe.seen {
		assert.Equal(t, snapshotGCPercent, p)
	}
	assert.Equal(t, 100, gcPercent(), "restored when the snapshot ended")
}
