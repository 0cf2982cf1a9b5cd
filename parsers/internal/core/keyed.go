package core

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Keyed lists stand in for Genie's identity-keyed objects where nearly
// every parent has one or two entries (a BGP neighbor's address families,
// an interface's OSPF neighbors, a route's interfaces): a slice kept in key
// order costs no map per parent, and AppendKeyed writes exactly the JSON
// the map[string]*T would. Each list type keeps the key in its rows and
// offers Get(key).

// KeyedGet returns the row filed under k, or nil.
func KeyedGet[T any](rows []*T, key func(*T) string, k string) *T {
	for _, r := range rows {
		if r != nil && key(r) == k {
			return r
		}
	}
	return nil
}

// KeyedSet files r under key(r): it replaces the row of that key (as a map
// assignment would) or is inserted in key order.
func KeyedSet[T any](rows []*T, key func(*T) string, r *T) []*T {
	k := key(r)
	for i, o := range rows {
		if o != nil && key(o) == k {
			rows[i] = r
			return rows
		}
	}
	rows = append(rows, r)
	for i := len(rows) - 1; i > 0 && rows[i-1] != nil && key(rows[i]) < key(rows[i-1]); i-- {
		rows[i], rows[i-1] = rows[i-1], rows[i]
	}
	return rows
}

// AppendKeyed appends rows as json.Marshal writes the map[string]*T they
// stand for: null when nil, members in key order, each written by row (a
// method expression like (*Row).appendJSON).
// A nil row is an error naming the field (what), as a list built by hand
// could hold one.
func AppendKeyed[T any](b []byte, what string, rows []*T, key func(*T) string, row func(*T, []byte) []byte) ([]byte, error) {
	if rows == nil {
		return append(b, "null"...), nil
	}
	if slices.Contains(rows, nil) {
		return nil, fmt.Errorf("%s: nil entry", what)
	}
	cmp := func(x, y *T) int { return strings.Compare(key(x), key(y)) }
	if !slices.IsSortedFunc(rows, cmp) {
		rows = slices.Clone(rows)
		slices.SortStableFunc(rows, cmp)
	}
	b = append(b, '{')
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, key(r))
		b = append(b, ':')
		b = row(r, b)
	}
	return append(b, '}'), nil
}

// AppendIndexed appends rows as json.Marshal writes the map[int]*T they
// stand for (Genie's next-hop lists, keyed "1", "2", ...): null when nil,
// members in the order of their decimal keys ("10" before "2"), each
// written by row. A nil row is an error naming the field (what).
func AppendIndexed[T any](b []byte, what string, rows []*T, index func(*T) int, row func(*T, []byte) []byte) ([]byte, error) {
	if rows == nil {
		return append(b, "null"...), nil
	}
	if slices.Contains(rows, nil) {
		return nil, fmt.Errorf("%s: nil entry", what)
	}
	cmp := func(x, y *T) int {
		var kx, ky [20]byte
		return strings.Compare(string(strconv.AppendInt(kx[:0], int64(index(x)), 10)), string(strconv.AppendInt(ky[:0], int64(index(y)), 10)))
	}
	if !slices.IsSortedFunc(rows, cmp) {
		rows = slices.Clone(rows)
		slices.SortStableFunc(rows, cmp)
	}
	b = append(b, '{')
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(index(r)), 10)
		b = append(b, '"', ':')
		b = row(r, b)
	}
	return append(b, '}'), nil
}

// AppendMap appends m as json.Marshal writes a map[string]*T: null when
// nil, members in key order, a nil value as null, the others written by
// row. Result types whose maps are large (a route table's prefixes) use it
// or its two halves, SortMapEntries and AppendMapEntries, so issu's
// artifact encoder sorts plain strings instead of reflected values.
func AppendMap[T any](b []byte, m map[string]*T, row func(*T, []byte) ([]byte, error)) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	return AppendMapEntries(b, SortMapEntries(m), row)
}

// AppendMapObject appends what json.Marshal writes for a struct whose one
// field is the omitempty map m under key (a member prefix `,"name":` or a
// bare name, as JSONObject.Key takes): {} when m is empty. Route tables'
// address families are such structs.
func AppendMapObject[T any](b []byte, key string, m map[string]*T, row func(*T, []byte) ([]byte, error)) ([]byte, error) {
	o := NewJSONObject(b)
	if len(m) > 0 {
		o.Key(key)
		var err error
		if o.B, err = AppendMap(o.B, m, row); err != nil {
			return nil, err
		}
	}
	return o.End(), nil
}
