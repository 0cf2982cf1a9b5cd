package diff

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m))
	return m
}

const bgpBefore = `{"vrf":{"default":{"neighbor":{
 "10.1.1.2":{"address_family":{"ipv4 unicast":{"state_pfxrcd":"12","up_down":"5w6d","msg_rcvd":108554,"tbl_ver":53,"prefixes":{"total_entries":100,"memory_usage":620}}}},
 "10.1.1.6":{"address_family":{"ipv4 unicast":{"state_pfxrcd":"7","up_down":"5w6d","msg_rcvd":1000,"tbl_ver":53,"prefixes":{"total_entries":40,"memory_usage":620}}}}}}}}`

const bgpAfter = `{"vrf":{"default":{"neighbor":{
 "10.1.1.2":{"address_family":{"ipv4 unicast":{"state_pfxrcd":"12","up_down":"00:01:02","msg_rcvd":12,"tbl_ver":9,"prefixes":{"total_entries":102,"memory_usage":640}}}},
 "10.1.1.6":{"address_family":{"ipv4 unicast":{"state_pfxrcd":"Idle","up_down":"00:00:40","msg_rcvd":3,"tbl_ver":9,"prefixes":{"total_entries":0,"memory_usage":0}}}},
 "10.1.1.10":{"address_family":{"ipv4 unicast":{"state_pfxrcd":"3"}}}}}}}`

