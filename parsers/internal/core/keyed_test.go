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

type indexedRow struct {
	I int `json:"index"`
}

func indexedRowIndex(r *indexedRow) int { return r.I }

func (r *indexedRow) appendJSON(b []byte) []byte {
	o := NewJSONObject(b)
	o.Int("index", r.I)
	return o.End()
}

// TestAppendIndexed checks index-keyed lists against the map[int] they
// stand for: keys past 9 sort as strings, nil is null, a nil row fails.
func TestAppendIndexed(t *testing.T) {
	var twelve []*indexedRow
	for i := 12; i >= 1; i-- {
		twelve = append(twelve, &indexedRow{i})
	}
	tests := []struct {
		name string
		rows []*indexedRow
		err  bool
	}{
		{name: "nil is null"},
		{name: "empty", rows: []*indexedRow{}},
		{name: "one", rows: []*indexedRow{{1}}},
		{name: "twelve, reversed", rows: twelve},
		{name: "nil row", rows: []*indexedRow{{1}, nil}, err: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AppendIndexed([]byte("x"), "next_hop_list", tc.rows, indexedRowIndex, (*indexedRow).appendJSON)
			if tc.err {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "next_hop_list")
				return
			}
			require.NoError(t, err)
			var want map[int]*indexedRow
			if tc.rows != nil {
				want = map[int]*indexedRow{}
				for _, r := range tc.rows {
					want[r.I] = r
				}
			}
			wantJSON, err := json.Marshal(want)
			require.NoError(t, err)
			assert.Equal(t, "x"+string(wantJSON), string(got))
		})
	}
}

type mapRow struct {
	A string `json:"a,omitempty"`
	N int    `json:"n"`
}

func (r *mapRow) appendJSON(b []byte) ([]byte, error) {
	if r.N < 0 {
		return nil, assert.AnError
	}
	o := NewJSONObject(b)
	o.Str("a", r.A)
	o.Int("n", r.N)
	return o.End(), nil
}

// TestAppendMap checks AppendMap against encoding/json on the map itself:
// nil and empty maps, nil values, keys that need escaping or sort by
// bytes, and a row's error.
func TestAppendMap(t *testing.T) {
	cases := []struct {
		name string
		m    map[string]*mapRow
	}{
		{"nil", nil},
		{"empty", map[string]*mapRow{}},
		{"one", map[string]*mapRow{"10.0.0.0/8": {A: "x", N: 1}}},
		{"sorted by bytes", map[string]*mapRow{"10.1.0.0/16": {N: 2}, "10.0.0.0/8": {N: 1}, "9.0.0.0/8": {N: 3}, "Z": {}, "a": {}, "é": {}}},
		{"nil value", map[string]*mapRow{"b": nil, "a": {A: "<&>"}}},
		{"escaped keys", map[string]*mapRow{"a\"b": {}, "<x>": {}, "\xff": {}, "\u2028": {}, "tab\t": {}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want, err := json.Marshal(tc.m)
			require.NoError(t, err)
			got, err := AppendMap([]byte("x"), tc.m, (*mapRow).appendJSON)
			require.NoError(t, err)
			assert.Equal(t, "x"+string(want), string(got))
		})
	}
	t.Run("row error", func(t *testing.T) {
		_, err := AppendMap(nil, map[string]*mapRow{"a": {}, "b": {N: -1}}, (*mapRow).appendJSON)
		assert.ErrorIs(t, err, assert.AnError)
	})
}

// TestAppendMapObject checks the one-map-field object against encoding/json
// on the struct it stands for, with both forms of the key.
func TestAppendMapObject(t *testing.T) {
	type obj struct {
		M map[string]*mapRow `json:"m,omitempty"`
	}
	for _, m := range []map[string]*mapRow{nil, {}, {"b": {N: 2}, "a": nil, "<c>": {A: "&"}}} {
		want, err := json.Marshal(obj{m})
		require.NoError(t, err)
		for _, key := range []string{`,"m":`, "m"} {
			got, err := AppendMapObject([]byte("x"), key, m, (*mapRow).appendJSON)
			require.NoError(t, err)
			assert.Equal(t, "x"+string(want), string(got), "key %s", key)
		}
	}
	_, err := AppendMapObject(nil, "m", map[string]*mapRow{"a": {N: -1}}, (*mapRow).appendJSON)
	assert.ErrorIs(t, err, assert.AnError)
}
