package scaletest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// recorder is a T that records failures instead of failing the test.
type recorder struct{ failed bool }

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) FailNow()              { r.failed = true; panic(r) }
func (r *recorder) Helper()               {}
func (r *recorder) Logf(string, ...any)   {}

var sink [][]byte

// TestLinear: the check passes a parser whose memory follows its rows and
// fails one whose memory grows with their square or whose allocations do.
func TestLinear(t *testing.T) {
	gen := func(n int) string { return strings.Repeat("row\n", n) }
	cases := []struct {
		name  string
		parse func(string) error
		fail  bool
	}{
		{"linear bytes", func(s string) error { sink = [][]byte{make([]byte, 64*len(s))}; return nil }, false},
		{"quadratic bytes", func(s string) error {
			n := strings.Count(s, "\n")
			sink = [][]byte{make([]byte, n*n)}
			return nil
		}, true},
		{"quadratic allocations", func(s string) error {
			n := strings.Count(s, "\n")
			sink = sink[:0]
			for i := 0; i < n*n/1000; i++ {
				sink = append(sink, make([]byte, 1))
			}
			return nil
		}, true},
		{"parse error", func(string) error { return fmt.Errorf("bad") }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{}
			func() {
				defer func() {
					if p := recover(); p != nil && p != r {
						panic(p)
					}
				}()
				Linear(r, gen, 1000, c.parse)
			}()
			assert.Equal(t, c.fail, r.failed)
		})
	}
}
