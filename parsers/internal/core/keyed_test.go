package core

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type keyedRow struct {
	K string `json:"-"`
	N int    `json:"n"`
}

func keyedRowKey(r *keyedRow) string { return r.K }

func (r *keyedRow) appendJSON(b []byte) []byte {
	o := NewJSONObject(b)
	o.Int("n", r.N)
	return o.End()
}

// TestKeyed checks the keyed-list helpers against the map they stand for.
func TestKeyed(t *testing.T) {
	tests := []struct {
		name string
		set  []keyedRow // filed in this order with KeyedSet
		raw  []*keyedRow
		err  bool
	}{
		{name: "nil is null"},
		{name: "empty", raw: []*keyedRow{}},
		{name: "filed in order", set: []keyedRow{{"ipv6 unicast", 2}, {"ipv4 unicast", 1}, {"vpnv4", 3}}},
		{name: "filed twice replaces", set: []keyedRow{{"b", 1}, {"a", 2}, {"b", 3}}},
		{name: "keys that need escaping", set: []keyedRow{{"<&>", 1}, {"é", 2}, {"a\"b", 3}}},
		{name: "built unsorted by hand", raw: []*keyedRow{{"z", 1}, {"a", 2}, {"m", 3}}},
		{name: "nil row", raw: []*keyedRow{{"a", 1}, nil}, err: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := tc.raw
			var want map[string]*keyedRow
			if rows != nil || tc.set != nil {
				want = map[string]*keyedRow{}
			}
			for _, r := range rows {
				if r != nil {
					want[r.K] = r
				}
			}
			for _, r := range tc.set {
				r := r
				rows = KeyedSet(rows, keyedRowKey, &r)
				want[r.K] = &r
			}
			got, err := AppendKeyed([]byte("x"), "field", rows, keyedRowKey, (*keyedRow).appendJSON)
			if tc.err {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "field")
				return
			}
			require.NoError(t, err)
			wantJSON, err := json.Marshal(want)
			require.NoError(t, err)
			assert.Equal(t, "x"+string(wantJSON), string(got))
			for k, r := range want {
				assert.Same(t, r, KeyedGet(rows, keyedRowKey, k), k)
			}
			assert.Nil(t, KeyedGet(rows, keyedRowKey, "absent"))
		})
	}
}
