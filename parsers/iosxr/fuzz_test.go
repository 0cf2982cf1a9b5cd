package iosxr

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goissu/goissu/parsers/internal/core"
)

// FuzzEntries runs every registered iosxr parser on arbitrary input: none
// may panic, a success must come with a result that marshals to JSON, and
// the only error is ErrEmpty. Seeds are the project's fixtures and, when
// present, Genie's golden outputs (read at run time).
func FuzzEntries(f *testing.F) {
	_ = filepath.WalkDir(fixtureDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txt") {
			if b, err := os.ReadFile(path); err == nil {
				f.Add(string(b))
			}
		}
		return nil
	})
	for _, c := range loadGolden(f) {
		f.Add(c.text)
	}
	f.Add("")
	f.Add("Neighbor ID Pri State Dead Time Address Interface\n1.1.1.1 1 FULL/ - 00:00:3")
	params := []core.Params{nil, {"vrf": "V1", "instance": "i", "vrf_type": "vrf", "address_family": "ipv4 unicast"}}
	entries := Entries()
	f.Fuzz(func(t *testing.T, in string) {
		for _, e := range entries {
			for _, p := range params {
				res, _, err := e.Parse(in, p)
				if err != nil {
					if !errors.Is(err, core.ErrEmpty) {
						t.Fatalf("%s: unexpected error %v", e.Class, err)
					}
					if res != nil {
						t.Fatalf("%s: result with error", e.Class)
					}
					continue
				}
				if res == nil {
					t.Fatalf("%s: nil result without error", e.Class)
				}
				if _, err := json.Marshal(res); err != nil {
					t.Fatalf("%s: marshal: %v", e.Class, err)
				}
			}
		}
	})
}
