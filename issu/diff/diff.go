// Package diff compares two snapshots of a device: parsed command output
// key path by key path (added, removed, changed old→new), skipping volatile
// keys (uptimes, timers, counters, table versions, timestamps) by path
// pattern and allowing numeric tolerances, and running-configs as a unified
// diff that ignores volatile lines. Results encode to JSON per device and
// render as readable text.
package diff

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Change kinds.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Change is one difference at a key path of one command's parsed output.
type Change struct {
	Label string   `json:"label"` // snapshot label (command), e.g. "show bgp vrf all all summary"
	Path  string   `json:"path"`  // dotted key path, e.g. vrf.default.neighbor.10.1.1.6.address_family.ipv4 unicast.state_pfxrcd
	Keys  []string `json:"keys"`  // the same path as keys (a key may hold dots)
	Kind  string   `json:"kind"`  // added, removed, changed
	Old   any      `json:"old,omitempty"`
	New   any      `json:"new,omitempty"`
}

// Result is the semantic diff of one device.
type Result struct {
	Changes   []Change `json:"changes"`
	Excluded  int      `json:"excluded"`         // values skipped by an exclusion pattern
	Tolerated int      `json:"tolerated"`        // numeric changes within tolerance
	Labels    []string `json:"labels,omitempty"` // labels compared
}

// Options tunes Compare.
//
// A pattern is a dot-separated list of segments matched against the end of
// a key path (so "up_down" matches the key anywhere and
// "vrf.*.neighbor.**.tbl_ver" matches under any neighbor). A segment is a
// glob ("*" one key, "?" and [a-z] as in path.Match), "**" (any number of
// keys), or a regular expression in parentheses matched against the whole
// key ("(Tunnel.*)", Genie's style). A leading "^" anchors the pattern at
// the root of the parsed output. A key path's keys are compared one by one,
// so keys holding dots (IP addresses) match "*".
type Options struct {
	Exclude             []string           // added to DefaultExclusions()
	NoDefaultExclusions bool               // use only Exclude
	Tolerance           map[string]float64 // pattern -> largest absolute numeric change ignored
	RelTolerance        map[string]float64 // pattern -> largest relative change ignored (0.05 = 5%)
}

// Compare diffs two snapshots of one device: label (command) → decoded
// JSON. Labels present on one side only are reported as a whole.
func Compare(before, after map[string]map[string]any, opts Options) *Result {
	c := newComparer(opts)
	res := &Result{Changes: []Change{}}
	labels := map[string]bool{}
	for l := range before {
		labels[l] = true
	}
	for l := range after {
		labels[l] = true
	}
	for _, l := range sortedKeys(labels) {
		res.Labels = append(res.Labels, l)
		b, bok := before[l]
		a, aok := after[l]
		switch {
		case !aok:
			res.Changes = append(res.Changes, Change{Label: l, Keys: []string{}, Kind: Removed, Old: b})
		case !bok:
			res.Changes = append(res.Changes, Change{Label: l, Keys: []string{}, Kind: Added, New: a})
		default:
			c.walk(res, l, nil, map[string]any(b), map[string]any(a))
		}
	}
	for i := range res.Changes {
		res.Changes[i].Path = strings.Join(res.Changes[i].Keys, ".")
	}
	return res
}

type comparer struct {
	excludeKeys map[string]bool // one-key patterns: a set lookup on the last key
	exclude     []pattern       // the rest
	tol         []tolerance
}

type tolerance struct {
	p        pattern
	abs, rel float64
}

func newComparer(o Options) *comparer {
	c := &comparer{}
	var ex []string
	if !o.NoDefaultExclusions {
		ex = append(ex, DefaultExclusions()...)
	}
	ex = append(ex, o.Exclude...)
	c.excludeKeys = map[string]bool{}
	for _, e := range ex {
		p := compiledPattern(e)
		if k, ok := p.literalKey(); ok {
			c.excludeKeys[k] = true
			continue
		}
		c.exclude = append(c.exclude, p)
	}
	for _, k := range sortedKeys(o.Tolerance) {
		c.tol = append(c.tol, tolerance{p: compiledPattern(k), abs: o.Tolerance[k], rel: -1})
	}
	for _, k := range sortedKeys(o.RelTolerance) {
		c.tol = append(c.tol, tolerance{p: compiledPattern(k), abs: -1, rel: o.RelTolerance[k]})
	}
	return c
}

func (c *comparer) excluded(path []string) bool {
	if len(path) > 0 && c.excludeKeys[path[len(path)-1]] {
		return true
	}
	for _, p := range c.exclude {
		if p.match(path) {
			return true
		}
	}
	return false
}

