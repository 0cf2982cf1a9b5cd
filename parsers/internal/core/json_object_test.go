package core

import (
	"encoding/json"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJSONObject checks JSONObject against encoding/json on a struct with
// every kind of member it writes, set and empty.
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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(tc.v)
			require.NoError(t, err)
			o := NewJSONObject([]byte("prefix"))
			o.Str("a", tc.v.A)
			o.Int("n", tc.v.N)
			o.OptInt("p", tc.v.P)
			o.Flag("f", tc.v.F)
			o.Str("b", tc.v.B)
			assert.Equal(t, "prefix"+string(want), string(o.End()))
		})
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
