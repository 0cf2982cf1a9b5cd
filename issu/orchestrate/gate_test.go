package orchestrate

import (
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openTestRun(t *testing.T) (*issu.Run, error) {
	t.Helper()
	return issu.OpenRun(t.TempDir(), "chg-4711")
}

func TestCheckApproval(t *testing.T) {
	cases := []struct {
		name string
		a    Approval
		want error
	}{
		{"approved", Approval{Execute: true, Token: "chg-4711"}, nil},
		{"writes not enabled", Approval{Token: "chg-4711"}, ErrNotExecuting},
		{"no token", Approval{Execute: true}, ErrNotApproved},
		{"token of another change", Approval{Execute: true, Token: "chg-4712"}, ErrNotApproved},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckApproval("chg-4711", c.a)
			if c.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, c.want)
		})
	}
}

func TestCheckPrePassed(t *testing.T) {
	cases := []struct {
		name    string
		results []issu.CheckResult
		want    error
		msg     string
	}{
		{"passed with skips", []issu.CheckResult{{Check: "cpu_headroom", Device: "A", Status: issu.StatusPass}, {Check: "environment", Device: "A", Status: issu.StatusSkipped}}, nil, ""},
		{"no pre phase", nil, ErrPreNotPassed, "run TestPrecheck first"},
		{"other device only", []issu.CheckResult{{Check: "cpu_headroom", Device: "B", Status: issu.StatusPass}}, ErrPreNotPassed, "no results for this device"},
		{"failed check", []issu.CheckResult{{Check: "redundancy_sso", Device: "A", Status: issu.StatusFail}}, ErrPreNotPassed, "redundancy_sso (fail)"},
		{"errored check", []issu.CheckResult{{Check: "bgp_established", Device: "A", Status: issu.StatusError}}, ErrPreNotPassed, "bgp_established (error)"},
		// A user's check of the whole run (device "") gates every device.
		{"failed check of the run", []issu.CheckResult{{Check: "cpu_headroom", Device: "A", Status: issu.StatusPass}, {Check: "custom.TestChangeWindow", Status: issu.StatusFail}}, ErrPreNotPassed, "custom.TestChangeWindow for the run (fail)"},
		{"passed check of the run", []issu.CheckResult{{Check: "cpu_headroom", Device: "A", Status: issu.StatusPass}, {Check: "custom.TestChangeWindow", Status: issu.StatusPass}}, nil, ""},
		{"only a check of the run", []issu.CheckResult{{Check: "custom.TestChangeWindow", Status: issu.StatusPass}}, ErrPreNotPassed, "no results for this device"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run, err := openTestRun(t)
			require.NoError(t, err)
			if c.results != nil {
				for i := range c.results {
					c.results[i].Phase = issu.Pre
				}
				require.NoError(t, run.WriteCheckResults(issu.Pre, c.results))
			}
			err = CheckPrePassed(run.Dir, "A")
			if c.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, c.want)
			assert.Contains(t, err.Error(), c.msg)
		})
	}
}

func TestListsFileAndImpact(t *testing.T) {
	listing := "   1887437312    Jan 01 00:00:00 2024  nxos64-cs.10.4.3.F.bin\n       4096    Jan 01 00:00:00 2024  scripts/\n"
	assert.True(t, listsFile(listing, "nxos64-cs.10.4.3.F.bin"))
	assert.False(t, listsFile(listing, "nxos64-cs.10.4.3.F"), "a prefix of a listed file is not the file")
	assert.False(t, listsFile(listing, "10.4.3.F.bin"), "a suffix of a listed file is not the file")
	assert.True(t, listsFile("7  -rw-  1024 Jan 1 2024 00:00:00 +00:00  asr.bin\r\n", "asr.bin"))

	nd := "Compatibility check is done:\nModule  bootable          Impact  Install-type  Reason\n     1       yes  non-disruptive          none\n"
	dis := nd + "     2       yes      disruptive         reset  Incompatible image\n"
	assert.False(t, IsDisruptive(nd))
	assert.True(t, IsDisruptive(dis))
	assert.True(t, IsDisruptive(nd+"Switch will be reloaded for disruptive upgrade.\n"))
	assert.False(t, IsDisruptive("disruptive before the table\n"))
}
