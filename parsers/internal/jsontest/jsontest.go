// Package jsontest checks result types' AppendJSON methods, which issu's
// artifact encoder trusts to write exactly what json.Marshal writes.
package jsontest

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Appender is a value that appends its own JSON encoding.
type Appender interface {
	AppendJSON(dst []byte) ([]byte, error)
}

// Floats are values a float type must encode exactly (cut-offs, signed
// zero, extremes); NaN and ±Inf are in BadFloats.
var (
	Floats    = []float64{0, math.Copysign(0, -1), 1, 5, -2.5, 0.1, 1e15, 1e21, 1e-7, 123456789.125, math.MaxFloat64, 5e-324}
	BadFloats = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}
	// ASNs are AS numbers as devices print them, and strings that only
	// look like numbers.
	ASNs = []string{"0", "65001", "4200000002", "0065001", "65000.100", "", "<&>", "1e5", "-1", "18446744073709551616", "\xff"}
)

// Equal checks that each value appends what json.Marshal writes for it
// (encoding/json validates and compacts what MarshalJSON returns), after
// existing bytes.
func Equal(t testing.TB, values ...Appender) {
	t.Helper()
	for _, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%#v: json.Marshal: %v", v, err)
			continue
		}
		got, err := v.AppendJSON([]byte("x"))
		if err != nil {
			t.Errorf("%#v: AppendJSON: %v", v, err)
			continue
		}
		if string(got) != "x"+string(want) {
			t.Errorf("%#v: AppendJSON wrote %s, json.Marshal %s", v, got[1:], want)
		}
	}
}

// Fails checks that each value's AppendJSON returns an error (as
// json.Marshal does for it).
func Fails(t testing.TB, values ...Appender) {
	t.Helper()
	for _, v := range values {
		if _, err := v.AppendJSON(nil); err == nil {
			t.Errorf("%#v: AppendJSON gave no error", v)
		}
		if _, err := json.Marshal(v); err == nil {
			t.Errorf("%#v: json.Marshal gave no error", v)
		}
	}
}

// KeyedList checks a keyed list type (a level Genie keys by identity,
// kept as a list for speed) against the map it stands for, filled with the
// same entries: the list is in key order, get finds every entry, and the
// list, shuffled half of the time (its encoder must sort), encodes exactly
// as the map. what names the case in failures.
func KeyedList[L ~[]*E, E any](t testing.TB, rng *rand.Rand, l L, m map[string]*E, key func(*E) string, get func(L, string) *E, what string) {
	t.Helper()
	for j := 1; j < len(l); j++ {
		if a, b := key(l[j-1]), key(l[j]); a >= b {
			t.Fatalf("%s: keys out of order: %q before %q", what, a, b)
		}
	}
	for k, e := range m {
		if got := get(l, k); got != e {
			t.Fatalf("%s: Get(%q) = %p, want %p", what, k, got, e)
		}
	}
	if rng.IntN(2) == 0 {
		rng.Shuffle(len(l), func(a, b int) { l[a], l[b] = l[b], l[a] })
	}
	want, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("%s: json.Marshal(map): %v", what, err)
	}
	got, err := json.Marshal(l)
	if err != nil {
		t.Fatalf("%s: json.Marshal(list): %v", what, err)
	}
	if string(got) != string(want) {
		t.Fatalf("%s: list encodes as %s, the map as %s", what, got, want)
	}
	// AppendJSON directly, as issu's encoder calls it: json.Marshal
	// re-compacts and escapes a MarshalJSON result, which would hide an
	// escaping slip in the appender.
	if a, ok := any(l).(Appender); ok {
		app, err := a.AppendJSON(nil)
		if err != nil {
			t.Fatalf("%s: AppendJSON: %v", what, err)
		}
		if string(app) != string(want) {
			t.Fatalf("%s: AppendJSON writes %s, the map encodes as %s", what, app, want)
		}
	}
}

