package suites

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/suites/harness"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/stretchr/testify/suite"
)

// panicSuite's custom checks panic. It runs only in a child process
// (TestCustomCheckPanics), since its tests fail.
type panicSuite struct {
	phaseSuite
	runDir string
}

func (s *panicSuite) SetupSuite() { s.setupTestRun(s.runDir, "panics", "A", "B") }

func (s *panicSuite) TestCustomPanicsWholeRun() { panic("the check itself is broken") }

func (s *panicSuite) TestCustomPanicsInDevice() {
	for _, dev := range s.env.Names {
		s.Run(harness.TestName(dev), func() {
			if dev == "A" {
				panic("nil map on A")
			}
			s.True(true)
		})
	}
}

const panicSuiteEnv = "GOISSU_TEST_PANIC_SUITE"

// TestCustomCheckPanicSuite is the child: it runs panicSuite in the
// directory the parent names.
func TestCustomCheckPanicSuite(t *testing.T) {
	dir := os.Getenv(panicSuiteEnv)
	if dir == "" {
		t.Skip("skipped: runs only as TestCustomCheckPanics' child process")
	}
	suite.Run(t, &panicSuite{runDir: dir})
}

// TestCustomCheckPanics: testify calls AfterTest and TearDownSubTest
// before it fails a test that panicked, so a panicking custom check was
// recorded as a pass (a broken pre-check left the gate open). It is a
// failure now, on the device whose sub-test panicked.
func TestCustomCheckPanics(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run", "^TestCustomCheckPanicSuite$", "-test.count", "1")
	cmd.Env = append(os.Environ(), panicSuiteEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the child's tests panic, so it must fail:\n%s", out)
	rs, err := issu.LoadCheckResults(filepath.Join(dir, "panics"), issu.Pre)
	require.NoError(t, err, "%s", out)
	got := map[string]issu.Status{}
	for _, r := range rs {
		got[r.Check+" "+r.Device] = r.Status
	}
	cases := []struct {
		key  string
		want issu.Status
	}{
		{"custom.TestCustomPanicsWholeRun ", issu.StatusFail},
		{"custom.TestCustomPanicsInDevice A", issu.StatusFail},
		{"custom.TestCustomPanicsInDevice B", issu.StatusPass},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			s, ok := got[c.key]
			require.True(t, ok, "%s not recorded: %v", c.key, rs)
			assert.Equal(t, c.want, s)
		})
	}
}
