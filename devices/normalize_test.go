package devices

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalize(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"crlf", "a\r\nb\r\n", "a\nb\n"},
		{"ansi", "\x1b[1mbold\x1b[0m \x1b[32mgreen\x1b[m", "bold green"},
		{"backspace", "abcd\b\bxy", "abxy"},
		{"pager erase", "line 1\r\n --More-- \r\x1b[Kline 2\r\n", "line 1\nline 2\n"},
		{"carriage return overwrite", "progress 10%\rprogress 100%\r\ndone", "progress 100%\ndone"},
		{"double cr", "a\r\r\nb", "a\nb"},
		{"plain", "nothing to do", "nothing to do"},
		{"crlf no final newline", "a\r\nb", "a\nb"},
		{"trailing cr", "a\r\nb\r", "a\nb"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, normalize(tc.in))
			assert.Equal(t, tc.want, normalizeBytes([]byte(tc.in)), "normalizeBytes")
		})
	}
}

func TestPromptMatcher(t *testing.T) {
	cases := []struct {
		prompt, buf string
		match       bool
	}{
		{"switch# ", "output\nswitch# ", true},
		{"switch# ", "output\nswitch(config)# ", true},
		{"switch# ", "output\nswitch(config-if)# ", true},
		{"switch# ", "output\nswitch(standby)# ", true},
		{"Router>", "x\nRouter#", true},
		{"Router#", "x\nRouter-stby#", true},
		{"RP/0/RSP0/CPU0:xr1#", "x\nRP/0/RSP0/CPU0:xr1#", true},
		{"switch# ", "output\nother# ", false},
		{"switch# ", "switch# show version\nstill running", false},
		{"switch# ", "this line mentions switch# in the middle", false},
	}
	for _, tc := range cases {
		t.Run(tc.prompt+"|"+tc.buf, func(t *testing.T) {
			m := newPromptMatcher(tc.prompt)
			assert.Equal(t, tc.match, m.endsWithPrompt([]byte(tc.buf)))
		})
	}
}

// TestEndsWithPromptAllocs holds the matcher to no allocation on the
// buffers every command ends with (checked once per chunk read).
func TestEndsWithPromptAllocs(t *testing.T) {
	m := newPromptMatcher("switch# ")
	for _, buf := range []string{
		strings.Repeat("a line of output\r\n", 100) + "switch# ",
		"show clock\r\n12:00\r\nswitch(config-if)# \r",
		"ends with a percentage 42%",
	} {
		b := []byte(buf)
		allocs := testing.AllocsPerRun(100, func() { m.endsWithPrompt(b) })
		assert.Zero(t, allocs, "%q", buf)
	}
}

func TestPagerAt(t *testing.T) {
	for _, in := range []string{"a\r\n --More-- ", "a\r\n--More--", "a\n -- More -- ", "a\n<--- More --->"} {
		cut, ok := pagerAt([]byte(in))
		assert.True(t, ok, in)
		assert.Equal(t, "a", strings.TrimRight(in[:cut], "\r\n"), in)
	}
	_, ok := pagerAt([]byte("a line that mentions --More-- but goes on\n"))
	assert.False(t, ok)
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"a\r\nb", "\x1b[1m", "ab\b\b\b", "x\ry\rz\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := normalize(s)
		assert.NotContains(t, out, "\r")
		assert.NotContains(t, out, "\b")
		assert.Equal(t, out, normalizeBytes([]byte(s)), "normalizeBytes")
	})
}

func FuzzParseTestbed(f *testing.F) {
	f.Add([]byte("devices:\n  R1:\n    os: nxos\n"))
	f.Add([]byte("testbed: {credentials: {default: {password: x}}}\ndevices: {R: {os: a, connections: {cli: {protocol: ssh, ip: 127.0.0.1}}}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Must never panic; either a testbed or an error.
		tb, err := ParseTestbed(data)
		if err == nil {
			assert.NotNil(t, tb)
		}
	})
}

