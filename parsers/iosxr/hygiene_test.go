package iosxr

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInputHygiene parses every project fixture as captured in other ways
// (CRLF, lone CR, prompt echo and trailing prompt, trailing blanks, no
// final newline) and expects the same result and unparsed lines.
func TestInputHygiene(t *testing.T) {
	variants := map[string]func(string) string{
		"crlf":     func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
		"lone cr":  func(s string) string { return strings.ReplaceAll(s, "\n", "\r") },
		"trailing": func(s string) string { return strings.ReplaceAll(s, "\n", "   \t\n") },
		"no final newline": func(s string) string {
			return strings.TrimRight(s, "\r\n")
		},
		"prompt": func(s string) string {
			return "RP/0/RSP0/CPU0:pe-edge-01#show something\n" + s + "\nRP/0/RSP0/CPU0:pe-edge-01#"
		},
	}
	dirs, err := os.ReadDir(fixtureDir)
	require.NoError(t, err)
	for _, d := range dirs {
		e, ok := entryByClass(fixtureClasses[d.Name()])
		require.True(t, ok, "no class for fixture dir %s", d.Name())
		files, _ := filepath.Glob(filepath.Join(fixtureDir, d.Name(), "*.txt"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			clean := strings.ReplaceAll(string(b), "\r\n", "\n")
			want, wantUn, wantErr := e.Parse(clean, nil)
			wantJSON, _ := json.Marshal(want)
			for name, v := range variants {
				if name == "prompt" && e.Class == "ShowLogging" {
					// Genie keeps a trailing prompt as the last buffered log line.
					continue
				}
				t.Run(d.Name()+"/"+filepath.Base(f)+"/"+name, func(t *testing.T) {
					got, gotUn, gotErr := e.Parse(v(clean), nil)
					assert.Equal(t, wantErr, gotErr)
					gotJSON, _ := json.Marshal(got)
					assert.JSONEq(t, string(wantJSON), string(gotJSON))
					assert.Equal(t, len(wantUn), len(gotUn), "unparsed: %q", gotUn)
				})
			}
		}
	}
}
