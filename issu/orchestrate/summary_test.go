package orchestrate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSummaryRoundTrip(t *testing.T) {
	run, err := openTestRun(t)
	require.NoError(t, err)
	res := &Result{RunID: run.ID, PlanSource: "groups", StopReason: "wave 1 stopped: verdict ROLLBACK", Waves: []WaveResult{
		{Number: 1, Devices: []string{"CHASSIS_A"}, Status: WaveStopped, Decision: "ROLLBACK", StopReason: "verdict ROLLBACK",
			Installs: []InstallResult{{Device: "CHASSIS_A", Status: InstallSuccess}},
			Rollback: map[string][]string{"CHASSIS_A": {"install all nxos bootflash:nxos64-cs.10.2.3.F.bin"}}},
		{Number: 2, Devices: []string{"CHASSIS_B", "EDGE1"}, Status: WaveNotRun, StopReason: "not run: wave 1 was stopped"},
	}}
	require.NoError(t, run.WriteJSON(res, RolloutFile))
	back, err := LoadRollout(run.Dir)
	require.NoError(t, err)
	assert.Equal(t, res.Waves, back.Waves)
	s := back.Summary()
	for _, want := range []string{
		"ROLLOUT STOPPED  run chg-4711",
		"wave 1  stopped  ROLLBACK    CHASSIS_A",
		"wave 2  not_run  -           CHASSIS_B, EDGE1",
		"why: not run: wave 1 was stopped",
		"recommended rollback of CHASSIS_A (not run by goissu): install all nxos bootflash:nxos64-cs.10.2.3.F.bin",
	} {
		assert.Contains(t, s, want)
	}
	_, err = LoadRollout(t.TempDir())
	assert.Error(t, err)
}
