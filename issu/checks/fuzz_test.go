package checks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/goissu/goissu/issu"
)

// FuzzChecks runs every check on a healthy device whose data for one label
// is replaced by the fuzzer's: parsed JSON from a hand-edited or older
// snapshot and raw output of any shape must give findings or errors, never
// a panic.
func FuzzChecks(f *testing.F) {
	for _, osName := range []string{"nxos", "iosxe"} {
		labels := sortedLabels(osName)
		for i, l := range labels {
			for _, v := range []string{"ok", "upgraded"} {
				if b, err := os.ReadFile(filepath.Join("testdata", osName, l, v+".json")); err == nil {
					f.Add(osName == "nxos", uint8(i), string(b))
					for _, mut := range mutations {
						var v any
						if json.Unmarshal(b, &v) == nil {
							out, _ := json.Marshal(mutate(v, mut))
							f.Add(osName == "nxos", uint8(i), string(out))
							f.Add(osName == "nxos", uint8(i)|0x80, string(out))      // pre only
							f.Add(osName == "nxos", uint8(i)|0x80|0x40, string(out)) // post only
						}
					}
				}
			}
		}
	}
	for i := range sortedLabels("nxos") {
		f.Add(true, uint8(i), `{"impact":"disruptive"}`) // a root with a row's keys
	}
	f.Fuzz(func(t *testing.T, nxos bool, idx uint8, doc string) {
		osName := "iosxe"
		if nxos {
			osName = "nxos"
		}
		labels := sortedLabels(osName)
		label := labels[int(idx)%len(labels)]
		env := testEnv(t, osName, nil, nil)
		var m map[string]any
		if json.Unmarshal([]byte(doc), &m) != nil {
			m = nil
		}
		snaps := []*issu.Snapshot{env.Pre, env.Post}
		if idx&0x80 != 0 { // one phase only: pre and post of different shapes
			snaps = snaps[idx>>6&1:][:1]
		}
		for _, snap := range snaps {
			ds := snap.Devices["DUT"]
			ds.Raw[label] = doc
			if m != nil {
				ds.SetParsed(label, m)
			}
		}
		// Check.Run turns a panic into an error result: that is a bug here.
		for _, r := range append(RunAll(env, Pre()), RunAll(env, Post())...) {
			if strings.Contains(r.Reason, "panic:") {
				t.Fatalf("%s on %s: %s", r.Check, label, r.Reason)
			}
		}
	})
}

func sortedLabels(osName string) []string {
	seen := map[string]bool{}
	for _, p := range []issu.Phase{issu.Pre, issu.Post} {
		for l := range healthy[osName][p] {
			seen[l] = true
		}
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// mutations change every leaf (or every object) of a fixture to another
// JSON type: what an older or hand-edited snapshot may hold.
var mutations = []func(any) any{
	func(v any) any {
		if _, ok := v.(string); ok {
			return 1e300
		}
		return v
	},
	func(v any) any {
		switch v.(type) {
		case float64, bool:
			return "x"
		}
		return v
	},
	func(v any) any {
		if _, ok := v.(string); ok {
			return ""
		}
		return v
	},
	func(v any) any {
		if _, ok := v.(float64); ok {
			return -1
		}
		return v
	},
	func(v any) any {
		if _, ok := v.(map[string]any); ok {
			return []any{"x", 1.0}
		}
		return v
	},
	func(v any) any {
		if _, ok := v.(map[string]any); ok {
			return map[string]any{}
		}
		return v
	},
}

func mutate(v any, fn func(any) any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = mutate(e, fn)
		}
		if len(out) == 0 {
			return out
		}
		return fn(out)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = mutate(e, fn)
		}
		return out
	default:
		return fn(v)
	}
}
