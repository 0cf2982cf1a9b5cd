package iosxe

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/goissu/goissu/parsers/internal/core"
)

// lineScan must return exactly core.Lines' lines: every parser reads its
// input through it.
func TestLineScanMatchesCoreLines(t *testing.T) {
	cases := []string{
		"", "\n", "\n\n", " \t\n", "a", "a\n", "\na", "a\n\n", "a\nb", "a  \nb\t\n",
		"router#show version\nCisco IOS\nrouter#", "router#show version\nrouter#\n\n",
		"\n\nrouter# sh ip route\n\nB 1.1.1.0/24\n  \nrouter>\n", "router#\n", "router#", "router# show x",
		"x\r\ny\r\n", "a\x1b[1mb\nc\bd", "\u00a0\nfoo\n\u00a0", "a\n \n b \n\t",
		"switch#show clock\n*12:00\nswitch#\nswitch#",
	}
	cases = append(cases, seedTexts(t)...)
	for i, in := range cases {
		want := core.Lines(in)
		var got []string
		for sc := scanLines(in); sc.next(); {
			got = append(got, sc.line)
		}
		if len(want) == 0 {
			assert.Empty(t, got, "case %d %q", i, in)
			continue
		}
		assert.Equal(t, want, got, "case %d %q", i, in)
	}
}

// FuzzLineScan checks lineScan against core.Lines on arbitrary text.
func FuzzLineScan(f *testing.F) {
	for _, s := range []string{"a\nb", "r#show x\n\nb\nr#", " \n\t\n", "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want := core.Lines(in)
		var got []string
		for sc := scanLines(in); sc.next(); {
			got = append(got, sc.line)
		}
		if len(want) != len(got) {
			t.Fatalf("%q: got %q, want %q", in, got, want)
		}
		for i := range want {
			if want[i] != got[i] {
				t.Fatalf("%q: got %q, want %q", in, got, want)
			}
		}
	})
}

// atoiFast must accept and return exactly what strconv.Atoi does.
func TestAtoiFastMatchesStrconv(t *testing.T) {
	for _, s := range []string{"", "0", "7", "007", "-1", "+5", "12a", " 1", "1 ", "999999999999999999", "9999999999999999999", "99999999999999999999", "0x10", "1_000"} {
		t.Run(s, func(t *testing.T) {
			want, err := strconv.Atoi(s)
			got, ok := atoiFast(s)
			assert.Equal(t, err == nil, ok)
			if ok {
				assert.Equal(t, want, got)
			}
		})
	}
}
