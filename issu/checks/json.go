package checks

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// reCache holds compiled policy regexps: the same few patterns run against
// every device.
var reCache sync.Map // pattern -> *regexp.Regexp or error

// compiled returns the compiled pattern, compiling it once.
func compiled(pattern string) (*regexp.Regexp, error) {
	if v, ok := reCache.Load(pattern); ok {
		if re, ok := v.(*regexp.Regexp); ok {
			return re, nil
		}
		return nil, v.(error)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		reCache.Store(pattern, err)
		return nil, err
	}
	reCache.Store(pattern, re)
	return re, nil
}

// Helpers over decoded JSON (Genie key paths): what a snapshot reloaded from
// disk gives. None of them panics on an unexpected shape.

// get walks path through nested maps.
func get(v any, path ...string) (any, bool) {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		v, ok = m[p]
		if !ok {
			return nil, false
		}
	}
	return v, true
}

// mapAt returns the map at path, or nil.
func mapAt(v any, path ...string) map[string]any {
	x, _ := get(v, path...)
	m, _ := x.(map[string]any)
	return m
}

// str returns the string at path ("" when absent or not a string).
func str(v any, path ...string) string {
	x, _ := get(v, path...)
	s, _ := x.(string)
	return s
}

// num returns the number at path; numeric strings ("42", "42%") count.
func num(v any, path ...string) (float64, bool) {
	x, ok := get(v, path...)
	if !ok {
		return 0, false
	}
	return toNum(x)
}

// toNum reads a number. Only finite numbers count: a field reading "NaN"
// or "Inf" would compare false against every threshold, and so pass a
// check that should have said it could not tell.
func toNum(x any) (float64, bool) {
	var f float64
	switch n := x.(type) {
	case float64:
		f = n
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	case string:
		var err error
		f, err = strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(n), "%"), 64)
		if err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// keys returns the sorted keys of m.
func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// walk calls fn for every map in v with its key path, depth first, in key
// order.
func walk(v any, path []string, fn func(path []string, m map[string]any)) {
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	fn(path, m)
	for _, k := range keys(m) {
		walk(m[k], append(append([]string(nil), path...), k), fn)
	}
}

// keyPath renders a key path for evidence ("vrf.default.neighbor.10.1.1.6").
func keyPath(path ...string) string { return strings.Join(path, ".") }

// durationRE matches "<n> <unit>" pairs of uptime strings such as
// "1 week, 10 hours, 49 minutes" or "0 days, 7 hours, 57 minutes, 30 seconds".
var durationRE = regexp.MustCompile(`(\d+)\s*(year|week|day|hour|minute|second)s?`)

// parseUptime returns the seconds of an uptime string; ok is false when
// nothing in it looks like a duration.
func parseUptime(s string) (float64, bool) {
	mult := map[string]float64{"year": 365 * 86400, "week": 7 * 86400, "day": 86400, "hour": 3600, "minute": 60, "second": 1}
	total, found := 0.0, false
	for _, m := range durationRE.FindAllStringSubmatch(strings.ToLower(s), -1) {
		n, _ := strconv.ParseFloat(m[1], 64)
		total += n * mult[m[2]]
		found = true
	}
	return total, found
}

// baseName strips the file system of an image path: "bootflash:///x.bin",
// "bootflash:/x.bin" and "x.bin" all give "x.bin".
func baseName(p string) string {
	p = strings.TrimSpace(p)
	if i := strings.LastIndexAny(p, "/:"); i >= 0 {
		p = p[i+1:]
	}
	return p
}
