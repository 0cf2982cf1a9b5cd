package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/goissu/goissu/fixtures/sim/model"
	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/suites/harness"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmptyShardPasses: README's CI examples shard over four runners, and
// a shard that drew none of a small testbed's devices failed its job with
// "no devices in shard", failing the pipeline. It now skips its tests,
// exits 0 and leaves a run directory that merges as nothing.
func TestEmptyShardPasses(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the suites as a subprocess against the lab")
	}
	sc, err := model.LoadScenario("clean-issu")
	require.NoError(t, err)
	const n = 16
	k := 0
	for i := 1; i <= n && k == 0; i++ {
		empty := true
		for _, d := range sc.LabDevices() {
			if (harness.Shard{K: i, N: n}).Has(d.Name) {
				empty = false
			}
		}
		if empty {
			k = i
		}
	}
	require.NotZero(t, k, "every one of %d shards holds a lab device", n)
	shard := harness.Shard{K: k, N: n}.String()

	o := runSuites(t, "e2e-shard", "-shard", shard)
	require.Equal(t, 0, o.exit, "an empty shard must pass\n%s", tail(o.output))
	for _, name := range []string{"TestPrecheck", "TestMonitor", "TestPostcheck", "TestReport"} {
		if assert.True(t, o.skipped(name), "%s must be skipped\n%s", name, tail(o.output)) {
			assert.Contains(t, o.cases[name].Skipped.Message, "no devices in shard "+shard)
		}
	}
	shardDir := filepath.Join(filepath.Dir(o.runDir), fmt.Sprintf("e2e-shard.shard-%d-of-%d", k, n))
	b, err := os.ReadFile(filepath.Join(shardDir, "run.json"))
	require.NoError(t, err, "the empty shard records itself")
	var info issu.RunInfo
	require.NoError(t, json.Unmarshal(b, &info))
	assert.Empty(t, info.Devices)
	assert.Equal(t, shard, info.Flags["shard"])
	assert.FileExists(t, filepath.Join(shardDir, issu.PolicyFile))

	// Merged with a shard that ran, it adds nothing and takes nothing away.
	dst := filepath.Join(t.TempDir(), "e2e-shard")
	require.NoError(t, issu.MergeRuns(dst, []string{shardDir}))
	merged, err := issu.LoadRun(dst)
	require.NoError(t, err)
	mi, err := merged.ReadRunInfo()
	require.NoError(t, err)
	assert.Empty(t, mi.Devices)
}
