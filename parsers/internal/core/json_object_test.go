package core

import (
	"encoding/json"
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
