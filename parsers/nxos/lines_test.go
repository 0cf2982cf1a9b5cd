package nxos

import (
	"testing"

	"github.com/stretchr/testify/assert"

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
		})
	}
}
