// Package jsontest checks result types' AppendJSON methods, which issu's
// artifact encoder trusts to write exactly what json.Marshal writes.
package jsontest

import (
	"encoding/json"
	"math"
	"math/rand/v2"
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
