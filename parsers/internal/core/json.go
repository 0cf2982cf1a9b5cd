package core

import (
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
)

// AppendJSONString appends s quoted as json.Marshal writes it: printable
// ASCII other than '"', '\\', '<', '>' and '&' as is; a string with any
// other byte goes through json.Marshal itself, so its escapes (HTML-safe,
// \u2028, invalid UTF-8) are exactly Go's. Result types' AppendJSON
// methods use it to write their JSON without encoding/json's reflection.
func AppendJSONString(b []byte, s string) []byte {
	if !isPlain(s) {
		q, _ := json.Marshal(s) // a string always encodes
		return append(b, q...)
	}
	return appendQuoted(b, "", s)
}

// isPlain reports whether json.Marshal writes every byte of s as is.
func isPlain(s string) bool {
	// Eight bytes at a time (the last word overlapping the one before),
	// a table lookup per byte for shorter strings: scanning the strings
	// was the costliest part of writing a snapshot's artifacts.
	if len(s) < 8 {
		for i := 0; i < len(s); i++ {
			if !jsonPlain[s[i]] {
				return false
			}
		}
		return true
	}
	for i := 0; i+8 < len(s); i += 8 {
		if !plainWord(word(s[i:])) {
			return false
		}
	}
	return plainWord(word(s[len(s)-8:]))
}

// word returns the first eight bytes of s (at least eight) as one word.
func word(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const (
	ones  = 0x0101010101010101 // a byte value times ones repeats it in every byte
	highs = 0x8080808080808080
)

// plainWord reports whether all eight bytes of w are plain (jsonPlain).
// Each term below has a byte's high bit set for some byte of its class
// (exactly when there is one, the classic "has zero byte" test): bytes
// from 0x80, below 0x20, 0x7f, '\\', '"' or '&' (0x22, 0x26: equal once
// bit 0x04 is set), '<' or '>' (0x3c, 0x3e: equal once bit 0x02 is set).
func plainWord(w uint64) bool {
	t := w | (w-0x20*ones)&^w |
		zeroBytes(w^0x7f*ones) | zeroBytes(w^'\\'*ones) |
		zeroBytes((w|0x04*ones)^0x26*ones) | zeroBytes((w|0x02*ones)^0x3e*ones)
	return t&highs == 0
}

// zeroBytes has a byte's high bit set (under highs) when v has a zero
// byte, and only then.
func zeroBytes(v uint64) uint64 { return (v - ones) &^ v }

// appendQuoted appends k, then s (plain) in quotes.
func appendQuoted(b []byte, k, s string) []byte {
	b = append(b, k...)
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
// types' hand-written AppendJSON methods use it.
//
// A member's key k is either its prefix as written, `,"name":` (the comma
// is dropped before the first member), which costs one append, or a bare
// name, which is quoted around it. Hot encoders (route tables) use the
// first form. Either way the name must be plain ASCII, as it is written
// unescaped, and a bare name must not start with a comma.
type JSONObject struct {
	B     []byte
	start int
}

// NewJSONObject starts an object after b's bytes.
func NewJSONObject(b []byte) JSONObject { return JSONObject{append(b, '{'), len(b) + 1} }

// Key writes a member's key (a prefix `,"name":` or a bare name), after
// a comma unless it is the first.
func (o *JSONObject) Key(k string) {
	if len(k) > 0 && k[0] == ',' {
		if len(o.B) == o.start {
			k = k[1:]
		}
		o.B = append(o.B, k...)
		return
	}
	o.name(k)
}

// name writes a bare name's key.
func (o *JSONObject) name(k string) {
	if len(o.B) > o.start {
		o.B = append(o.B, ',')
	}
	o.B = append(o.B, '"')
	o.B = append(o.B, k...)
	o.B = append(o.B, '"', ':')
}

// Str writes an omitempty string field. It and Flag test the value
// inline, so the many empty fields of a route table cost no call.
func (o *JSONObject) Str(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

// str writes a non-empty Str: a plain value after a member prefix takes
// one growth check per piece and no second scan.
func (o *JSONObject) str(k, v string) {
	if len(k) == 0 || k[0] != ',' || !isPlain(v) {
		o.Key(k)
		o.B = AppendJSONString(o.B, v)
		return
	}
	if len(o.B) == o.start {
		k = k[1:]
	}
	o.B = appendQuoted(o.B, k, v)
}

// String writes a string field that is written even when empty (no
// omitempty in its tag).
func (o *JSONObject) String(k, v string) {
	o.Key(k)
	o.B = AppendJSONString(o.B, v)
}

// Int writes an int field.
func (o *JSONObject) Int(k string, v int) {
	o.Key(k)
	o.B = AppendInt(o.B, int64(v))
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
		o.flag(k)
	}
}

// flag writes a set Flag. Not inlined, so that Flag is.
//
//go:noinline
func (o *JSONObject) flag(k string) {
	o.Key(k)
	o.B = append(o.B, "true"...)
}

// End closes the object and returns the bytes.
func (o *JSONObject) End() []byte { return append(o.B, '}') }

// AppendInt appends v in decimal, as strconv.AppendInt(b, v, 10) does,
// without its call chain, which was a fifth of a route table's encoding:
// one digit (indexes, most preferences and metrics) inline, other
// non-negative values two digits at a time.
func AppendInt(b []byte, v int64) []byte {
	if uint64(v) < 10 {
		return append(b, byte('0'+v))
	}
	return appendInt(b, v)
}

// digitPairs holds "00" to "99".
const digitPairs = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" +
	"30313233343536373839" + "40414243444546474849" + "50515253545556575859" + "60616263646566676869" +
	"70717273747576777879" + "80818283848586878889" + "90919293949596979899"

func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		return strconv.AppendInt(b, v, 10)
	}
	u := uint64(v)
	if u < 100 {
		return append(b, digitPairs[2*u], digitPairs[2*u+1])
	}
	var buf [20]byte // the longest int64
	i := len(buf)
	for u >= 100 {
		r := u % 100
		u /= 100
		i -= 2
		buf[i], buf[i+1] = digitPairs[2*r], digitPairs[2*r+1]
	}
	if u >= 10 {
		i -= 2
		buf[i], buf[i+1] = digitPairs[2*u], digitPairs[2*u+1]
	} else {
		i--
		buf[i] = byte('0' + u)
	}
	return append(b, buf[i:]...)
}

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

