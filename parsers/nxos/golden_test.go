package nxos

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
)

// goldenDir is Genie's corpus beside the repository (or $GOISSU_GOLDEN).
func goldenDir() string {
	if d := os.Getenv("GOISSU_GOLDEN"); d != "" {
		return filepath.Join(d, "nxos")
	}
	return filepath.Join("..", "..", "..", "shared", "golden", "nxos")
}

// goldenTexts returns class -> case file -> text for every .txt of the
// nxos corpus, or nil when the corpus is absent.
func goldenTexts(tb testing.TB) map[string]map[string]string {
	tb.Helper()
	dirs, err := os.ReadDir(goldenDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	require.NoError(tb, err)
	out := map[string]map[string]string{}
	for _, d := range dirs {
		files, err := filepath.Glob(filepath.Join(goldenDir(), d.Name(), "*.txt"))
		require.NoError(tb, err)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(tb, err)
			if out[d.Name()] == nil {
				out[d.Name()] = map[string]string{}
			}
			out[d.Name()][filepath.Base(f)] = string(b)
		}
	}
	return out
}

// goldenArgs reads a case's .args.json as template parameters.
func goldenArgs(t *testing.T, class, txt string) core.Params {
	base := strings.TrimSuffix(txt, ".txt")
	b, err := os.ReadFile(filepath.Join(goldenDir(), class, base+".args.json"))
	if err != nil {
		return nil
	}
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	p := core.Params{}
	for k, v := range m {
		if s, ok := v.(string); ok {
			p[k] = s
		}
	}
	return p
}

// goldenUnparsed lists golden lines the parsers leave unparsed on purpose:
// rows Genie's schema drops, which we report rather than hide.
var goldenUnparsed = map[string]int{
	"ShowEnvironment/golden1.txt": 9, // Sone-N sensors and Grid-A/B capacity lines Genie skips
}

// TestGoldenUnparsed checks that every golden output is consumed: the
// lines a parser does not understand are the ones listed above, no more.
func TestGoldenUnparsed(t *testing.T) {
	texts := goldenTexts(t)
	if texts == nil {
		t.Skip("golden corpus not found: set GOISSU_GOLDEN")
	}
	byClass := map[string]core.Entry{}
	for _, e := range Entries() {
		byClass[e.Class] = e
	}
	for class, cases := range texts {
		for name, text := range cases {
			t.Run(class+"/"+name, func(t *testing.T) {
				e, ok := byClass[class]
				require.True(t, ok, "no parser for %s", class)
				_, unparsed, err := e.Parse(text, goldenArgs(t, class, name))
				if strings.HasSuffix(name, ".empty.txt") {
					assert.ErrorIs(t, err, core.ErrEmpty)
					return
				}
				require.NoError(t, err)
				assert.Len(t, unparsed, goldenUnparsed[class+"/"+name], "unparsed: %q", unparsed)
			})
		}
	}
}
