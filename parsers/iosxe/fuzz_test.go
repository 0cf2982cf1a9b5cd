package iosxe

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goissu/goissu/parsers/internal/core"
)

// goldenDir is Genie's corpus beside the repository; seeds and benchmarks
// use it when present.
func goldenDir() string {
	if d := os.Getenv("GOISSU_GOLDEN"); d != "" {
		return filepath.Join(d, "iosxe")
	}
	return filepath.Join("..", "..", "..", "shared", "golden", "iosxe")
}

// seedTexts returns the project's fixtures and, when present, the golden
// outputs.
func seedTexts(tb testing.TB) []string {
	var out []string
	for _, root := range []string{fixtureDir, goldenDir()} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, string(b))
			}
			return nil
		})
	}
	return out
}

var fuzzParams = core.Params{"vrf": "VRF1", "prefix": "10.0.0.1", "directory": "flash:", "address_family": "ipv4 unicast"}

// FuzzParsers runs every registered parser on arbitrary text: none may
// panic, a result must marshal, and an error must come with a nil result.
func FuzzParsers(f *testing.F) {
	for _, s := range seedTexts(f) {
		f.Add(s)
	}
	entries := Entries()
	f.Fuzz(func(t *testing.T, in string) {
		for _, e := range entries {
			for _, p := range []core.Params{nil, fuzzParams} {
				v, _, err := e.Parse(in, p)
				if err != nil {
					if v != nil {
						t.Fatalf("%s: error %v with result %T", e.Class, err, v)
					}
					continue
				}
				if _, err := json.Marshal(v); err != nil {
					t.Fatalf("%s: marshal: %v", e.Class, err)
				}
			}
		}
	})
}
