package iosxe

import (
	"regexp"
	"strings"
	"testing"
)

// handMatchers pairs each hand-written line matcher with the regexp it
// replaced; both must accept the same lines and capture the same groups.
var handMatchers = []struct {
	expr  string
	match func(string, *[8]string) bool
}{
	{`^Syslog logging: (\w+) \((\d+) messages dropped, (\d+) messages rate-limited, (\d+) flushes, (\d+) overruns, xml (\w+), filtering (\w+)\)`, matchSyslog},
	{`^(Console|Monitor|Buffer) logging: +(?:level (\w+), (\d+) messages logged, xml (\w+),?|(disabled)(?:, xml (\w+),?)?)$`, matchLogDest},
	{`^filtering (\w+)`, matchLogFilter},
	{`^Exception Logging: size \((\d+) bytes\)`, matchLogExcSize},
	{`^Trap logging: level (\w+), (\d+) message lines logged`, matchLogTrap},
	{`^Logging to (\S+) +(?:\((\S+)\) +)?\((\w+) port (\d+), +audit (\w+),?$`, matchLogTo},
	{`^Log Buffer \((\d+) bytes\):`, matchLogBuf},
	{`^(\d+) message lines (logged|rate-limited|dropped-by-MD),?$`, matchLogLines},
	{`^(\S+)(?: +(\S+))?$`, matchTwoWords},
}

var handMatcherRes = func() []*regexp.Regexp {
	var res []*regexp.Regexp
	for _, h := range handMatchers {
		res = append(res, regexp.MustCompile(h.expr))
	}
	return res
}()

// checkHandMatchers reports the first disagreement between a matcher and
// its pattern on s.
func checkHandMatchers(t *testing.T, s string) {
	for i, h := range handMatchers {
		re := handMatcherRes[i]
		want := re.FindStringSubmatch(s)
		var m [8]string
		ok := h.match(s, &m)
		if ok != (want != nil) {
			t.Fatalf("%s on %q: matched %v, pattern %q", h.expr, s, ok, want)
		}
		for i := 1; ok && i < len(want); i++ {
			if m[i] != want[i] {
				t.Fatalf("%s on %q: group %d = %q, pattern %q", h.expr, s, i, m[i], want[i])
			}
		}
	}
}

func TestHandMatchersMatchPatterns(t *testing.T) {
	cases := []string{
		"", "a", "a b", "a  b", "a b c", "a\tb", "a \tb", "a ", " a", "a\vb", "a\u00a0b",
		"Syslog logging: enabled (0 messages dropped, 149 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)",
		"Syslog logging: enabled (0 messages dropped, 149 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled",
		"Console logging: level debugging, 12 messages logged, xml disabled,", "Console logging: level debugging, 12 messages logged, xml disabled",
		"Monitor logging: disabled", "Buffer logging:  disabled, xml disabled,", "Buffer logging:  disabled, xml disabled,,",
		"Buffer logging:disabled", "Console logging: disabled, xml", "Console logging: level x, 1 messages logged, xml y, z",
		"filtering disabled", "filtering ", "filtering x-y", "Exception Logging: size (4096 bytes)", "Exception Logging: size ( bytes)",
		"Trap logging: level informational, 35 message lines logged", "Trap logging: level informational, 35 message lines",
		"Logging to 10.1.1.1  (udp port 514,  audit disabled,", "Logging to 10.1.1.1 (Mgmt-intf) (udp port 514, audit disabled,",
		"Logging to 10.1.1.1 (a)b) (tcp port 1, audit x", "Logging to 10.1.1.1 () (udp port 514, audit disabled",
		"Logging to 10.1.1.1 ()) (udp port 514, audit disabled", "Logging to 10.1.1.1 (x)\t(udp port 514, audit disabled",
		"Logging to 10.1.1.1 (x) (y) (udp port 514, audit disabled", "Logging to h (udp port 514,audit a",
		"Log Buffer (8192 bytes):", "Log Buffer (8192 bytes)", "12 message lines logged", "12 message lines rate-limited,",
		"12 message lines dropped-by-MD", "12 message lines dropped-by-MD,,", "12 message lines logged x",
	}
	for _, s := range seedTexts(t) {
		for _, l := range strings.Split(s, "\n") {
			cases = append(cases, strings.TrimSpace(l), l)
		}
	}
	for _, s := range cases {
		checkHandMatchers(t, s)
	}
}

// FuzzHandMatchers compares the matchers with their patterns on any text.
func FuzzHandMatchers(f *testing.F) {
	for _, s := range []string{"Logging to 10.1.1.1 (Mgmt-intf) (udp port 514, audit disabled,", "Buffer logging:  disabled, xml disabled,", "a b"} {
		f.Add(s)
	}
	f.Fuzz(checkHandMatchers)
}
