package issu

import (
	"context"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gcPercent reads the current setting (SetGCPercent is the only reader).
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestRaiseGCPercent(t *testing.T) {
	orig := gcPercent()
	t.Cleanup(func() { debug.SetGCPercent(orig) })
	cases := []struct {
		name         string
		env          string // GOGC in the environment
		start        int
		during       int
		nestedRaises int
	}{
		{name: "default raised", start: 100, during: snapshotGCPercent},
		{name: "lower raised", start: 50, during: snapshotGCPercent},
		{name: "higher kept", start: 800, during: 800},
		{name: "off kept", start: -1, during: -1},
		{name: "environment wins", env: "100", start: 100, during: 100},
		{name: "concurrent snapshots restore once, at the last", start: 100, during: snapshotGCPercent, nestedRaises: 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.env)
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
