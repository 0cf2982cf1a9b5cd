package issu

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers"
)

// viaJSON is what jsonMap must equal: the Marshal→Unmarshal round trip.
func viaJSON(t testing.TB, v any) (map[string]any, bool) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var m map[string]any
	if json.Unmarshal(b, &m) != nil || m == nil {
		return nil, false
	}
	return m, true
}

type tmInner struct {
	A int    `json:"a"`
	B string `json:"b,omitempty"`
}

type tmEmbedded struct {
	tmInner
	C float32 `json:"c"`
}

type tmEmbPtr struct {
	X int `json:"x"`
	*tmInner
}

// tmClash has two fields named "a": encoding/json's dominance rules apply.
type tmClash struct {
	A int `json:"a"`
	tmInner
}

type tmMarshaler float64

func (m tmMarshaler) MarshalJSON() ([]byte, error) { return []byte(`"` + "m" + `"`), nil }

type tmPtrMarshaler struct{ X int }

func (m *tmPtrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"ptr":true}`), nil }

type tmText struct{ s string }

func (t tmText) MarshalText() ([]byte, error) { return []byte("text:" + t.s), nil }

type tmZero struct{ N int }

func (z tmZero) IsZero() bool { return z.N == 7 }

type tmAll struct {
	Int      int                `json:"int"`
	Uint     uint64             `json:"uint"`
	Big      int64              `json:"big"`
	F32      float32            `json:"f32"`
	F64      float64            `json:"f64"`
	Bool     bool               `json:"bool,omitempty"`
	Str      string             `json:"str"`
	Bad      string             `json:"bad"`
	Bytes    []byte             `json:"bytes"`
	NilSlice []string           `json:"nil_slice"`
	Empty    []string           `json:"empty,omitempty"`
	Arr      [2]int             `json:"arr"`
	IntKeys  map[int]string     `json:"int_keys"`
	TextKeys map[tmText]int     `json:"text_keys"`
	Ptr      *tmInner           `json:"ptr"`
	NilPtr   *tmInner           `json:"nil_ptr"`
	OmitPtr  *tmInner           `json:"omit_ptr,omitempty"`
	Iface    any                `json:"iface"`
	Marsh    tmMarshaler        `json:"marsh"`
	PtrMarsh tmPtrMarshaler     `json:"ptr_marsh"`
	Text     tmText             `json:"text"`
	Zero     tmZero             `json:"zero,omitzero"`
	Zero2    tmZero             `json:"zero2,omitzero"`
	Plain    tmInner            `json:"plain,omitzero"`
	Str2     int                `json:"str2,string"`
	Skip     int                `json:"-"`
	Dash     int                `json:"-,"`
	NoTag    int                //nolint
	BadTag   int                `json:"a\"b"`
	Nested   map[string]tmInner `json:"nested"`
	Emb      tmEmbedded         `json:"emb"`
	Num      json.Number        `json:"num"`
	NumEmpty json.Number        `json:"num_empty"`
	EmbPtr   tmEmbPtr           `json:"emb_ptr"`
	EmbNil   tmEmbPtr           `json:"emb_nil"`
	Clash    tmClash            `json:"clash"`
	private  int
}

// tmFull sets every field of tmAll, with values that need care: escapes,
// big integers, float cut-offs, int and text map keys, embedded pointers.
func tmFull() *tmAll {
	return &tmAll{
		Int: -3, Uint: 1<<64 - 1, Big: 1<<53 + 1, F32: 0.1, F64: 1e21, Str: "a<b>&\u2028", Bad: "x\xffy",
		Bytes: []byte("hi"), Arr: [2]int{1, 2}, IntKeys: map[int]string{1: "one", -2: "minus", 10: "ten"}, TextKeys: map[tmText]int{{"k"}: 1},
		Ptr: &tmInner{A: 1}, Iface: []any{1, "x", nil, map[string]any{"k": 1.5}}, Marsh: 2, Text: tmText{"t"},
		Zero: tmZero{N: 7}, Zero2: tmZero{N: 0}, Str2: 5, Skip: 1, Dash: 2, NoTag: 3, BadTag: 4,
		Nested: map[string]tmInner{"n": {A: 2, B: "b"}, "<": {}}, Emb: tmEmbedded{tmInner: tmInner{A: 9}, C: 1.1}, private: 1,
		Num: "12.5e3", EmbPtr: tmEmbPtr{X: 1, tmInner: &tmInner{A: 2}}, Clash: tmClash{A: 1, tmInner: tmInner{A: 2, B: "b"}},
	}
}

// jsonCase is a value whose JSON a walk or an encoder must get right.
type jsonCase struct {
	name string
	v    any
}

// jsonKindCases are the values both jsonMap and appendJSON are checked on:
// nils, every field kind, embedding, marshalers at the top level.
func jsonKindCases() []jsonCase {
	full := tmFull()
	return []jsonCase{
		{"nil", nil},
		{"typed nil pointer", (*tmAll)(nil)},
		{"zero struct", &tmAll{}},
		{"every kind", full},
		{"struct value", *full},
		{"embedded struct", &tmEmbedded{tmInner: tmInner{A: 1, B: "x"}, C: 2.5}},
		{"marshaler top level", tmMarshaler(1)},
		{"pointer marshaler top level", &tmPtrMarshaler{}},
		{"not an object", []int{1, 2}},
	}
}

func TestJSONMapEqualsRoundTrip(t *testing.T) {
	tests := append(jsonKindCases(),
		jsonCase{"plain map", map[string]any{"a": []int{1}, "b": nil}},
		jsonCase{"string", "s"},
	)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, wantOK := viaJSON(t, tc.v)
			got, ok := jsonMap(tc.v)
			assert.Equal(t, wantOK, ok)
			assert.Equal(t, want, got)
		})
	}
}

// TestJSONMapGolden checks the walk against the round trip on every
// parser result of Genie's golden corpus.
func TestJSONMapGolden(t *testing.T) {
	root := os.Getenv("GOISSU_GOLDEN")
	if root == "" {
		root = filepath.Join("..", "..", "shared", "golden")
	}
	if _, err := os.Stat(root); err != nil {
		t.Skipf("golden corpus not found at %s (set GOISSU_GOLDEN): %v", root, err)
	}
	n := 0
	for _, osName := range parsers.OSes() {
		for _, p := range parsers.Parsers(osName) {
			files, _ := filepath.Glob(filepath.Join(root, osName, p.Class, "*.txt"))
			for _, f := range files {
				if strings.HasSuffix(f, ".empty.txt") {
					continue
				}
				out, err := os.ReadFile(f)
				require.NoError(t, err)
				res, err := p.Parse(string(out), parsers.Params{})
				if err != nil || res.Parsed == nil {
					continue
				}
				n++
				want, wantOK := viaJSON(t, res.Parsed)
				got, ok := jsonMap(res.Parsed)
				if !assert.Equal(t, wantOK, ok, f) || !assert.Equal(t, want, got, f) {
					return
				}
			}
		}
	}
	require.NotZero(t, n, "no golden case parsed")
	t.Logf("%d golden parser results compared", n)
}

func TestDecodeSimple(t *testing.T) {
	tests := []struct {
		name, in string
		simple   bool // decodeSimple handles it itself
	}{
		{"object", `{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, true},
		{"spaces", " { \"a\" : [ 1 , 2 ] }\n", true},
		{"empty containers", `{"a":{},"b":[]}`, true},
		{"numbers", `[0,-1,1.5,2e3,-0.25E-2,12345678901234567890]`, true},
		{"duplicate keys", `{"a":1,"a":2}`, true},
		{"unicode", `{"ü":"ß→"}`, true},
		{"escapes", `{"a":"x\"y\\u00e9\n"}`, false},
		{"invalid utf-8", "{\"a\":\"\xff\"}", false},
		{"control byte", "{\"a\":\"\x01\"}", false},
		{"bad number", `[01]`, false},
		{"out of range", `[1e400]`, false},
		{"trailing data", `{"a":1} x`, false},
		{"truncated", `{"a":[1,`, false},
		{"bare word", `nul`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := decodeSimple([]byte(tc.in))
			assert.Equal(t, tc.simple, ok)
			if !ok {
				return
			}
			var want any
			require.NoError(t, json.Unmarshal([]byte(tc.in), &want))
			assert.Equal(t, want, got)
		})
	}
}
