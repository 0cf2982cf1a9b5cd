package nxos

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
)

// TestSplitLinesMatchesCore checks that the fast line splitter returns
// exactly what core.Lines returns, on the edge cases core.Lines handles.
func TestSplitLinesMatchesCore(t *testing.T) {
	cases := map[string]string{
		"empty":                       "",
		"only newlines":               "\n\n\n",
		"no final newline":            "a\nb",
		"trailing blanks":             "a \t\n  b\t\t\n\t \n",
		"prompt echo":                 "\n\nswitch# show version\nline 1\nline 2\nswitch#\n",
		"bare prompt only":            "switch#",
		"abbreviated echo":            "sw1#sh ip route\n10.0.0.0/8, ubest/mbest: 1/0\n",
		"crlf":                        "switch# show clock\r\n12:00\r\nswitch#\r\n",
		"lone cr":                     "a\rb\r",
		"ansi and bs":                 "\x1b[1mbold\x1b[0m abc\b\bX\n",
		"unicode spaces":              "\u00a0\n\va\f\n\u0085\n",
		"tabs kept inside":            "a\tb \t c\t\n",
		"trailing prompt with spaces": "x\n  switch(config)#  \n\n",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, core.Lines(in), splitLines(in))
			assert.Equal(t, splitLines(in), srcLines(in))
		})
	}
}

// srcLines collects what a lineSrc yields.
func srcLines(in string) []string {
	src := newLineSrc(in)
	out := []string{}
	for {
		l, ok := src.next()
		if !ok {
			return out
		}
		out = append(out, l)
	}
}

// TestLineSrcMatchesSplitLines checks the lazy line source against
// splitLines on random texts made of blank lines, prompts, echoes and
// route lines, and on the fixtures.
func TestLineSrcMatchesSplitLines(t *testing.T) {
	parts := []string{"", " ", "\t", "\u00a0", "\v", "switch#", "sw1# show ip route", "sw(config)#  ", "  sw# sh ver ",
		"10.0.0.0/8, ubest/mbest: 1/0", "    *via 1.1.1.1, Eth1/1, [1/0], 1d, static", "x\r", "\x1b[1m"}
	rng := rand.New(rand.NewPCG(5, 8))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(6); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
			if rng.IntN(5) > 0 {
				b.WriteByte('\n')
			}
		}
		in := b.String()
		want := splitLines(in)
		if want == nil {
			want = []string{}
		}
		require.Equal(t, want, srcLines(in), "%q", in)
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "outputs", "nxos", "*", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		want := splitLines(string(raw))
		if want == nil {
			want = []string{}
		}
		require.Equal(t, want, srcLines(string(raw)), f)
	}
}
