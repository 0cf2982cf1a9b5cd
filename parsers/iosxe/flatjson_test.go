package iosxe

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
	"github.com/goissu/goissu/parsers/internal/jsontest"
)

// The oracles below are the MarshalJSON methods InventoryMain, DirListing
// and NullableString had before they appended their own JSON: the first
// two round-tripped through a map and encoding/json. The AppendJSON
// methods must write the same bytes.

func oldInventoryMainJSON(m InventoryMain) ([]byte, error) {
	out := make(map[string]any, len(m.Items)+1)
	for k, v := range m.Items {
		out[k] = v
	}
	if m.SWStack {
		out["swstack"] = true
	}
	return json.Marshal(out)
}

func oldDirListingJSON(d DirListing) ([]byte, error) {
	m := make(map[string]any, len(d.Directories)+1)
	for k, v := range d.Directories {
		m[k] = v
	}
	m["dir"] = d.Dir
	return json.Marshal(m)
}

func oldNullableStringJSON(n NullableString) ([]byte, error) {
	if n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// flatCase is an output to parse and the parameters of its command.
type flatCase struct {
	text   string
	params core.Params
}

// flatTexts returns the outputs to parse for the flattening types: the
// golden cases of class (when the corpus is present, with their
// .args.json parameters) and every iosxe fixture, whatever command it is
// from.
func flatTexts(t testing.TB, class string) map[string]flatCase {
	out := map[string]flatCase{}
	golden, err := filepath.Glob(filepath.Join(goldenDir(), class, "*.txt"))
	require.NoError(t, err)
	for _, f := range golden {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		p := core.Params{}
		if a, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".args.json"); err == nil {
			require.NoError(t, json.Unmarshal(a, &p), f)
		}
		out[f] = flatCase{string(b), p}
	}
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		out[f] = flatCase{string(b), core.Params{}}
	}
	return out
}

// parseAs runs the registered parser of class on c, nil when it fails.
func parseAs(t testing.TB, class string, c flatCase) any {
	for _, e := range Entries() {
		if e.Class == class {
			res, _, err := e.Parse(c.text, c.params)
			if err != nil {
				return nil
			}
			return res
		}
	}
	t.Fatalf("no parser class %s", class)
	return nil
}

