package iosxe

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The hand-written scanners replace regexps on hot paths; each must agree
// with the pattern it replaced.
func TestEnvThresholdMatchesPattern(t *testing.T) {
	re := regexp.MustCompile(`^\((\d+) *,(\d+) *,(\d+) *,(\d+) *\)\((\w+)\)`)
	for _, s := range []string{
		"(39 ,46 ,0  ,0  )(Celsius)", "(39,46,0,0)(Celsius) extra", "(1,2,3,4)(mV)", "(1 ,2 ,3 ,4 )(x_1)",
		"", "(", "(1,2,3)(C)", "(1,2,3,4)", "(1,2,3,4)()", "(1,2,3,4)(C", "( 1,2,3,4)(C)", "(1,2,3,4) (C)",
		"(1,,3,4)(C)", "(a,2,3,4)(C)", "(1,2,3,4)(Cel-sius)", "(12345678901234567890,2,3,4)(C)", "na",
	} {
		t.Run(s, func(t *testing.T) {
			m := re.FindStringSubmatch(s)
			got, ok := envThreshold(s)
			assert.Equal(t, m != nil, ok)
			if m != nil {
				assert.Equal(t, [5]string{m[1], m[2], m[3], m[4], m[5]}, got)
			}
		})
	}
}

// FuzzEnvThreshold compares envThreshold with its pattern on any text.
func FuzzEnvThreshold(f *testing.F) {
	re := regexp.MustCompile(`^\((\d+) *,(\d+) *,(\d+) *,(\d+) *\)\((\w+)\)`)
	f.Add("(39 ,46 ,0  ,0  )(Celsius)")
	f.Fuzz(func(t *testing.T, s string) {
		m := re.FindStringSubmatch(s)
		got, ok := envThreshold(s)
		if (m != nil) != ok || m != nil && got != [5]string{m[1], m[2], m[3], m[4], m[5]} {
			t.Fatalf("%q: got %q %v, pattern %q", s, got, ok, m)
		}
	})
}
