package harness

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAdoptRecordedPolicy: every process of a run wrote its own policy
// over policy.yaml, so `make report` without -policy replaced the policy
// the monitor had been judged by. A later phase now takes the recorded
// policy; with the same -policy file it does too, even when this process
// would have added other lab slack (another -time-scale); another
// -policy file is refused.
func TestAdoptRecordedPolicy(t *testing.T) {
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	p777 := file("p777.yaml", "outage: {max_neighbor_seconds: 777}\n")
	other := file("other.yaml", "outage: {max_neighbor_seconds: 90}\n")
	withLimit := func(s float64) *policy.Policy {
		p := policy.Default()
		p.Outage.MaxNeighborSeconds = s
		return p
	}
	type record struct {
		pol    *policy.Policy
		origin string // the first phase's -policy ("" built-in)
	}
	cases := []struct {
		name      string
		recorded  *record // nil: first phase of the run
		flag      string  // -policy
		pol       *policy.Policy
		wantLimit float64 // the Env's and the record's afterwards
		err       error
	}{
		{"first phase records its policy", nil, "", withLimit(90), 90, nil},
		{"first phase with -policy records it", nil, p777, withLimit(1077), 1077, nil},
		{"later phase without -policy takes the recorded one", &record{withLimit(777), ""}, "", withLimit(90), 777, nil},
		{"later phase with the same -policy file takes the recorded one", &record{withLimit(1077), p777}, p777, withLimit(1377), 1077, nil},
		{"later phase with another -policy file is refused", &record{withLimit(1077), p777}, other, withLimit(90), 1077, ErrPolicyChanged},
		{"a -policy after a built-in start is refused", &record{withLimit(720), ""}, p777, withLimit(1077), 720, ErrPolicyChanged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run, err := issu.OpenRun(t.TempDir(), "r1")
			require.NoError(t, err)
			if c.recorded != nil {
				first := &Env{Run: run, Policy: c.recorded.pol, Flags: Flags{Policy: c.recorded.origin}}
				require.NoError(t, first.adoptRecordedPolicy())
			}
			e := &Env{Run: run, Policy: c.pol, Flags: Flags{Policy: c.flag}}
			err = e.adoptRecordedPolicy()
			if c.err != nil {
				require.ErrorIs(t, err, c.err)
				assert.Contains(t, err.Error(), filepath.Join(run.Dir, issu.PolicyFile))
			} else {
				require.NoError(t, err)
				assert.Equal(t, c.wantLimit, e.Policy.Outage.MaxNeighborSeconds, "the Env's policy")
			}
			rec, err := run.ReadPolicy()
			require.NoError(t, err)
			assert.Equal(t, c.wantLimit, rec.Outage.MaxNeighborSeconds, "the record")
		})
	}
}

// TestUpgradeBegun: the pre phase refused a new baseline only when
// run.json recorded a later phase, which a killed monitor or rollout never
// does; what they leave on disk counts too. A rollout refused at its gates
// (rollout.json, no rollout/) has not begun the upgrade.
func TestUpgradeBegun(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(t *testing.T, r *issu.Run)
		begun  bool
		saying string
	}{
		{"new run", func(*testing.T, *issu.Run) {}, false, ""},
		{"pre only", func(t *testing.T, r *issu.Run) {
			require.NoError(t, r.WriteRunInfo(issu.RunInfo{Phases: map[string]string{"pre": "2026-11-28T10:00:00Z"}}))
			require.NoError(t, r.WriteFile([]byte("{}"), "pre", "checks.json"))
		}, false, ""},
		{"monitor phase recorded", func(t *testing.T, r *issu.Run) {
			require.NoError(t, r.WriteRunInfo(issu.RunInfo{Phases: map[string]string{"monitor": "2026-11-28T10:05:00Z"}}))
		}, true, "its monitor phase ran at 2026-11-28T10:05:00Z"},
		{"killed monitor", func(t *testing.T, r *issu.Run) {
			require.NoError(t, r.WriteFile([]byte("{}\n"), "monitor", "timeline.jsonl"))
		}, true, "monitor/"},
		{"kept earlier monitor", func(t *testing.T, r *issu.Run) {
			require.NoError(t, r.WriteFile([]byte("{}\n"), "monitor.20261128T101419Z", "timeline.jsonl"))
		}, true, "monitor.20261128T101419Z"},
		{"killed rollout", func(t *testing.T, r *issu.Run) {
			require.NoError(t, r.WriteFile([]byte("{}\n"), "rollout", "wave-1", "monitor", "timeline.jsonl"))
		}, true, "rollout/"},
		{"post ran", func(t *testing.T, r *issu.Run) {
			require.NoError(t, r.WriteFile([]byte("{}"), "post", "checks.json"))
		}, true, "post/"},
		{"rollout refused at its gates", func(t *testing.T, r *issu.Run) {
			require.NoError(t, r.WriteFile([]byte("{}"), "rollout.json"))
		}, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run, err := issu.OpenRun(t.TempDir(), "r1")
			require.NoError(t, err)
			c.setup(t, run)
			how, begun := (&Env{Run: run}).UpgradeBegun()
			assert.Equal(t, c.begun, begun, how)
			assert.Contains(t, how, c.saying)
		})
	}
}