func TestCompare(t *testing.T) {
	const cmd = "show bgp vrf all all summary"
	tests := []struct {
		name   string
		before string
		after  string
		opts   Options
		want   []Change // Label and Keys filled from the case
	}{
		{
			name:   "volatile keys excluded, real changes kept",
			before: bgpBefore, after: bgpAfter,
			want: []Change{
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.10"}, Kind: Added},
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.2", "address_family", "ipv4 unicast", "prefixes", "total_entries"}, Kind: Changed, Old: 100.0, New: 102.0},
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.6", "address_family", "ipv4 unicast", "prefixes", "total_entries"}, Kind: Changed, Old: 40.0, New: 0.0},
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.6", "address_family", "ipv4 unicast", "state_pfxrcd"}, Kind: Changed, Old: "7", New: "Idle"},
			},
		},
		{
			name:   "absolute tolerance on a count",
			before: bgpBefore, after: bgpAfter,
			opts: Options{Tolerance: map[string]float64{"prefixes.total_entries": 5}},
			want: []Change{
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.10"}, Kind: Added},
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.6", "address_family", "ipv4 unicast", "prefixes", "total_entries"}, Kind: Changed, Old: 40.0, New: 0.0},
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.6", "address_family", "ipv4 unicast", "state_pfxrcd"}, Kind: Changed, Old: "7", New: "Idle"},
			},
		},
		{
			name:   "relative tolerance and a path pattern with an IP key",
			before: bgpBefore, after: bgpAfter,
			opts: Options{RelTolerance: map[string]float64{"**.total_entries": 0.05}, Exclude: []string{"^vrf.*.neighbor.10.1.1.10"}},
			want: []Change{
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.6", "address_family", "ipv4 unicast", "prefixes", "total_entries"}, Kind: Changed, Old: 40.0, New: 0.0},
				{Keys: []string{"vrf", "default", "neighbor", "10.1.1.6", "address_family", "ipv4 unicast", "state_pfxrcd"}, Kind: Changed, Old: "7", New: "Idle"},
			},
		},
		{
			name:   "no default exclusions shows the volatile keys",
			before: `{"a":{"up_down":"1d","x":1}}`, after: `{"a":{"up_down":"2d","x":1}}`,
			opts: Options{NoDefaultExclusions: true},
			want: []Change{{Keys: []string{"a", "up_down"}, Kind: Changed, Old: "1d", New: "2d"}},
		},
		{
			name:   "exclusion by path, not only by key name",
			before: `{"vrf":{"v":{"neighbor":{"n":{"state":"up","tbl_ver2":1}}}},"tbl_ver2":1}`,
			after:  `{"vrf":{"v":{"neighbor":{"n":{"state":"up","tbl_ver2":2}}}},"tbl_ver2":2}`,
			opts:   Options{Exclude: []string{"vrf.*.neighbor.*.tbl_ver2"}},
			want:   []Change{{Keys: []string{"tbl_ver2"}, Kind: Changed, Old: 1.0, New: 2.0}},
		},
		{
			name:   "regex segment (Genie style) and lists",
			before: `{"intf":{"Tunnel1":{"c":1},"Eth1":{"c":1}},"l":[1,2,3]}`,
			after:  `{"intf":{"Tunnel1":{"c":9},"Eth1":{"c":2}},"l":[1,5]}`,
			want: []Change{
				{Keys: []string{"intf", "Eth1", "c"}, Kind: Changed, Old: 1.0, New: 2.0},
				{Keys: []string{"l", "1"}, Kind: Changed, Old: 2.0, New: 5.0},
				{Keys: []string{"l", "2"}, Kind: Removed, Old: 3.0},
			},
		},
		{
			name:   "type change and number vs numeric string",
			before: `{"a":{"b":1},"c":"5"}`, after: `{"a":"gone","c":5}`,
			want: []Change{
				{Keys: []string{"a"}, Kind: Changed, Old: map[string]any{"b": 1.0}, New: "gone"},
				{Keys: []string{"c"}, Kind: Changed, Old: "5", New: 5.0},
			},
		},
		{name: "equal", before: bgpBefore, after: bgpBefore, want: []Change{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Compare(map[string]map[string]any{cmd: decode(t, tc.before)}, map[string]map[string]any{cmd: decode(t, tc.after)}, tc.opts)
			got := make([]Change, len(res.Changes))
			for i, c := range res.Changes {
				if c.Kind == Added && len(c.Keys) == 4 {
					c.New = nil // whole neighbor subtree: checked by kind
				}
				got[i] = c
				assert.Equal(t, cmd, c.Label)
				assert.Equal(t, joinKeys(c.Keys), c.Path)
			}
			for i := range tc.want {
				tc.want[i].Label = cmd
				tc.want[i].Path = joinKeys(tc.want[i].Keys)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func joinKeys(k []string) string {
	s := ""
	for i, x := range k {
		if i > 0 {
			s += "."
		}
		s += x
	}
	return s
}

func TestCompareLabelsAndText(t *testing.T) {
	before := map[string]map[string]any{"show version": {"platform": map[string]any{"software": map[string]any{"system_version": "10.2(3)"}, "kernel_uptime": map[string]any{"days": 40.0}}}, "show cores": {}}
	after := map[string]map[string]any{"show version": {"platform": map[string]any{"software": map[string]any{"system_version": "10.4(3)"}, "kernel_uptime": map[string]any{"days": 0.0}}}, "show module": {"slot": map[string]any{}}}
	res := Compare(before, after, Options{})
	require.Len(t, res.Changes, 3)
	assert.Equal(t, Change{Label: "show cores", Keys: []string{}, Kind: Removed, Old: map[string]any{}}, res.Changes[0])
	assert.Equal(t, Added, res.Changes[1].Kind)
	assert.Equal(t, "platform.software.system_version", res.Changes[2].Path)
	assert.Equal(t, 1, res.Excluded, "kernel_uptime")
	text := res.Text()
	assert.Contains(t, text, "show version:\n  ~ platform.software.system_version: \"10.2(3)\" -> \"10.4(3)\"\n")
	assert.Contains(t, text, "  - (whole output) = {0 keys}")
	assert.Contains(t, text, "3 changes (1 volatile values excluded, 0 within tolerance)")
	b, err := json.Marshal(res)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"kind":"changed","old":"10.2(3)","new":"10.4(3)"`)
	assert.Equal(t, "no differences\n", Compare(before, before, Options{}).Text())
}

func TestPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		path    []string
		want    bool
	}{
		{"up_down", []string{"vrf", "x", "up_down"}, true},
		{"up_down", []string{"up_down", "x"}, false},
		{"*.up_down", []string{"vrf", "x", "up_down"}, true},
		{"vrf.*.neighbor.*.tbl_ver", []string{"vrf", "default", "neighbor", "10.1.1.1", "tbl_ver"}, true},
		{"vrf.*.neighbor.*.tbl_ver", []string{"vrf", "default", "neighbor", "10.1.1.1", "address_family", "a", "tbl_ver"}, false},
		{"vrf.*.neighbor.**.tbl_ver", []string{"vrf", "default", "neighbor", "10.1.1.1", "address_family", "a", "tbl_ver"}, true},
		{"^index", []string{"index"}, true},
		{"^index", []string{"x", "index"}, false},
		{"(Tunnel.*)", []string{"interfaces", "Tunnel10"}, true},
		{"(Tunnel.*)", []string{"interfaces", "XTunnel10"}, false},
		{"(up_time|.*_uptime)", []string{"a", "kernel_uptime"}, true},
		{"intf.Eth1/[0-9]", []string{"intf", "Eth1/3"}, true},
		{"neighbor.10.1.1.6.state", []string{"neighbor", "10.1.1.6", "state"}, true},
		{"neighbor.10.1.*.state", []string{"neighbor", "10.1.1.6", "state"}, true},
		{"neighbor.10.1.1.6.state", []string{"neighbor", "10.1.1.60", "state"}, false},
		{"(bad[", []string{"(bad["}, false},
	}
	for _, tc := range tests {
		t.Run(tc.pattern+"~"+joinKeys(tc.path), func(t *testing.T) {
			assert.Equal(t, tc.want, compilePattern(tc.pattern).match(tc.path))
		})
	}
}

// TestExclusionsAgainstGenie compares the built-in list with the union of
// genie_exclude_keys in the golden corpus and reports what was left out.
func TestExclusionsAgainstGenie(t *testing.T) {
	dir := os.Getenv("GOISSU_GOLDEN")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "golden")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "INDEX.json"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("golden corpus not found at %s: skipping", dir)
	}
	require.NoError(t, err)
	var idx struct {
		OS map[string]map[string]struct {
			Exclude []string `json:"genie_exclude_keys"`
		} `json:"os"`
	}
	require.NoError(t, json.Unmarshal(raw, &idx))
	union := map[string]bool{}
	for _, classes := range idx.OS {
		for _, c := range classes {
			for _, k := range c.Exclude {
				union[k] = true
			}
		}
	}
	require.NotEmpty(t, union)
	ours := map[string]bool{}
	for _, e := range DefaultExclusions() {
		ours[e] = true
	}
	var missing []string
	for k := range union {
		if ours[k] {
			continue
		}
		if why, ok := leftOut[k]; ok {
			t.Logf("left out on purpose: %-16s %s", k, why)
			continue
		}
		missing = append(missing, k)
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "Genie exclude keys neither in DefaultExclusions nor in leftOut")
	for k := range leftOut {
		assert.False(t, ours[k], "%s is both excluded and left out", k)
	}
}

// BenchmarkCompare diffs a BGP summary of 1000 neighbors where every
// volatile counter moved and ten neighbors changed state.
func BenchmarkCompare(b *testing.B) {
	mk := func(after bool) map[string]map[string]any {
		nbrs := map[string]any{}
		for i := 0; i < 1000; i++ {
			st := "12"
			if after && i%100 == 0 {
				st = "Idle"
			}
			up, msgs := "5w6d", float64(100000+i)
			if after {
				up, msgs = "00:10:00", float64(i)
			}
			nbrs[fmt.Sprintf("10.%d.%d.2", i/250, i%250)] = map[string]any{"address_family": map[string]any{"ipv4 unicast": map[string]any{
				"state_pfxrcd": st, "up_down": up, "msg_rcvd": msgs, "msg_sent": msgs, "tbl_ver": msgs, "as": 65002.0,
				"prefixes": map[string]any{"total_entries": 100.0, "memory_usage": msgs}}}}
		}
		return map[string]map[string]any{"show bgp vrf all all summary": {"vrf": map[string]any{"default": map[string]any{"neighbor": nbrs}}}}
	}
	before, after := mk(false), mk(true)
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		res = Compare(before, after, Options{})
	}
	if len(res.Changes) != 10 {
		b.Fatalf("want 10 changes, got %d", len(res.Changes))
	}
}

// TestSameNaNStringIsNoChange: "NaN" and "nan" parse as a float that equals
// nothing, so an unchanged value named like that (a description, a VRF)
// was reported as changed on every run.
func TestSameNaNStringIsNoChange(t *testing.T) {
	for _, v := range []string{"NaN", "nan", " NaN "} {
		b := map[string]map[string]any{"intf": {"description": v, "n": map[string]any{"x": v}}}
		a := map[string]map[string]any{"intf": {"description": v, "n": map[string]any{"x": v}}}
		res := Compare(b, a, Options{})
		if len(res.Changes) != 0 {
			t.Errorf("%q: %d changes: %+v", v, len(res.Changes), res.Changes)
		}
	}
}