// Tables returns n random maps of rows for checking a table type's
// AppendJSON: up to 40 rows each, keyed by their own key or (one in five)
// by a string from odd, now and then a nil row; then an empty map and nil.
func Tables[T any](rng *rand.Rand, n int, rows []*T, key func(*T) string, odd []string) []map[string]*T {
	out := make([]map[string]*T, 0, n+2)
	for range n {
		m := map[string]*T{}
		for range rng.IntN(40) {
			r := rows[rng.IntN(len(rows))]
			k := key(r)
			if rng.IntN(5) == 0 {
				k = odd[rng.IntN(len(odd))]
			}
			if rng.IntN(20) == 0 {
				r = nil
			}
			m[k] = r
		}
		out = append(out, m)
	}
	return append(out, map[string]*T{}, nil)
}

// SameAsOld checks that v's AppendJSON (after existing bytes) and
// json.Marshal of v and of &v all write what old, the encoder AppendJSON
// replaced, wrote for v.
func SameAsOld[T Appender](t testing.TB, what string, v T, old func(T) ([]byte, error)) {
	t.Helper()
	want, err := old(v)
	if err != nil {
		t.Fatalf("%s: old encoder: %v", what, err)
	}
	got, err := v.AppendJSON([]byte("x"))
	if err != nil {
		t.Fatalf("%s: AppendJSON: %v", what, err)
	}
	if string(got) != "x"+string(want) {
		t.Fatalf("%s: AppendJSON wrote %s, the old encoder %s", what, got[1:], want)
	}
	for _, x := range []any{v, &v} {
		m, err := json.Marshal(x)
		if err != nil {
			t.Fatalf("%s: json.Marshal(%T): %v", what, x, err)
		}
		if string(m) != string(want) {
			t.Fatalf("%s: json.Marshal(%T) wrote %s, the old encoder %s", what, x, m, want)
		}
	}
}

// OldNew is one value for BenchOldNew: its encoding by the encoder
// AppendJSON replaced, and the value itself.
type OldNew struct {
	Old func() ([]byte, error)
	New Appender
}

// BenchOldNew measures the replaced encoders ("old") against AppendJSON
// ("new") over the same values.
func BenchOldNew(b *testing.B, cases []OldNew) {
	b.Run("old", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range cases {
				_, _ = c.Old()
			}
		}
	})
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			for _, c := range cases {
				buf, _ = c.New.AppendJSON(buf[:0])
			}
		}
	})
}

// Picker returns a func that draws one of strs at random.
func Picker(rng *rand.Rand, strs []string) func() string {
	return func() string { return strs[rng.IntN(len(strs))] }
}

// IntPtr returns a func that gives nil one time in three, else a new int
// drawn from [lo, hi).
func IntPtr(rng *rand.Rand, lo, hi int) func() *int {
	return func() *int {
		if rng.IntN(3) == 0 {
			return nil
		}
		v := lo + rng.IntN(hi-lo)
		return &v
	}
}

// Fields checks that each type has the number of fields its hand-written
// AppendJSON knows, so that a field added later fails here until the
// encoder writes it too.
func Fields(t testing.TB, want map[reflect.Type]int) {
	t.Helper()
	for typ, n := range want {
		if got := typ.NumField(); got != n {
			t.Errorf("%s has %d fields, its AppendJSON knows %d: update it", typ, got, n)
		}
	}
}

// Fixtures returns the outputs in fixtures/outputs/<osName>/<dirGlob>/*.txt,
// for a test in a package two levels below the module root (parsers/<os>).
func Fixtures(t testing.TB, osName, dirGlob string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "outputs", osName, dirGlob, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(files))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(raw))
	}
	return out
}

// RandMap returns nil one time in four, else a map of fewer than n
// entries, each value made by row or, one time in six, nil, and keyed by
// key (drawn after the value).
func RandMap[T any](rng *rand.Rand, n int, key func() string, row func() *T) map[string]*T {
	if rng.IntN(4) == 0 {
		return nil
	}
	m := map[string]*T{}
	for range rng.IntN(n) {
		var v *T
		if rng.IntN(6) > 0 {
			v = row()
		}
		m[key()] = v
	}
	return m
}
