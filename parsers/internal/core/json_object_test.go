package core

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONObject checks JSONObject against encoding/json on a struct with
// every kind of member it writes, set and empty, with keys as bare names
// and as member prefixes.
func TestJSONObject(t *testing.T) {
	type row struct {
		A string `json:"a,omitempty"`
		N int    `json:"n"`
		P *int   `json:"p,omitempty"`
		F bool   `json:"f,omitempty"`
		B string `json:"b,omitempty"`
	}
	one := 1
	tests := []struct {
		name string
		v    row
	}{
		{"empty", row{}},
		{"all set", row{A: "x<&>\"", N: -3, P: &one, F: true, B: "é"}},
		{"first omitted", row{N: 7, B: "y"}},
		{"zero pointer", row{P: new(int)}},
		{"long strings", row{A: "GigabitEthernet0/0/0.100", B: "10.210.0.0/24<"}},
		{"flag first", row{F: true, N: 1000}},
	}
	for _, n := range []int{9, 10, 99, 100, 999, 1000, 12345, -1, -9, -10, -999, math.MaxInt, math.MinInt} {
		tests = append(tests, struct {
			name string
			v    row
		}{strconv.Itoa(n), row{N: n, P: &n, A: "ok"}})
	}
	for _, tc := range tests {
		for _, prefix := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s prefix=%v", tc.name, prefix), func(t *testing.T) {
				key := func(k string) string {
					if prefix {
						return `,"` + k + `":`
					}
					return k
				}
				want, err := json.Marshal(tc.v)
				require.NoError(t, err)
				o := NewJSONObject([]byte("prefix"))
				o.Str(key("a"), tc.v.A)
				o.Int(key("n"), tc.v.N)
				o.OptInt(key("p"), tc.v.P)
				o.Flag(key("f"), tc.v.F)
				o.Str(key("b"), tc.v.B)
				assert.Equal(t, "prefix"+string(want), string(o.End()))
			})
		}
	}
	// Flag and a string first: the prefix's comma is dropped there too.
	o := NewJSONObject(nil)
	o.Flag(`,"f":`, true)
	assert.Equal(t, `{"f":true}`, string(o.End()))
	o = NewJSONObject(nil)
	o.Str(`,"s":`, "a<b")
	o.Key(`,"k":`)
	o.B = append(o.B, '1')
	assert.Equal(t, `{"s":"a\u003cb","k":1}`, string(o.End()))
}