func (c *comparer) walk(res *Result, label string, path []string, b, a any) {
	if len(path) > 0 && c.excluded(path) {
		res.Excluded++
		return
	}
	child := func(k string) []string {
		p := make([]string, len(path)+1)
		copy(p, path)
		p[len(path)] = k
		return p
	}
	switch bv := b.(type) {
	case map[string]any:
		av, ok := a.(map[string]any)
		if !ok {
			break
		}
		keys := map[string]bool{}
		for k := range bv {
			keys[k] = true
		}
		for k := range av {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			x, xok := bv[k]
			y, yok := av[k]
			p := child(k)
			switch {
			case !yok:
				if c.excluded(p) {
					res.Excluded++
					continue
				}
				res.Changes = append(res.Changes, Change{Label: label, Keys: p, Kind: Removed, Old: x})
			case !xok:
				if c.excluded(p) {
					res.Excluded++
					continue
				}
				res.Changes = append(res.Changes, Change{Label: label, Keys: p, Kind: Added, New: y})
			default:
				c.walk(res, label, p, x, y)
			}
		}
		return
	case []any:
		av, ok := a.([]any)
		if !ok {
			break
		}
		n := max(len(bv), len(av))
		for i := 0; i < n; i++ {
			p := child(strconv.Itoa(i))
			switch {
			case i >= len(av):
				res.Changes = append(res.Changes, Change{Label: label, Keys: p, Kind: Removed, Old: bv[i]})
			case i >= len(bv):
				res.Changes = append(res.Changes, Change{Label: label, Keys: p, Kind: Added, New: av[i]})
			default:
				c.walk(res, label, p, bv[i], av[i])
			}
		}
		return
	}
	if equalLeaf(b, a) {
		return
	}
	if c.tolerated(path, b, a) {
		res.Tolerated++
		return
	}
	if path == nil {
		path = []string{}
	}
	res.Changes = append(res.Changes, Change{Label: label, Keys: path, Kind: Changed, Old: b, New: a})
}

func equalLeaf(a, b any) bool {
	// The same text is the same value, even when it reads as NaN.
	if as, ok := a.(string); ok {
		if bs, ok := b.(string); ok && as == bs {
			return true
		}
	}
	x, xok := number(a)
	y, yok := number(b)
	if xok && yok {
		if _, ok := a.(string); ok { // "5" and 5.0 are not the same value
			if _, ok := b.(string); !ok {
				return false
			}
		}
		return x == y
	}
	return reflect.DeepEqual(a, b)
}

func (c *comparer) tolerated(path []string, b, a any) bool {
	x, xok := number(b)
	y, yok := number(a)
	if !xok || !yok {
		return false
	}
	d := math.Abs(y - x)
	for _, t := range c.tol {
		if !t.p.match(path) {
			continue
		}
		if t.abs >= 0 && d <= t.abs {
			return true
		}
		if t.rel >= 0 && d <= t.rel*math.Max(math.Abs(x), math.Abs(y)) {
			return true
		}
	}
	return false
}

// number reads a JSON number, a Go numeric or a numeric string.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

// Text renders the changes for people, grouped by label.
func (r *Result) Text() string {
	if r == nil || len(r.Changes) == 0 {
		return "no differences\n"
	}
	var b strings.Builder
	last := "\x00"
	for _, c := range r.Changes {
		if c.Label != last {
			fmt.Fprintf(&b, "%s:\n", c.Label)
			last = c.Label
		}
		path := c.Path
		if path == "" {
			path = "(whole output)"
		}
		switch c.Kind {
		case Added:
			fmt.Fprintf(&b, "  + %s = %s\n", path, short(c.New))
		case Removed:
			fmt.Fprintf(&b, "  - %s = %s\n", path, short(c.Old))
		default:
			fmt.Fprintf(&b, "  ~ %s: %s -> %s\n", path, short(c.Old), short(c.New))
		}
	}
	fmt.Fprintf(&b, "%d changes (%d volatile values excluded, %d within tolerance)\n", len(r.Changes), r.Excluded, r.Tolerated)
	return b.String()
}

func short(v any) string {
	var s string
	switch x := v.(type) {
	case string:
		s = strconv.Quote(x)
	case map[string]any:
		s = fmt.Sprintf("{%d keys}", len(x))
	case []any:
		s = fmt.Sprintf("[%d items]", len(x))
	default:
		s = fmt.Sprint(x)
	}
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
