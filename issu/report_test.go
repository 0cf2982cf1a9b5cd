package issu

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu/policy"
)

// copyRun copies testdata/runs/<name> to a temporary results directory so
// Write does not touch the testdata.
func copyRun(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("testdata", "runs", name)
	dst := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	require.NoError(t, err)
	return dst
}

func reasonTexts(v Verdict) string {
	var s []string
	for _, r := range v.Reasons {
		s = append(s, r.Effect+" "+r.Device+" "+r.Text+" ["+r.Evidence+"]")
	}
	return strings.Join(s, "\n")
}

func TestBuildReportRollback(t *testing.T) {
	dir := copyRun(t, "chg-rollback")
	rep, err := BuildReport(dir, policy.Default())
	require.NoError(t, err)

	assert.Equal(t, ReportSchemaVersion, rep.SchemaVersion)
	assert.Equal(t, "chg-rollback", rep.RunID)
	require.NotNil(t, rep.Run)
	assert.Equal(t, Rollback, rep.Verdict.Decision)
	assert.Equal(t, GateOpen, rep.Verdict.Gate)
	texts := reasonTexts(rep.Verdict)
	assert.Contains(t, texts, "ROLLBACK CHASSIS_A monitor: crash on CHASSIS_A")
	assert.Contains(t, texts, "bgp 10.1.1.6 (vrf default) down since 10:11:56, never recovered")
	assert.Contains(t, texts, "post-check bgp_restored failed: BGP neighbor 10.1.1.6 (vrf default) established before is Idle [post/CHASSIS_A/bgp_summary.json#vrf.default.neighbor.10.1.1.6]")
	assert.Contains(t, texts, "INVESTIGATE FW1 pre-check redundancy_sso blocked")
	assert.Contains(t, texts, "CPU 93%")
	assert.Equal(t, []string{"install all nxos bootflash:nxos64-cs.10.2.3.F.bin"}, rep.Verdict.Rollback["CHASSIS_A"])
	assert.NotContains(t, rep.Verdict.Rollback, "CHASSIS_B", "no rollback reason for B")

	require.Len(t, rep.Devices, 3)
	a := rep.Devices[0]
	assert.Equal(t, "CHASSIS_A", a.Name)
	assert.Equal(t, "nxos", a.OS)
	assert.Equal(t, "10.2(3)", a.PreVersion)
	assert.Equal(t, "10.4(3)", a.PostVersion)
	assert.Equal(t, "success", a.Install)
	assert.Equal(t, Rollback, a.Decision)
	assert.Equal(t, map[Status]int{StatusPass: 2}, a.Phases["pre"])
	assert.Equal(t, map[Status]int{StatusPass: 1, StatusFail: 1}, a.Phases["post"])
	assert.Equal(t, "17.9.4a", rep.Devices[1].PostVersion)
	assert.Equal(t, Investigate, rep.Devices[1].Decision, "cpu spike")
	assert.Equal(t, "panos", rep.Devices[2].OS)

	assert.Equal(t, 4, rep.Counts["pre"][StatusPass])
	assert.Equal(t, 1, rep.Counts["pre"][StatusBlocked])
	assert.Equal(t, 1, rep.Counts["pre"][StatusSkipped])
	assert.Equal(t, 1, rep.Counts["post"][StatusFail])
	assert.Equal(t, 1, rep.FindingsBySeverity[SevError])
	assert.Equal(t, 1, rep.FindingsBySeverity[SevCritical], "monitor-phase check finding")
	assert.Equal(t, map[Status]int{StatusPass: 1, StatusFail: 1, StatusError: 0, StatusBlocked: 0, StatusSkipped: 0}, rep.Counts["monitor"])

	require.NotNil(t, rep.Monitor)
	assert.Equal(t, "stable", rep.Monitor.StopReason)
	assert.Equal(t, 4, rep.Monitor.Samples)
	assert.Equal(t, 1, rep.Monitor.EventsByKind["crash"])
	require.Len(t, rep.Outages, 2)
	for _, o := range rep.Outages {
		switch o.Kind {
		case "mgmt":
			assert.True(t, o.Recovered)
			assert.InDelta(t, 49, o.Seconds, 0.01)
			assert.True(t, o.WithinPolicy)
		case "bgp":
			assert.False(t, o.Recovered)
			assert.False(t, o.WithinPolicy)
		}
	}

	// Diffs computed from the snapshots for devices with both phases.
	require.Len(t, rep.Diffs, 2)
	assert.Equal(t, "CHASSIS_A", rep.Diffs[0].Device)
	assert.Equal(t, "diff/CHASSIS_A.config.diff", rep.Diffs[0].ConfigDiff)
	assert.Greater(t, rep.Diffs[0].Changes, 0, "version changed")
	assert.Greater(t, rep.Diffs[0].ConfigLines, 0)

	require.NoError(t, rep.Write(dir))
	back, err := LoadReport(dir)
	require.NoError(t, err)
	assert.Equal(t, Rollback, back.Verdict.Decision)
	assert.Equal(t, rep.Verdict.Reasons, back.Verdict.Reasons)
	cfgDiff, err := os.ReadFile(filepath.Join(dir, "diff", "CHASSIS_A.config.diff"))
	require.NoError(t, err)
	assert.Contains(t, string(cfgDiff), "+logging level bgp 7")
	assert.FileExists(t, filepath.Join(dir, "diff", "CHASSIS_A.json"))

	sum, err := os.ReadFile(filepath.Join(dir, "summary.txt"))
	require.NoError(t, err)
	s := string(sum)
	assert.True(t, strings.HasPrefix(s, "goissu run chg-rollback: ROLLBACK (gate open)\n"), s)
	assert.Regexp(t, `CHASSIS_A\s+nxos\s+10\.2\(3\) -> 10\.4\(3\)\s+2/0/0/0/0\s+success 0/1/0/0/0\s+1/1/0/0/0\s+ROLLBACK`, s)
	assert.Regexp(t, `CHASSIS_A\s+bgp\s+10\.1\.1\.6\s+default\s+\d+\s+120\s+false\s+NO`, s)
	assert.Contains(t, s, "install all nxos bootflash:nxos64-cs.10.2.3.F.bin")
	assert.Contains(t, s, "goissu never runs these")

	// Rebuilding from the written artifacts (diff files now on disk) gives
	// the same decision and diff summary.
	again, err := BuildReport(dir, policy.Default())
	require.NoError(t, err)
	assert.Equal(t, rep.Verdict, again.Verdict)
	assert.Equal(t, rep.Diffs, again.Diffs)
}

