package diff

import "testing"

// FuzzConfig diffs arbitrary texts: no panic, and a diff of a text with
// itself is empty.
func FuzzConfig(f *testing.F) {
	f.Add(nxBefore, nxAfter)
	f.Add("", "a\nb\n")
	f.Add("a\nb\nc\n", "c\nb\na\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		_, _ = Config(a, b)
		if u, c := Config(a, a); u != "" || c != nil {
			t.Fatalf("self diff not empty: %q", u)
		}
	})
}
