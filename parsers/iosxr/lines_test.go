package iosxr

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/goissu/goissu/parsers/internal/core"
)

// lineCases are inputs at the edges of core.Lines' trimming.
var lineCases = map[string]string{
	"empty":                "",
	"blank":                " \n\t\n",
	"one":                  "x",
	"one newline":          "x\n",
	"echo only":            "RP/0/RSP0/CPU0:xr#show version",
	"echo then blank":      "RP/0/RSP0/CPU0:xr#show version\n\n  \n",
	"echo blank prompt":    "xr# show x\n\nxr#",
	"echo prompt":          "xr# show x\nxr#",
	"prompt only":          "xr#",
	"blank prompt":         "\n\nxr#\n",
	"inner blanks":         "\n\n a  \n\n\t\nb\t \n\n",
	"prompt after blank":   "a\n\n  xr#  \n\n",
	"two prompts":          "a\nxr#\nxr#\n",
	"crlf":                 "xr#show x\r\na \r\n\r\nb\r\nxr#",
	"ansi":                 "\x1b[0ma\x08b\n",
	"vertical tab blank":   "\v\na\n\v\n",
	"trailing spaces only": "a\n   ",
}

// TestLinesMatchesCore checks the allocation-free line iterator yields what
// core.Lines returns, on edge cases, fixtures and (when present) Genie's
// golden outputs.
func TestLinesMatchesCore(t *testing.T) {
	for name, in := range lineCases {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, core.Lines(in), collectLines(in))
		})
	}
	var files []string
	_ = filepath.WalkDir(fixtureDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txt") {
			files = append(files, path)
		}
		return nil
	})
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		assert.Equal(t, core.Lines(string(b)), collectLines(string(b)), f)
	}
	for _, c := range loadGolden(t) {
		assert.Equal(t, core.Lines(c.text), collectLines(c.text), c.class)
	}
}

// collectLines gathers lines(in), as a nil-free slice like core.Lines'.
func collectLines(in string) []string {
	out := slices.Collect(lines(in))
	if out == nil {
		out = []string{}
	}
	return out
}

// FuzzLines compares the line iterator with core.Lines on arbitrary input.
func FuzzLines(f *testing.F) {
	for _, in := range lineCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want, got := core.Lines(in), collectLines(in)
		if !slices.Equal(want, got) {
			t.Fatalf("lines(%q) = %q, core.Lines = %q", in, got, want)
		}
	})
}