func TestBuildReportGateClosed(t *testing.T) {
	dir := copyRun(t, "chg-gate")
	rep, err := BuildReport(dir, nil)
	require.NoError(t, err)
	assert.Equal(t, Investigate, rep.Verdict.Decision)
	assert.Equal(t, GateClosed, rep.Verdict.Gate)
	require.NotEmpty(t, rep.Verdict.Reasons)
	assert.Equal(t, "gate: pre-checks failed: do not upgrade", rep.Verdict.Reasons[0].Text)
	assert.Empty(t, rep.Verdict.Rollback)
	assert.Nil(t, rep.Monitor)
	assert.NotContains(t, rep.Counts, "post")
	require.Len(t, rep.Devices, 2)
	assert.Contains(t, rep.Devices[1].SnapshotErrors["pre"], "device unreachable")
	require.NoError(t, rep.Write(dir))
	sum, err := os.ReadFile(filepath.Join(dir, "summary.txt"))
	require.NoError(t, err)
	assert.Contains(t, string(sum), "PRE-CHECKS FAILED: DO NOT UPGRADE")
	assert.Contains(t, string(sum), "monitor not run")
	assert.Contains(t, string(sum), "(snapshot failed)")
}

func TestBuildReportClean(t *testing.T) {
	dir := copyRun(t, "chg-clean")
	v, err := DecideRun(dir, policy.Default())
	require.NoError(t, err)
	assert.Equal(t, Proceed, v.Decision, reasonTexts(v))
	rep, err := BuildReport(dir, policy.Default())
	require.NoError(t, err)
	assert.Equal(t, Proceed, rep.Verdict.Decision)
	require.Len(t, rep.Outages, 2)
	for _, o := range rep.Outages {
		assert.True(t, o.WithinPolicy, "%+v", o)
	}
	// A tighter policy turns the same evidence into a rollback.
	pol := policy.Default()
	pol.Outage.MaxNeighborSeconds = 5
	v, err = DecideRun(dir, pol)
	require.NoError(t, err)
	assert.Equal(t, Rollback, v.Decision)
	assert.Contains(t, reasonTexts(v), "bgp 10.1.1.2 (vrf default) outage 15s exceeds policy 5s")
}

