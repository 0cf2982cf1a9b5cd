package issu

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers"
)

// requireSameJSON checks appendJSON against json.Marshal: the same bytes,
// or an error from both.
func requireSameJSON(t testing.TB, v any, msgAndArgs ...any) {
	t.Helper()
	want, wantErr := json.Marshal(v)
	got, err := appendJSON([]byte("prefix:"), v)
	if wantErr != nil {
		require.Error(t, err, msgAndArgs...)
		return
	}
	require.NoError(t, err, msgAndArgs...)
	require.Equal(t, "prefix:"+string(want), string(got), msgAndArgs...)
}

type teSelf struct {
	Name string  `json:"name"`
	Next *teSelf `json:"next,omitempty"`
}

type teAppender struct{ N int }

func (a teAppender) AppendJSON(dst []byte) ([]byte, error) {
	return append(dst, `{"n":`+string(rune('0'+a.N))+`}`...), nil
}

func (a teAppender) MarshalJSON() ([]byte, error) { return a.AppendJSON(nil) }

type tePtrAppender struct{ N int }

func (a *tePtrAppender) AppendJSON(dst []byte) ([]byte, error) {
	return append(dst, `"ptr"`...), nil
}

func (a *tePtrAppender) MarshalJSON() ([]byte, error) { return a.AppendJSON(nil) }

type teHolder struct {
	A  teAppender    `json:"a"`
	P  tePtrAppender `json:"p"`
	PP *teAppender   `json:"pp"`
	L  []tePtrAppender
}

func TestAppendJSONCases(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1.5, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, 5e-324, math.MaxFloat64, 0.1}
	var floatVals []any
	for _, f := range floats {
		floatVals = append(floatVals, f, float32(f), -f)
	}
	tests := append(jsonKindCases(), []jsonCase{
		{"plain map", map[string]any{"b": []int{1}, "a": nil, "é": "\t\n\"\\"}},
		{"strings", []string{"", "plain", "a\"b", "a\\b", "<&>", "a<b", "a>b", "a&b", "\x00\x1f\x7f", "\u2028\u2029", "é", "\xff\xfe", "tab\t"}},
		{"floats", floatVals},
		{"recursive type", &teSelf{Name: "a", Next: &teSelf{Name: "b"}}},
		{"appenders", &teHolder{A: teAppender{1}, PP: &teAppender{2}, L: []tePtrAppender{{}}}},
		{"appender values, not addressable", map[string]tePtrAppender{"x": {}}},
		{"nil appender pointer", &teHolder{}},
		{"NaN is an error", map[string]float64{"x": math.NaN()}},
		{"Inf is an error", []float32{float32(math.Inf(1))}},
		{"uint8 array", [3]uint8{1, 2, 3}},
		{"uint keys", map[uint16]bool{3: true, 20: false}},
		{"interface map values", map[string]any{"n": json.Number("1.5"), "f": float32(0.3)}},
		{"times", []any{time.Time{}, time.Date(2026, 11, 27, 23, 59, 59, 123456789, time.UTC),
			time.Date(2026, 3, 1, 2, 3, 4, 0, time.FixedZone("x", -(7*3600+30*60))), &teTimes{}, teTimes{T: time.Unix(1, 0).UTC(), P: new(time.Time)}}},
		{"time year out of range is an error", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"leaves and omit tests, zero", &teLeaves{}},
		{"leaves and omit tests, set", &teLeaves{
			S: "x", I: -1, U: 2, B: true, SO: "y", IO: 3, UO: 4, BO: true, SZ: "z", IZ: 5, Named: "n", NamedZ: "keep",
			P: new(int), M: map[string]int{"a": 1}, L: []int{0}, A: 0, E: map[string]int{}, EL: []int{},
			Nest: map[string]map[string]map[int]teLeaves{"b": {"y": {2: {S: "inner"}}, "x": nil}, "a": {}},
		}},
	}...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { requireSameJSON(t, tc.v) })
	}
	t.Run("cycle is an error, not a crash", func(t *testing.T) {
		c := &teSelf{Name: "loop"}
		c.Next = c
		_, err := appendJSON(nil, c)
		require.Error(t, err)
	})
}

// TestAppendJSONGolden compares the encoder with json.Marshal on every
// parser result of Genie's golden corpus and of the project's fixtures.
func TestAppendJSONGolden(t *testing.T) {
	var files []string
	root := os.Getenv("GOISSU_GOLDEN")
	if root == "" {
		root = filepath.Join("..", "..", "shared", "golden")
	}
	golden, _ := filepath.Glob(filepath.Join(root, "*", "*", "*.txt"))
	files = append(files, golden...)
	fixtures, err := filepath.Glob(filepath.Join("..", "fixtures", "outputs", "*", "*", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, fixtures)
	files = append(files, fixtures...)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".empty.txt") {
			continue
		}
		out, err := os.ReadFile(f)
		require.NoError(t, err)
		osName := filepath.Base(filepath.Dir(filepath.Dir(f)))
		for _, p := range parsers.Parsers(osName) {
			res, err := p.Parse(string(out), parsers.Params{})
			if err != nil || res.Parsed == nil {
				continue
			}
			n++
			requireSameJSON(t, res.Parsed, "%s parsed as %s", f, p.Class)
		}
	}
	require.NotZero(t, n)
	t.Logf("%d parser results compared (%d golden files)", n, len(golden))
}