// MapEntry is one member of a map[string]*T, for writing the map in key
// order.
type MapEntry[T any] struct {
	head uint64 // Key's first eight bytes, big-endian, zero-padded
	Key  string // the member's key
	Val  *T     // its value (nil is written as null)
}

// SortMapEntries returns m's entries in the order json.Marshal writes a
// map's members (keys as Go strings). A route table's prefixes nearly
// all differ in their first eight bytes, so the sort compares those as
// one number first, and with no call per comparison: sorting the
// prefixes with slices.SortFunc and strings.Compare was a sixth of
// writing the table.
func SortMapEntries[T any](m map[string]*T) []MapEntry[T] {
	es := make([]MapEntry[T], 0, len(m))
	for k, v := range m {
		es = append(es, MapEntry[T]{keyHead(k), k, v})
	}
	sortEntries(es, 2*bits.Len(uint(len(es))))
	return es
}

// AppendMapEntries appends es, in their order, as json.Marshal writes a
// map's members: {"key":value,...}, a nil value as null, the others
// written by row. With SortMapEntries it writes what AppendMap does.
func AppendMapEntries[T any](b []byte, es []MapEntry[T], row func(*T, []byte) ([]byte, error)) ([]byte, error) {
	b = append(b, '{')
	for i := range es {
		e := &es[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendJSONString(b, e.Key)
		b = append(b, ':')
		if e.Val == nil {
			b = append(b, "null"...)
			continue
		}
		var err error
		if b, err = row(e.Val, b); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// keyHead returns the first eight bytes of k, zero-padded, big-endian:
// when two keys' heads differ the keys compare as their heads do (where a
// key ends first it is a prefix of the other, so less, as its zero is).
func keyHead(k string) uint64 {
	if len(k) >= 8 {
		return uint64(k[0])<<56 | uint64(k[1])<<48 | uint64(k[2])<<40 | uint64(k[3])<<32 |
			uint64(k[4])<<24 | uint64(k[5])<<16 | uint64(k[6])<<8 | uint64(k[7])
	}
	var h uint64
	for i := range 8 {
		h <<= 8
		if i < len(k) {
			h |= uint64(k[i])
		}
	}
	return h
}

// entryLess orders entries by key.
func entryLess[T any](a, b *MapEntry[T]) bool {
	return a.head < b.head || a.head == b.head && a.Key < b.Key
}

// sortEntries sorts es (distinct keys) by key: quicksort with a median of
// three pivot down to a dozen entries, then insertion sort. Past depth
// levels of partitioning (a pathological order) it leaves the rest to
// slices.SortFunc.
func sortEntries[T any](es []MapEntry[T], depth int) {
	for len(es) > 12 {
		if depth == 0 {
			slices.SortFunc(es, func(a, b MapEntry[T]) int {
				if entryLess(&a, &b) {
					return -1
				}
				return 1 // keys are distinct
			})
			return
		}
		depth--
		// Put the median of the first, middle and last entries first.
		m, last := len(es)/2, len(es)-1
		if entryLess(&es[m], &es[0]) {
			es[0], es[m] = es[m], es[0]
		}
		if entryLess(&es[last], &es[m]) {
			es[m], es[last] = es[last], es[m]
			if entryLess(&es[m], &es[0]) {
				es[0], es[m] = es[m], es[0]
			}
		}
		es[0], es[m] = es[m], es[0]
		pivot := es[0]
		i, j := 1, last
		for {
			for i <= j && entryLess(&es[i], &pivot) {
				i++
			}
			for i <= j && entryLess(&pivot, &es[j]) {
				j--
			}
			if i >= j {
				break
			}
			es[i], es[j] = es[j], es[i]
			i++
			j--
		}
		es[0], es[j] = es[j], es[0]
		// Recurse into the smaller side, loop on the larger.
		if j < len(es)-j {
			sortEntries(es[:j], depth)
			es = es[j+1:]
		} else {
			sortEntries(es[j+1:], depth)
			es = es[:j]
		}
	}
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && entryLess(&es[j], &es[j-1]); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}
