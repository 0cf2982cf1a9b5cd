package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseUsageErrors(t *testing.T) {
	dir := filepath.Join("..", "..", "fixtures", "outputs", "nxos", "show_version")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	version := filepath.Join(dir, entries[0].Name())
	tests := []struct {
		name      string
		args      []string
		code      int
		stderr    string
		notStderr string
	}{
		{"unknown os names the os and the supported ones", []string{"parse", "--os", "junos", "--command", "show version", version}, 2,
			`unknown os "junos" (supported: iosxe, iosxr, nxos)`, "no parser for"},
		{"os in upper case is known", []string{"parse", "--os", "NXOS", "--command", "show version", version}, 0, "", "unknown os"},
		{"unknown command on a known os", []string{"parse", "--os", "nxos", "--command", "show clock", version}, 1, `no parser for nxos "show clock"`, "unknown os"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCmd(tc.args...)
			assert.Equal(t, tc.code, code, "stderr: %s", errOut)
			if tc.stderr != "" {
				assert.Contains(t, errOut, tc.stderr)
			}
			assert.NotContains(t, errOut, tc.notStderr)
		})
	}
}

// Flags may follow FILE, as people used to genie parse write them.
func TestParseFlagsAfterFile(t *testing.T) {
	dir := filepath.Join("..", "..", "fixtures", "outputs", "nxos", "show_version")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.NotEmpty(t, entries)
	version := filepath.Join(dir, entries[0].Name())
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"--unparsed after FILE", []string{"parse", "--os", "nxos", "--command", "show version", version, "--unparsed"}, 0, `"platform"`, "# ShowVersion"},
		{"every flag after FILE", []string{"parse", version, "--os", "nxos", "--command", "show version"}, 0, `"platform"`, ""},
		{"two files named in the error", []string{"parse", "--os", "nxos", "--command", "show version", version, "other.txt"}, 2, "",
			"at most one input file, got 2: " + version + " other.txt"},
		{"after -- a flag-like name is a file", []string{"parse", "--os", "nxos", "--command", "show version", "--", "--unparsed"}, 1, "",
			"read --unparsed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			assert.Equal(t, tc.code, code, "stderr: %s", errOut)
			if tc.stdout != "" {
				assert.Contains(t, out, tc.stdout)
			}
			if tc.stderr != "" {
				assert.Contains(t, errOut, tc.stderr)
			}
		})
	}
}