func TestClean(t *testing.T) {
	sh := &shell{prompt: newPromptMatcher("switch# ")}
	cases := []struct {
		name, raw, cmd, want string
	}{
		{"echo and prompt", "show clock\r\n12:00\r\nswitch# ", "show clock", "12:00"},
		{"blank line before echo", "\r\nshow clock\r\n12:00\r\nswitch# ", "show clock", "12:00"},
		{"no output", "terminal length 0\r\nswitch# ", "terminal length 0", ""},
		{"blank output lines kept", "show x\r\na\r\n\r\nb\r\nswitch(config)# ", "show x", "a\n\nb"},
		{"no echo", "12:00\r\nswitch# ", "show clock", "12:00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, sh.clean([]byte(tc.raw), tc.cmd))
		})
	}
}

// TestPrechecksAgreeWithRegexps checks that the cheap pre-checks run before
// the prompt and pager regexps never reject a buffer the regexps accept, on
// random buffers over the bytes that matter (CR, LF, ESC sequences,
// backspace, prompt and pager characters).
func TestPrechecksAgreeWithRegexps(t *testing.T) {
	m := newPromptMatcher("sw1# ")
	// The search the matcher replaced: the prompt after a newline or at
	// the start, at the very end.
	search := regexp.MustCompile(`(?:^|\n)` + regexp.QuoteMeta(m.base) + `(?:-stby)?(?:\([A-Za-z0-9_.\-/ ]+\))?[#>$%] ?$`)
	pieces := []string{"sw1", "-stby", "#", ">", "(config)", " ", "\r", "\n", "\r\n", "\x1b[0m", "\b", "x", "-", "--More--", " --More-- ", "(42%)", "<--- More --->", "%", "$", "\t"}
	rng := rand.New(rand.NewPCG(1, 2))
	var promptHits, pagerHits int
	for range 30000 {
		var b []byte
		for range 1 + rng.IntN(8) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		full := search.MatchString(normalize(string(tail(b))))
		if full {
			promptHits++
		}
		require.Equal(t, full, m.endsWithPrompt(b), "prompt %q", b)
		_, found := pagerAt(b)
		if pagerRE.Match(tail(b)) {
			pagerHits++
		}
		require.Equal(t, pagerRE.Match(tail(b)), found, "pager %q", b)
	}
	assert.Positive(t, promptHits, "the random buffers must exercise matches")
	assert.Positive(t, pagerHits)
}

// promptLineRE is the regexp isPromptLine implements by hand.
func promptLineRE(base string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `(?:-stby)?(?:\([A-Za-z0-9_.\-/ ]+\))?[#>$%] ?$`)
}

func TestPromptLineMatchesRegexp(t *testing.T) {
	bases := []string{"switch", "sw1", "leaf-01.lab", "R1", "", "a.b+c", "-stby"}
	lines := []struct {
		line  string
		match bool // for base "switch"
	}{
		{"switch#", true}, {"switch# ", true}, {"switch>", true}, {"switch$", true}, {"switch%", true},
		{"switch(config)#", true}, {"switch(config-if)# ", true}, {"switch-stby#", true},
		{"switch-stby(standby)#", true}, {"switch(a b/c.d_e-f)>", true},
		{"switch#  ", false}, {"switch", false}, {"switch()#", false}, {"switch(conf#", false},
		{"switch(co)nf)#", false}, {"switch(c*)#", false}, {"switch#x", false}, {"switch-stb#", false},
		{"xswitch#", false}, {"Switch#", false}, {"switch##", false}, {"switch(config)", false},
		{"switch#\n", false}, {"switch-stby-stby#", false}, {"", false}, {"#", false},
	}
	for _, base := range bases {
		m, re := newPromptMatcher(base+"# "), promptLineRE(base)
		require.Equal(t, base, m.base)
		for _, tc := range lines {
			line := strings.Replace(tc.line, "switch", base, 1)
			t.Run(base+"/"+line, func(t *testing.T) {
				assert.Equal(t, re.MatchString(line), m.isPromptLine(line))
				if base == "switch" {
					assert.Equal(t, tc.match, m.isPromptLine(line))
				}
			})
		}
	}
	// Random lines from the bytes that matter, against the regexp.
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "sw1-stby()#>$% cfg/.x*\n"
	m, re := newPromptMatcher("sw1# "), promptLineRE("sw1")
	for range 20000 {
		b := []byte("sw1")
		for range rng.IntN(12) {
			b = append(b, alphabet[rng.IntN(len(alphabet))])
		}
		if rng.IntN(4) == 0 {
			b = b[rng.IntN(len(b)):]
		}
		if got, want := m.isPromptLine(string(b)), re.MatchString(string(b)); got != want {
			t.Fatalf("%q: hand matcher %v, regexp %v", b, got, want)
		}
	}
}