// flatStrs are strings the random values draw from: empty, plain, and
// ones whose JSON needs escapes (HTML-safe, control, invalid UTF-8,
// U+2028).
var flatStrs = []string{"", "flash:", "C9300-48P", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff", "\xe2\x82"}

func TestInventoryMainJSON(t *testing.T) {
	jsontest.Fields(t, map[reflect.Type]int{reflect.TypeFor[InventoryMain](): 2, reflect.TypeFor[InventoryItem](): 6})
	mains := 0
	for name, c := range flatTexts(t, "ShowInventory") {
		if r, ok := parseAs(t, "ShowInventory", c).(*ShowInventory); ok && r.Main != nil {
			jsontest.SameAsOld(t, name, *r.Main, oldInventoryMainJSON)
			mains++
		}
	}
	require.Positive(t, mains, "some outputs have main entries")

	keys := []string{"chassis", "supervisor", "swstack", "1", "2", "<&>", "\xff", "\u2028", ""}
	rng := rand.New(rand.NewPCG(21, 23))
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	optStr := func() *string {
		if rng.IntN(3) == 0 {
			return nil
		}
		s := pick(flatStrs)
		return &s
	}
	// items builds a map of PID -> item (nil or empty at times), with
	// subslots down to depth levels.
	var items func(depth int) map[string]InventoryItem
	items = func(depth int) map[string]InventoryItem {
		switch rng.IntN(5) {
		case 0:
			return nil
		case 1:
			return map[string]InventoryItem{}
		}
		m := map[string]InventoryItem{}
		for range 1 + rng.IntN(3) {
			it := InventoryItem{Name: optStr(), Descr: optStr(), PID: optStr(), VID: optStr(), SN: optStr()}
			if depth > 0 && rng.IntN(2) == 0 {
				it.Subslot = map[string]map[string]InventoryItem{}
				for range rng.IntN(3) {
					it.Subslot[pick(keys)] = items(depth - 1)
				}
			}
			m[pick(flatStrs)] = it
		}
		return m
	}
	for i := range 3000 {
		m := InventoryMain{SWStack: rng.IntN(2) == 0}
		if rng.IntN(4) > 0 {
			m.Items = map[string]map[string]InventoryItem{}
			for range rng.IntN(5) {
				m.Items[pick(keys)] = items(2)
			}
		}
		jsontest.SameAsOld(t, fmt.Sprintf("random %d", i), m, oldInventoryMainJSON)
	}

	// A cycle, which json.Marshal reports, is an error here too, not a
	// stack overflow.
	sub := map[string]map[string]InventoryItem{}
	sub["0"] = map[string]InventoryItem{"X": {Subslot: sub}}
	cyc := InventoryMain{Items: map[string]map[string]InventoryItem{"chassis": {"X": {Subslot: sub}}}}
	_, err := cyc.AppendJSON(nil)
	require.Error(t, err)
	_, err = oldInventoryMainJSON(cyc)
	require.Error(t, err)
}

func TestDirListingJSON(t *testing.T) {
	jsontest.Fields(t, map[reflect.Type]int{reflect.TypeFor[DirListing](): 2, reflect.TypeFor[DirContent](): 3, reflect.TypeFor[DirFile](): 4})
	dirs := 0
	for name, c := range flatTexts(t, "Dir") {
		if r, ok := parseAs(t, "Dir", c).(*Dir); ok {
			jsontest.SameAsOld(t, name, r.Dir, oldDirListingJSON)
			dirs++
		}
	}
	if _, err := os.Stat(goldenDir()); err == nil {
		require.Positive(t, dirs, "the golden outputs list directories")
	}

	keys := []string{"flash:", "bootflash:", "dir", "<&>", "\xff", "\u2028", ""}
	rng := rand.New(rand.NewPCG(29, 31))
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	for i := range 5000 {
		d := DirListing{Dir: pick(flatStrs)}
		d.Directories = jsontest.RandMap(rng, 4, func() string { return pick(keys) }, func() *DirContent {
			return &DirContent{BytesTotal: pick(flatStrs), BytesFree: pick(flatStrs),
				Files: jsontest.RandMap(rng, 4, func() string { return pick(flatStrs) }, func() *DirFile {
					return &DirFile{Index: pick(flatStrs), Permissions: pick(flatStrs), Size: pick(flatStrs), LastModifiedDate: pick(flatStrs)}
				})}
		})
		jsontest.SameAsOld(t, fmt.Sprintf("random %d", i), d, oldDirListingJSON)
	}
}

func TestNullableStringJSON(t *testing.T) {
	roms := 0
	for name, c := range flatTexts(t, "ShowVersion") {
		if r, ok := parseAs(t, "ShowVersion", c).(*ShowVersion); ok && r.Version.ROM != nil {
			jsontest.SameAsOld(t, name, *r.Version.ROM, oldNullableStringJSON)
			roms++
		}
	}
	require.Positive(t, roms, "some outputs have a ROM line")
	for _, s := range flatStrs {
		for _, null := range []bool{false, true} {
			jsontest.SameAsOld(t, fmt.Sprintf("%q %v", s, null), NullableString{Value: s, Null: null}, oldNullableStringJSON)
		}
	}
	var nilROM *NullableString
	b, err := json.Marshal(nilROM)
	require.NoError(t, err)
	require.Equal(t, "null", string(b))
}

// BenchmarkFlatJSON encodes every parsed InventoryMain, DirListing and
// ROM of the fixtures and golden cases, with the old encoders and
// AppendJSON.
func BenchmarkFlatJSON(b *testing.B) {
	var cases []jsontest.OldNew
	for _, c := range flatTexts(b, "ShowInventory") {
		if r, ok := parseAs(b, "ShowInventory", c).(*ShowInventory); ok && r.Main != nil {
			cases = append(cases, jsontest.OldNew{Old: func() ([]byte, error) { return oldInventoryMainJSON(*r.Main) }, New: *r.Main})
		}
	}
	for _, c := range flatTexts(b, "Dir") {
		if r, ok := parseAs(b, "Dir", c).(*Dir); ok {
			cases = append(cases, jsontest.OldNew{Old: func() ([]byte, error) { return oldDirListingJSON(r.Dir) }, New: r.Dir})
		}
	}
	for _, c := range flatTexts(b, "ShowVersion") {
		if r, ok := parseAs(b, "ShowVersion", c).(*ShowVersion); ok && r.Version.ROM != nil {
			cases = append(cases, jsontest.OldNew{Old: func() ([]byte, error) { return oldNullableStringJSON(*r.Version.ROM) }, New: *r.Version.ROM})
		}
	}
	jsontest.BenchOldNew(b, cases)
}
