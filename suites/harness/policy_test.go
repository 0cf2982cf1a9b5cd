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
// policy, and a different -policy is refused.
func TestAdoptRecordedPolicy(t *testing.T) {
	withLimit := func(s float64) *policy.Policy {
		p := policy.Default()
		p.Outage.MaxNeighborSeconds = s
		return p
	}
	cases := []struct {
		name      string
		recorded  *policy.Policy // nil: first phase of the run
		flag      string         // -policy
		pol       *policy.Policy // this process's policy
		wantLimit float64        // the Env's and the record's afterwards
		err       error
	}{
		{"first phase records its policy", nil, "", withLimit(90), 90, nil},
		{"later phase without -policy takes the recorded one", withLimit(777), "", withLimit(90), 777, nil},
		{"later phase with the same -policy", withLimit(777), "p.yaml", withLimit(777), 777, nil},
		{"later phase with another -policy is refused", withLimit(777), "p.yaml", withLimit(90), 777, ErrPolicyChanged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run, err := issu.OpenRun(t.TempDir(), "r1")
			require.NoError(t, err)
			if c.recorded != nil {
				require.NoError(t, run.WritePolicy(c.recorded))
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
			_, statErr := os.Stat(filepath.Join(run.Dir, issu.PolicyFile))
			require.NoError(t, statErr)
			rec, err := run.ReadPolicy()
			require.NoError(t, err)
			assert.Equal(t, c.wantLimit, rec.Outage.MaxNeighborSeconds, "the record")
		})
	}
}