func FuzzPromptLine(f *testing.F) {
	for _, s := range []string{"switch# ", "switch(config)#", "switch-stby>", "sw()#"} {
		f.Add("switch", s)
	}
	f.Fuzz(func(t *testing.T, base, line string) {
		base = strings.TrimRight(strings.TrimSpace(base), "#>$%")
		if strings.ContainsAny(base, "(\n\r\uFFFD") || !utf8.ValidString(base) {
			// Not a base newPromptMatcher can produce, or one the regexp
			// cannot compile or compares by rune (the hand matcher compares
			// bytes: a device's invalid UTF-8 prompt made MustCompile panic).
			t.Skip()
		}
		m := newPromptMatcher(base + "#")
		if m.base != base {
			t.Skip()
		}
		if got, want := m.isPromptLine(line), promptLineRE(base).MatchString(line); got != want {
			t.Fatalf("base %q line %q: hand matcher %v, regexp %v", base, line, got, want)
		}
	})
}

func TestErrorMarker(t *testing.T) {
	p := profileFor("nxos")
	cases := []struct {
		name, out, want string
	}{
		{"none", "Cisco Nexus\nCPU 5.00% user\n", ""},
		{"first line", "% Invalid command at '^' marker.\n", "% Invalid command at '^' marker."},
		{"indented", "show foo\n      ^\n  % Invalid input detected at '^' marker.\r\n", "% Invalid input detected at '^' marker."},
		{"no final newline", "x\n% Incomplete command", "% Incomplete command"},
		{"percent mid-line", "load 50% % Invalid command\n", ""},
		{"other percent line", "% Note: something\n% Ambiguous command: \"sh\"\n", "% Ambiguous command: \"sh\""},
		{"unicode blank", "\u00a0% Invalid number\n", "% Invalid number"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := p.errorMarker(tc.out)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.want != "", ok)
			byLine, _ := p.errorMarkerByLine(tc.out)
			assert.Equal(t, byLine, got, "the line walk agrees")
		})
	}
	t.Run("marker without percent", func(t *testing.T) {
		q := profile{errorMarkers: []string{"ERROR:"}}
		got, ok := q.errorMarker("ok\n  ERROR: no such file\n")
		assert.True(t, ok)
		assert.Equal(t, "ERROR: no such file", got)
	})
}

func FuzzErrorMarker(f *testing.F) {
	for _, s := range []string{"% Invalid command\n", "a\n  % Ambiguous command x", "5% % Invalid number\n%"} {
		f.Add(s)
	}
	p := profileFor("iosxr")
	f.Fuzz(func(t *testing.T, out string) {
		got, ok := p.errorMarker(out)
		want, wantOK := p.errorMarkerByLine(out)
		if got != want || ok != wantOK {
			t.Fatalf("%q: %q %v, line walk %q %v", out, got, ok, want, wantOK)
		}
	})
}