// TestAppendInt holds AppendInt to strconv.AppendInt: every value up to
// 100,000 and its negation, every power of ten and its neighbours, the
// extremes, and random values of every magnitude.
func TestAppendInt(t *testing.T) {
	vs := []int64{4200000101, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for v := range int64(100_001) {
		vs = append(vs, v, -v)
	}
	for p := int64(1); p <= math.MaxInt64/10; p *= 10 {
		vs = append(vs, p-1, p, p+1, 10*p-1)
	}
	rng := rand.New(rand.NewPCG(1, 3))
	for range 100_000 {
		vs = append(vs, rng.Int64()>>rng.IntN(63))
	}
	for _, v := range vs {
		if got, want := string(AppendInt([]byte("x"), v)), string(strconv.AppendInt([]byte("x"), v, 10)); got != want {
			t.Fatalf("AppendInt(%d) = %s, want %s", v, got, want)
		}
	}
}

// TestAppendSortedObject checks AppendSortedObject against json.Marshal of
// the map it stands for, keys needing escapes included, and that a value's
// error stops it.
func TestAppendSortedObject(t *testing.T) {
	keys := []string{"", "b", "a", "<&>", "a\"b", "\xff", "\xfe", "\u2028", "é", "\x01", "A"}
	for n := range len(keys) + 1 {
		m := map[string]any{}
		var ks []string
		for i, k := range keys[:n] {
			m[k] = i
			ks = append(ks, k)
		}
		want, err := json.Marshal(m)
		require.NoError(t, err)
		got, err := AppendSortedObject([]byte("x"), ks, func(b []byte, k string) ([]byte, error) {
			return strconv.AppendInt(b, int64(m[k].(int)), 10), nil
		})
		require.NoError(t, err)
		assert.Equal(t, "x"+string(want), string(got))
	}
	_, err := AppendSortedObject(nil, []string{"a"}, func(b []byte, k string) ([]byte, error) {
		return nil, errors.New("bad")
	})
	assert.Error(t, err)
}

// TestSortMapEntries checks the order against slices.Sort of the keys on
// random maps: keys sharing long prefixes, shorter than eight bytes,
// empty, with bytes from 0x80 and zero bytes; and the fallback sort.
func TestSortMapEntries(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	alphabet := []byte{0, 1, '.', '/', '0', '1', '9', 'a', 0x7f, 0x80, 0xff}
	for i := range 3000 {
		m := map[string]*int{}
		n := rng.IntN(40)
		if i%100 == 0 {
			n = 2000
		}
		for j := range n {
			k := make([]byte, rng.IntN(14))
			for p := range k {
				k[p] = alphabet[rng.IntN(len(alphabet))]
			}
			if rng.IntN(3) == 0 {
				k = append([]byte("10.20.1."), k...)
			}
			v := j
			m[string(k)] = &v
		}
		want := slices.Sorted(maps.Keys(m))
		for _, depth := range []int{-1, 0, 1} {
			var es []MapEntry[int]
			if depth < 0 {
				es = SortMapEntries(m)
			} else {
				for k, v := range m {
					es = append(es, MapEntry[int]{keyHead(k), k, v})
				}
				sortEntries(es, depth)
			}
			require.Len(t, es, len(want))
			for j, e := range es {
				require.Equal(t, want[j], e.Key, "case %d depth %d", i, depth)
				require.Same(t, m[e.Key], e.Val)
			}
		}
	}
	assert.Empty(t, SortMapEntries[int](nil))
}

// TestAppendMapEntries holds AppendMapEntries over SortMapEntries to
// AppendMap and json.Marshal: keys needing escapes, nil values, a row's
// error.
func TestAppendMapEntries(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 11))
	keys := []string{"", "10.1.1.0/24", "10.1.1.128/25", "10.10.0.0/16", "<&>", "a\"b", "\xff", "\u2028", "é", "2001:db8::/32"}
	row := func(v *int, b []byte) ([]byte, error) { return strconv.AppendInt(b, int64(*v), 10), nil }
	for i := range 2000 {
		m := map[string]*int{}
		for j := range rng.IntN(len(keys) + 1) {
			v := j
			if rng.IntN(5) == 0 {
				m[keys[rng.IntN(len(keys))]] = nil
			} else {
				m[keys[rng.IntN(len(keys))]] = &v
			}
		}
		want, err := json.Marshal(m)
		require.NoError(t, err)
		old, err := AppendMap([]byte("x"), m, row)
		require.NoError(t, err)
		got, err := AppendMapEntries([]byte("x"), SortMapEntries(m), row)
		require.NoError(t, err)
		require.Equal(t, "x"+string(want), string(got), "case %d", i)
		require.Equal(t, string(old), string(got), "case %d", i)
	}
	one := 1
	_, err := AppendMapEntries(nil, SortMapEntries(map[string]*int{"a": &one}), func(*int, []byte) ([]byte, error) { return nil, errors.New("bad") })
	assert.Error(t, err)
}

// TestJSONObjectString: a field without omitempty is written even empty,
// as encoding/json writes it.
func TestJSONObjectString(t *testing.T) {
	for _, v := range []string{"", "x", "<&>", "\xff"} {
		want, err := json.Marshal(struct {
			A string `json:"a"`
			B string `json:"b"`
		}{v, v})
		require.NoError(t, err)
		for _, keys := range [][2]string{{"a", "b"}, {`,"a":`, `,"b":`}} {
			o := NewJSONObject(nil)
			o.String(keys[0], v)
			o.String(keys[1], v)
			assert.Equal(t, string(want), string(o.End()), "%q with keys %q", v, keys)
		}
	}
}