// FuzzAppendJSON parses arbitrary text with every parser and compares the
// encoder with json.Marshal on whatever comes out.
func FuzzAppendJSON(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "fixtures", "outputs", "*", "*", "*.txt"))
	for _, s := range seeds {
		// Small outputs only: the fuzzer mutates and minimizes faster.
		if b, err := os.ReadFile(s); err == nil && len(b) <= 2048 {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, osName := range parsers.OSes() {
			for _, p := range parsers.Parsers(osName) {
				res, err := p.Parse(text, parsers.Params{})
				if err != nil || res.Parsed == nil {
					continue
				}
				requireSameJSON(t, res.Parsed, "%s/%s", osName, p.Class)
			}
		}
	})
}

// BenchmarkParsedEncode compares the artifact encoder with json.Marshal on
// the largest nxos route fixture.
func BenchmarkParsedEncode(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "fixtures", "outputs", "nxos", "show_ip_route", "*.txt"))
	var largest []byte
	for _, f := range files {
		if raw, err := os.ReadFile(f); err == nil && len(raw) > len(largest) {
			largest = raw
		}
	}
	v, err := parsers.Parse("nxos", "show ip route vrf all", string(largest))
	require.NoError(b, err)
	want, err := json.Marshal(v)
	require.NoError(b, err)
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(want)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("appendJSON", func(b *testing.B) {
		b.SetBytes(int64(len(want)))
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			var err error
			if buf, err = appendJSON(buf[:0], v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestWriteJSONIsMarshalIndent checks Run.WriteJSON writes what
// json.MarshalIndent writes, on a manifest and on values every kind.
func TestWriteJSONIsMarshalIndent(t *testing.T) {
	run, err := OpenRun(t.TempDir(), "indent")
	require.NoError(t, err)
	values := []any{
		Manifest{Device: "D1", OS: "nxos", Phase: Pre, Commands: []CommandRecord{{Label: "version", Command: "show version", Status: RecordOK, Raw: "version.txt"}}},
		tmFull(),
		map[string]any{"empty": map[string]any{}, "list": []any{}, "s": "<&>"},
		// Larger than the buffers WriteJSON keeps, then a small one
		// again: the reused buffers hold nothing of an earlier document.
		map[string]any{"big": strings.Repeat("x", 2<<20)},
		map[string]any{"s": "short"},
		Manifest{Device: "D2", OS: "iosxe", Phase: Post},
	}
	for i, v := range values {
		name := "v" + string(rune('0'+i)) + ".json"
		require.NoError(t, run.WriteJSON(v, name))
		got, err := os.ReadFile(filepath.Join(run.Dir, name))
		require.NoError(t, err)
		want, err := json.MarshalIndent(v, "", "  ")
		require.NoError(t, err)
		require.Equal(t, string(want)+"\n", string(got), "%T", v)
	}
}

// teLeaves has fields the struct encoder writes inline (plain strings,
// integers, bools) under every omit option, a named string whose IsZero
// decides omitzero, the kinds with their own omitempty test, and maps
// nested in maps (the encoder's entry stack).
type teLeaves struct {
	S      string                                 `json:"s"`
	I      int8                                   `json:"i"`
	U      uint32                                 `json:"u"`
	B      bool                                   `json:"b"`
	SO     string                                 `json:"so,omitempty"`
	IO     int64                                  `json:"io,omitempty"`
	UO     uint                                   `json:"uo,omitempty"`
	BO     bool                                   `json:"bo,omitempty"`
	SZ     string                                 `json:"sz,omitzero"`
	IZ     int                                    `json:"iz,omitzero"`
	Named  teNamed                                `json:"named,omitempty"`
	NamedZ teNamed                                `json:"named_z,omitzero"`
	P      *int                                   `json:"p,omitempty"`
	M      map[string]int                         `json:"m,omitempty"`
	L      []int                                  `json:"l,omitempty"`
	A      any                                    `json:"a,omitempty"`
	E      map[string]int                         `json:"e,omitempty"`
	EL     []int                                  `json:"el,omitempty"`
	Nest   map[string]map[string]map[int]teLeaves `json:"nest,omitempty"`
}

// teNamed has its own IsZero ("keep" is zero), which omitzero must use:
// the struct encoder must not treat it as a plain string.
type teNamed string

func (n teNamed) IsZero() bool { return n == "keep" }

// teTimes has time fields as a manifest's records do.
type teTimes struct {
	T  time.Time  `json:"t"`
	Z  time.Time  `json:"z,omitzero"`
	P  *time.Time `json:"p,omitempty"`
	NP *time.Time `json:"np"`
}
