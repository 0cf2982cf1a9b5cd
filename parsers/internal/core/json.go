package core

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// AppendJSONString appends s quoted as json.Marshal writes it: printable
// ASCII other than '"', '\\', '<', '>' and '&' as is; a string with any
// other byte goes through json.Marshal itself, so its escapes (HTML-safe,
// \u2028, invalid UTF-8) are exactly Go's. Result types' AppendJSON
// methods use it to write their JSON without encoding/json's reflection.
func AppendJSONString(b []byte, s string) []byte {
	// A table lookup per byte: the seven comparisons it replaced made
	// this the costliest function of writing a snapshot's artifacts.
	for i := 0; i < len(s); i++ {
		if !jsonPlain[s[i]] {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// jsonPlain marks the bytes json.Marshal writes as they are.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c <= 0x7e; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// Float is a float64 that marshals with a decimal point ("5.0", not "5"),
// as Python's json module writes floats, so a parsed result keeps Genie's
// float type where its schema says float.
type Float float64

// MarshalJSON writes f in the shortest form that still reads as a float.
func (f Float) MarshalJSON() ([]byte, error) { return f.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for f (NaN and ±Inf
// are errors, as there).
func (f Float) AppendJSON(b []byte) ([]byte, error) {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return nil, fmt.Errorf("json: unsupported value: %v", float64(f))
	}
	start := len(b)
	b = strconv.AppendFloat(b, float64(f), 'f', -1, 64)
	for _, c := range b[start:] {
		if c == '.' || c == 'e' {
			return b, nil
		}
	}
	return append(b, '.', '0'), nil
}

// JSONObject appends a JSON object's members as encoding/json writes a
// struct's fields: comma-separated, omitempty fields left out. Result
// types' hand-written AppendJSON methods use it; keys must be plain
// ASCII field names (they are written unescaped).
type JSONObject struct {
	B     []byte
	start int
}

// NewJSONObject starts an object after b's bytes.
func NewJSONObject(b []byte) JSONObject { return JSONObject{append(b, '{'), len(b) + 1} }

// Key writes a member's key, after a comma unless it is the first.
func (o *JSONObject) Key(k string) {
	if len(o.B) > o.start {
		o.B = append(o.B, ',')
	}
	o.B = append(o.B, '"')
	o.B = append(o.B, k...)
	o.B = append(o.B, '"', ':')
}

// Str writes an omitempty string field.
func (o *JSONObject) Str(k, v string) {
	if v != "" {
		o.Key(k)
		o.B = AppendJSONString(o.B, v)
	}
}

// Int writes an int field.
func (o *JSONObject) Int(k string, v int) {
	o.Key(k)
	o.B = strconv.AppendInt(o.B, int64(v), 10)
}

// OptInt writes an omitempty *int field.
func (o *JSONObject) OptInt(k string, v *int) {
	if v != nil {
		o.Int(k, *v)
	}
}

// Flag writes an omitempty bool field.
func (o *JSONObject) Flag(k string, v bool) {
	if v {
		o.Key(k)
		o.B = append(o.B, "true"...)
	}
}

// End closes the object and returns the bytes.
func (o *JSONObject) End() []byte { return append(o.B, '}') }

// AppendSortedObject appends a JSON object with the given keys in the
// order json.Marshal writes a map's (sorted as Go strings, escaped as
// AppendJSONString does), each value appended by val. keys is sorted in
// place and must hold no duplicates. Result types that flatten a map
// beside fixed keys, as Genie does, use it to write what json.Marshal of
// the merged map[string]any would, without building that map.
func AppendSortedObject(b []byte, keys []string, val func(b []byte, k string) ([]byte, error)) ([]byte, error) {
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, k)
		b = append(b, ':')
		var err error
		if b, err = val(b, k); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}