func TestBuildReportErrors(t *testing.T) {
	_, err := BuildReport(filepath.Join(t.TempDir(), "missing"), nil)
	assert.Error(t, err)
	_, err = LoadReport(t.TempDir())
	assert.Error(t, err)
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "pre"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pre", "checks.json"), []byte("{not json"), 0o644))
	_, err = BuildReport(dir, nil)
	assert.Error(t, err, "corrupt checks.json is an error, not a silent gap")
}

// TestBuildReportUsesRecordedPolicy: `goissu report` rebuilt a lab run
// under the built-in policy, dropping the limits the run was judged by
// (the lab's outage slack), so a rebuilt verdict could differ from the
// run's own. A run now records its policy and a rebuild uses it.
func TestBuildReportUsesRecordedPolicy(t *testing.T) {
	tightYAML := neighborOutagePolicy(t, 5)
	cases := []struct {
		name     string
		recorded []byte         // policy.yaml; nil: none
		pol      *policy.Policy // passed to BuildReport
		want     string
		limit    float64 // neighbor outage limit in the report
		err      string
	}{
		{"nothing recorded: built-in policy", nil, nil, Proceed, policy.Default().Outage.MaxNeighborSeconds, ""},
		{"recorded policy judges the rebuild", tightYAML, nil, Rollback, 5, ""},
		{"a policy passed in wins", tightYAML, policy.Default(), Proceed, policy.Default().Outage.MaxNeighborSeconds, ""},
		{"damaged record is an error naming it", []byte("outage: {max_neighbor_seconds: -1}\n"), nil, "", 0, "policy.yaml:1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyRun(t, "chg-clean")
			if c.recorded != nil {
				require.NoError(t, os.WriteFile(filepath.Join(dir, PolicyFile), c.recorded, 0o644))
			}
			rep, err := BuildReport(dir, c.pol)
			if c.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, rep.Verdict.Decision, reasonTexts(rep.Verdict))
			var bgp int
			for _, o := range rep.Outages {
				if o.Kind == "bgp" {
					bgp++
					assert.Equal(t, c.limit, o.LimitSeconds, "%+v", o)
				}
			}
			assert.NotZero(t, bgp, "no bgp outage in the run")
		})
	}
}

