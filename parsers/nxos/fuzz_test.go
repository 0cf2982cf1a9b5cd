package nxos

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// FuzzEntries runs every nxos parser on arbitrary text: none may panic, a
// nil error comes with a result, and every result marshals to JSON. Seeds
// are the project's fixtures and, when present, Genie's golden outputs.
func FuzzEntries(f *testing.F) {
	seed := func(root string) {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".txt" {
				return nil
			}
			if b, err := os.ReadFile(path); err == nil {
				f.Add(string(b))
			}
			return nil
		})
	}
	seed(filepath.Join("..", "..", "fixtures", "outputs", "nxos"))
	seed(goldenDir())
	f.Add("")
	f.Add("Neighbor V AS\n1.1.1.1\n")
	f.Add("10.0.0.0/8, ubest/mbest: x\n *via ,\n")
	entries := Entries()
	f.Fuzz(func(t *testing.T, in string) {
		for _, e := range entries {
			v, _, err := e.Parse(in, map[string]string{"vrf": "default", "count": "5"})
			if err != nil {
				continue
			}
			if v == nil {
				t.Fatalf("%s: nil result without error", e.Class)
			}
			if _, err := json.Marshal(v); err != nil {
				t.Fatalf("%s: marshal: %v", e.Class, err)
			}
		}
	})
}
