package parsers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every fixture output parses to the same result, with the same lines not
// understood, whatever its line ends: LF, CRLF, or CRs before the LF
// ("\r\r\n", from captures through two newline translations), which are
// one line end and not a blank line after each line.
func TestLineEndsDoNotChangeResults(t *testing.T) {
	var n int
	for _, osName := range []string{"nxos", "iosxe", "iosxr"} {
		dirs, err := os.ReadDir(filepath.Join("..", "fixtures", "outputs", osName))
		require.NoError(t, err)
		for _, d := range dirs {
			command := strings.ReplaceAll(d.Name(), "_", " ")
			p, params, err := Lookup(osName, command)
			if err != nil {
				continue // a directory named after a command with arguments
			}
			files, _ := filepath.Glob(filepath.Join("..", "fixtures", "outputs", osName, d.Name(), "*.txt"))
			for _, f := range files {
				b, err := os.ReadFile(f)
				require.NoError(t, err)
				lf := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
				want, wantErr := p.Parse(lf, params)
				wantJSON, err := json.Marshal(want.Parsed)
				require.NoError(t, err)
				for _, tc := range []struct{ name, end string }{{"crlf", "\r\n"}, {"crcrlf", "\r\r\n"}, {"crcrcrlf", "\r\r\r\n"}} {
					n++
					t.Run(f+"/"+tc.name, func(t *testing.T) {
						got, err := p.Parse(strings.ReplaceAll(lf, "\n", tc.end), params)
						assert.Equal(t, wantErr == nil, err == nil, "error: %v, with LF: %v", err, wantErr)
						gotJSON, jerr := json.Marshal(got.Parsed)
						require.NoError(t, jerr)
						assert.JSONEq(t, string(wantJSON), string(gotJSON))
						assert.Equal(t, want.Unparsed, got.Unparsed)
					})
				}
			}
		}
	}
	require.NotZero(t, n, "no fixture outputs found")
}