// TestMergeRunsPolicy: the merged run carries the shards' policy, an empty
// shard (more CI shards than devices) merges as nothing, and shards that
// recorded different policies are refused.
func TestMergeRunsPolicy(t *testing.T) {
	tightYAML, otherYAML := neighborOutagePolicy(t, 5), neighborOutagePolicy(t, 6)
	emptyShard := func(t *testing.T, pol []byte) string {
		r, err := OpenRun(t.TempDir(), "chg.shard-1-of-4")
		require.NoError(t, err)
		require.NoError(t, r.WriteRunInfo(RunInfo{Flags: map[string]string{"shard": "1/4"}}))
		require.NoError(t, r.WriteFile(pol, PolicyFile))
		return r.Dir
	}
	cases := []struct {
		name      string
		shardPol  []byte
		emptyPol  []byte
		want      string
		err       string
		wantBytes []byte
	}{
		{"same policy, one shard empty", tightYAML, tightYAML, Rollback, "", tightYAML},
		{"same policy from paths that differ", append([]byte(policyOriginPrefix+"sha256:ab /runner1/p.yaml\n"), tightYAML...),
			append([]byte(policyOriginPrefix+"sha256:ab /runner2/p.yaml\n"), tightYAML...), Rollback, "", nil},
		{"different policies", tightYAML, otherYAML, "", "recorded different policies", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			shard := copyRun(t, "chg-clean")
			require.NoError(t, os.WriteFile(filepath.Join(shard, PolicyFile), c.shardPol, 0o644))
			empty := emptyShard(t, c.emptyPol)
			dst := filepath.Join(t.TempDir(), "chg")
			err := MergeRuns(dst, []string{empty, shard})
			if c.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.err)
				assert.Contains(t, err.Error(), empty)
				return
			}
			require.NoError(t, err)
			got, err := os.ReadFile(filepath.Join(dst, PolicyFile))
			require.NoError(t, err)
			if c.wantBytes != nil {
				assert.Equal(t, c.wantBytes, got)
			}
			rep, err := BuildReport(dst, nil)
			require.NoError(t, err)
			assert.Equal(t, c.want, rep.Verdict.Decision, reasonTexts(rep.Verdict))
			assert.NotEmpty(t, rep.Outages)
		})
	}
}

// neighborOutagePolicy is the built-in policy with a neighbor outage limit
// of seconds, as a recorded policy.yaml.
func neighborOutagePolicy(t *testing.T, seconds float64) []byte {
	t.Helper()
	p := policy.Default()
	p.Outage.MaxNeighborSeconds = seconds
	b, err := p.YAML()
	require.NoError(t, err)
	return b
}

// TestMergeRunWide: every shard records a user's check of the whole run
// (device ""), so a merge of three shards counted it three times. One
// result per check remains: the worst status, every distinct finding.
func TestMergeRunWide(t *testing.T) {
	const id = "custom.TestChangeWindow"
	f := func(msg string) Finding { return Finding{ID: id, Severity: SevError, Message: msg} }
	run := func(s Status, fs ...Finding) CheckResult {
		return CheckResult{Phase: Pre, Check: id, Status: s, Findings: fs}
	}
	dev := CheckResult{Phase: Pre, Check: "cpu_headroom", Device: "A", Status: StatusPass}
	cases := []struct {
		name string
		in   []CheckResult
		want []CheckResult
	}{
		{"one shard", []CheckResult{dev, run(StatusPass)}, []CheckResult{dev, run(StatusPass)}},
		{"three passes", []CheckResult{run(StatusPass), dev, run(StatusPass), run(StatusPass)}, []CheckResult{run(StatusPass), dev}},
		{"a failure wins, findings kept once", []CheckResult{run(StatusPass), run(StatusFail, f("window closed")), run(StatusError, f("window closed"), f("no clock"))},
			[]CheckResult{run(StatusFail, f("window closed"), f("no clock"))}},
		{"error over blocked", []CheckResult{run(StatusBlocked), run(StatusError)}, []CheckResult{run(StatusError)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := mergeRunWide(c.in)
			for i := range got {
				if len(got[i].Findings) == 0 {
					got[i].Findings = nil
				}
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// TestDecideRunUsesRecordedPolicy: DecideRun(dir, nil) judged by the
// built-in policy while BuildReport(dir, nil) used the recorded one.
func TestDecideRunUsesRecordedPolicy(t *testing.T) {
	dir := copyRun(t, "chg-clean")
	require.NoError(t, os.WriteFile(filepath.Join(dir, PolicyFile), neighborOutagePolicy(t, 5), 0o644))
	v, err := DecideRun(dir, nil)
	require.NoError(t, err)
	rep, err := BuildReport(dir, nil)
	require.NoError(t, err)
	assert.Equal(t, Rollback, v.Decision, reasonTexts(v))
	assert.Equal(t, rep.Verdict.Decision, v.Decision)
}
