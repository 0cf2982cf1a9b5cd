package iosxr

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/goissu/goissu/parsers/internal/core"
)

// goldenCase is one raw output of Genie's golden corpus for iosxr, read at
// run time (nothing from the corpus is copied into the repository).
type goldenCase struct {
	class, name, text string
	empty             bool
}

// goldenRoot finds ../shared/golden beside the repository, or $GOISSU_GOLDEN.
func goldenRoot() string {
	if d := os.Getenv("GOISSU_GOLDEN"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "golden")
}

// loadGolden returns the iosxr golden outputs, or nil when the corpus is
// absent.
func loadGolden(tb testing.TB) []goldenCase {
	tb.Helper()
	dir := filepath.Join(goldenRoot(), "iosxr")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	sort.Strings(files)
	var out []goldenCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatalf("read %s: %v", f, err)
		}
		base := filepath.Base(f)
		out = append(out, goldenCase{
			class: filepath.Base(filepath.Dir(f)),
			name:  strings.TrimSuffix(strings.TrimSuffix(base, ".txt"), ".empty"),
			text:  string(b),
			empty: strings.HasSuffix(base, ".empty.txt"),
		})
	}
	return out
}

func entryByClass(class string) (core.Entry, bool) {
	for _, e := range Entries() {
		if e.Class == class {
			return e, true
		}
	}
	return core.Entry{}, false
}

// goldenUnparsed lists the golden lines the parsers knowingly leave
// unparsed: Genie drops them too, and reporting them is the point of the
// unparsed list.
var goldenUnparsed = map[string][]string{
	// a fragment of a wrapped line, with no route before it
	"ShowRouteIpv4/golden10": {"10.64.219.128, 2d04h"},
	// "labeled SR" and a non-word type are outside Genie's patterns
	"ShowRouteIpv4/golden16": {
		`Known via "isis T4", distance 115, metric 10, labeled SR`,
		"Tag 3007, type level-2",
	},
}

// TestGoldenUnparsed checks that every line of every golden output is
// understood, except the few listed in goldenUnparsed.
func TestGoldenUnparsed(t *testing.T) {
	cases := loadGolden(t)
	if len(cases) == 0 {
		t.Skip("golden corpus not found (set GOISSU_GOLDEN): skipping")
	}
	for _, c := range cases {
		if c.empty {
			continue
		}
		t.Run(c.class+"/"+c.name, func(t *testing.T) {
			e, ok := entryByClass(c.class)
			if !ok {
				t.Fatalf("no parser for class %s", c.class)
			}
			_, un, err := e.Parse(c.text, nil)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			var got []string
			for _, l := range un {
				got = append(got, strings.TrimSpace(l))
			}
			want := goldenUnparsed[c.class+"/"+c.name]
			if len(got) != len(want) {
				t.Fatalf("unparsed lines:\n%s", strings.Join(got, "\n"))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("unparsed[%d] = %q, want %q", i, got[i], want[i])
				}
			}
		})
	}
}
