package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCmd(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// copyDir copies a testdata run so verbs that write into it leave the
// repository untouched.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), filepath.Base(from))
	require.NoError(t, filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	}))
	return to
}

func TestVerbs(t *testing.T) {
	version := filepath.Join("..", "..", "fixtures", "outputs", "nxos", "show_version")
	entries, err := os.ReadDir(version)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	versionFile := filepath.Join(version, entries[0].Name())
	empty := filepath.Join(t.TempDir(), "empty.txt")
	require.NoError(t, os.WriteFile(empty, []byte("\n\n"), 0o644))

	cases := []struct {
		name       string
		args       []string
		code       int
		stdout     string
		stderr     string
		notStderr  string
		jsonStdout bool
	}{
		{name: "no args", args: nil, code: 2, stderr: "usage: goissu"},
		{name: "unknown verb", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "parse list", args: []string{"parse", "--list"}, code: 0, stdout: "show install all impact nxos {image}"},
		{name: "parse list unknown os", args: []string{"parse", "--list", "--os", "panos"}, code: 1, stderr: "no parsers for os"},
		{name: "parse show version", args: []string{"parse", "--os", "nxos", "--command", "show version", versionFile}, code: 0, stdout: `"platform"`, jsonStdout: true},
		{name: "parse abbreviated with unparsed", args: []string{"parse", "--os", "nxos", "--command", "sh ver", "--unparsed", versionFile}, code: 0, stderr: "# ShowVersion"},
		{name: "parse no parser", args: []string{"parse", "--os", "nxos", "--command", "show clock", versionFile}, code: 1, stderr: "no parser for nxos"},
		{name: "parse empty output", args: []string{"parse", "--os", "nxos", "--command", "show version", empty}, code: 1, stderr: "holds nothing to parse"},
		{name: "parse missing file", args: []string{"parse", "--os", "nxos", "--command", "show version", "/nonexistent/x.txt"}, code: 1, stderr: "read /nonexistent/x.txt"},
		{name: "parse missing flags", args: []string{"parse", versionFile}, code: 2, stderr: "--os and --command are required"},
		{name: "parse unknown os names the os and the supported ones", args: []string{"parse", "--os", "junos", "--command", "show version", versionFile}, code: 2,
			stderr: `unknown os "junos" (supported: iosxe, iosxr, nxos)`, notStderr: "no parser for"},
		{name: "parse os in upper case is known", args: []string{"parse", "--os", "NXOS", "--command", "show version", versionFile}, code: 0, notStderr: "unknown os"},
		{name: "parse unknown command on a known os", args: []string{"parse", "--os", "nxos", "--command", "show clock", versionFile}, code: 1,
			stderr: `no parser for nxos "show clock"`, notStderr: "unknown os"},
		// Flags may follow FILE, as people used to genie parse write them.
		{name: "parse --unparsed after FILE", args: []string{"parse", "--os", "nxos", "--command", "show version", versionFile, "--unparsed"}, code: 0,
			stdout: `"platform"`, stderr: "# ShowVersion"},
		{name: "parse every flag after FILE", args: []string{"parse", versionFile, "--os", "nxos", "--command", "show version"}, code: 0, stdout: `"platform"`},
		{name: "parse two files named in the error", args: []string{"parse", "--os", "nxos", "--command", "show version", versionFile, "other.txt"}, code: 2,
			stderr: "at most one input file, got 2: " + versionFile + " other.txt"},
		{name: "parse after -- a flag-like name is a file", args: []string{"parse", "--os", "nxos", "--command", "show version", "--", "--unparsed"}, code: 1,
			stderr: "read --unparsed"},
		{name: "report mapping", args: []string{"report", "--mapping"}, code: 0, stdout: `"@timestamp"`, jsonStdout: true},
		{name: "report missing dir", args: []string{"report", filepath.Join(t.TempDir(), "nope")}, code: 1, stderr: "goissu report:"},
		{name: "diff missing dir", args: []string{"diff", filepath.Join(t.TempDir(), "nope")}, code: 1, stderr: "goissu diff:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCmd(c.args...)
			assert.Equal(t, c.code, code, "stderr: %s", errOut)
			if c.stdout != "" {
				assert.Contains(t, out, c.stdout)
			}
			if c.stderr != "" {
				assert.Contains(t, errOut, c.stderr)
			}
			if c.notStderr != "" {
				assert.NotContains(t, errOut, c.notStderr)
			}
			if c.jsonStdout {
				var v map[string]any
				assert.NoError(t, json.Unmarshal([]byte(out), &v))
			}
		})
	}
}

func TestReportRebuildsFromArtifacts(t *testing.T) {
	for _, tc := range []struct {
		run, decision string
		strictCode    int
	}{
		{"chg-clean", "PROCEED", 0},
		{"chg-rollback", "ROLLBACK", 1},
	} {
		t.Run(tc.run, func(t *testing.T) {
			dir := copyDir(t, filepath.Join("..", "..", "issu", "testdata", "runs", tc.run))
			code, out, errOut := runCmd("report", dir)
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "Verdict: "+tc.decision)
			b, err := os.ReadFile(filepath.Join(dir, "report.json"))
			require.NoError(t, err)
			var rep struct {
				SchemaVersion int `json:"schema_version"`
				Verdict       struct {
					Decision string `json:"decision"`
				} `json:"verdict"`
			}
			require.NoError(t, json.Unmarshal(b, &rep))
			assert.Equal(t, 1, rep.SchemaVersion)
			assert.Equal(t, tc.decision, rep.Verdict.Decision)
			assert.FileExists(t, filepath.Join(dir, "summary.txt"))
			code, _, _ = runCmd("report", "--strict", dir)
			assert.Equal(t, tc.strictCode, code)
		})
	}
}

func TestDiffVerb(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "issu", "testdata", "runs", "chg-clean"))
	code, out, errOut := runCmd("diff", dir)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "== CHASSIS_A:")
	code, _, errOut = runCmd("diff", dir, "NOPE")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "NOPE: not in both")
}

func TestReportMergeShards(t *testing.T) {
	root := t.TempDir()
	a := copyDir(t, filepath.Join("..", "..", "issu", "testdata", "runs", "chg-clean"))
	code, out, errOut := runCmd("report", "--merge", filepath.Join(root, "merged"), a)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "CHASSIS_A")
	assert.Contains(t, errOut, "merged 1 shards")
	b := copyDir(t, filepath.Join("..", "..", "issu", "testdata", "runs", "chg-clean"))
	code, _, errOut = runCmd("report", "--merge", filepath.Join(root, "merged2"), a, b)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "is in both")
}

// TestReportVerbUsesRecordedPolicy: the rebuild judges a run by the
// policy.yaml it recorded unless --policy names another.
func TestReportVerbUsesRecordedPolicy(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "..", "issu", "testdata", "runs", "chg-clean"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte("outage: {max_neighbor_seconds: 5}\n"), 0o644))
	loose := filepath.Join(t.TempDir(), "loose.yaml")
	require.NoError(t, os.WriteFile(loose, []byte("outage: {max_neighbor_seconds: 600}\n"), 0o644))
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"recorded policy", []string{"report", dir}, "Verdict: ROLLBACK"},
		{"--policy overrides it", []string{"report", "--policy", loose, dir}, "Verdict: PROCEED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, tc.want)
		})
	}
}
