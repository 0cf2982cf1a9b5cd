package report

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDamagedRunFiles rebuilds the page and the NDJSON of a run whose
// artifacts were hand-edited or written by an older goissu: objects and
// lists turned null or empty, the document null or cut short. Each may be
// an error (naming the file) but never a panic.
func TestDamagedRunFiles(t *testing.T) {
	files := []string{"report.json", "run.json", "monitor/checks.json", "diff/CHASSIS_A.json"}
	type mut struct {
		name string
		fn   func([]byte) []byte
	}
	walkMut := func(fn func(v any) any) func([]byte) []byte {
		return func(b []byte) []byte {
			var v any
			if json.Unmarshal(b, &v) != nil {
				return b
			}
			out, _ := json.Marshal(rewrite(v, fn, true))
			return out
		}
	}
	muts := []mut{
		{"objects null", walkMut(func(v any) any {
			if _, ok := v.(map[string]any); ok {
				return nil
			}
			return v
		})},
		{"lists null", walkMut(func(v any) any {
			if _, ok := v.([]any); ok {
				return nil
			}
			return v
		})},
		{"objects empty", walkMut(func(v any) any {
			if _, ok := v.(map[string]any); ok {
				return map[string]any{}
			}
			return v
		})},
		{"lists empty", walkMut(func(v any) any {
			if _, ok := v.([]any); ok {
				return []any{}
			}
			return v
		})},
		{"strings empty", walkMut(func(v any) any {
			if _, ok := v.(string); ok {
				return ""
			}
			return v
		})},
		{"numbers negative", walkMut(func(v any) any {
			if f, ok := v.(float64); ok {
				return -f - 1
			}
			return v
		})},
		{"null", func([]byte) []byte { return []byte("null") }},
		{"empty object", func([]byte) []byte { return []byte("{}") }},
		{"cut short", func(b []byte) []byte { return b[:len(b)/2] }},
	}
	for _, f := range files {
		for _, m := range muts {
			t.Run(f+"/"+m.name, func(t *testing.T) {
				dir := copyDir(t, labFixture)
				p := filepath.Join(dir, filepath.FromSlash(f))
				b, err := os.ReadFile(p)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(p, m.fn(b), 0o644))
				if in, err := LoadInput(dir); err == nil {
					_ = RenderHTML(io.Discard, in)
				}
				_, _ = WriteNDJSON(dir, io.Discard)
			})
		}
	}
}

// rewrite applies fn to every value below the root, children first.
func rewrite(v any, fn func(any) any, root bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = rewrite(e, fn, false)
		}
	case []any:
		for i, e := range x {
			x[i] = rewrite(e, fn, false)
		}
	}
	if root {
		return v
	}
	return fn(v)
}

// TestDiffPathsStayInTheRun: report.json names the diff files the page
// embeds; a hand-made one naming ../../secret put that file in the page.
func TestDiffPathsStayInTheRun(t *testing.T) {
	for _, p := range []string{"../outside.txt", "/etc/hostname", "diff/../../outside.txt"} {
		t.Run(p, func(t *testing.T) {
			dir := copyDir(t, labFixture)
			require.NoError(t, os.WriteFile(filepath.Join(filepath.Dir(dir), "outside.txt"), []byte("secret"), 0o644))
			b, err := os.ReadFile(filepath.Join(dir, "report.json"))
			require.NoError(t, err)
			var rep map[string]any
			require.NoError(t, json.Unmarshal(b, &rep))
			diffs, _ := rep["diffs"].([]any)
			require.NotEmpty(t, diffs)
			diffs[0].(map[string]any)["config_diff"] = p
			b, err = json.Marshal(rep)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "report.json"), b, 0o644))
			_, err = LoadInput(dir)
			require.ErrorContains(t, err, "leaves the run directory")
		})
	}
}
