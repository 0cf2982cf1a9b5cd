package diff

import (
	"math/rand/v2"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPatternSearchIsBounded: several "**" against a deep path branched
// exponentially (a user's "**.**.**.**.**.**.x" over a 40-key path never
// returned). Each (segment, key) state is now computed once.
func TestPatternSearchIsBounded(t *testing.T) {
	deep := make([]string, 40)
	for i := range deep {
		deep[i] = "k"
	}
	dotted := []string{"neighbor", "10.1.1.6", "10.1.1.6", "10.1.1.6", "state"}
	tests := []struct {
		name    string
		pattern string
		keys    []string
		want    bool
	}{
		{"many globstars, no match", "^**.**.**.**.**.**.**.**.x", deep, false},
		{"many globstars, match", "^**.**.**.**.**.**.**.**.k", deep, true},
		{"globstars between literals", "^k.**.k.**.k.**.k.**.y", deep, false},
		{"dotted literals and globstars", "^neighbor.**.10.1.*.**.10.1.1.*.state", dotted, true},
		{"dotted literals, no match", "^neighbor.**.10.1.*.**.10.1.1.*.down", dotted, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := compilePattern(tc.pattern)
			m := matcher{segs: p.segs, keys: tc.keys, memo: make([]uint8, (len(p.segs)+1)*(len(tc.keys)+1))}
			assert.Equal(t, tc.want, m.at(0, 0))
			assert.LessOrEqual(t, m.steps, (len(p.segs)+1)*(len(tc.keys)+1), "states computed")
			assert.Equal(t, tc.want, p.match(tc.keys), "through match")
		})
	}
}

// TestPatternMatchesReference checks the memoised search against the plain
// recursive one it replaced, on random short patterns and paths where the
// plain one is fast.
func TestPatternMatchesReference(t *testing.T) {
	segs := []string{"**", "*", "a", "b", "10", "1", "10.1", "a*", "(a|b)", "?", "[ab]"}
	keys := []string{"a", "b", "ab", "10.1", "10.1.1", "10", "1", "x"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var ps []string
		for n := 1 + rng.IntN(5); n > 0; n-- {
			ps = append(ps, segs[rng.IntN(len(segs))])
		}
		pat := strings.Join(ps, ".")
		if rng.IntN(3) == 0 {
			pat = "^" + pat
		}
		var path []string
		for n := rng.IntN(6); n > 0; n-- {
			path = append(path, keys[rng.IntN(len(keys))])
		}
		p := compilePattern(pat)
		if !assert.Equal(t, referenceMatch(p, path), p.match(path), "pattern %q path %q", pat, path) {
			return
		}
	}
}

// referenceMatch is pattern.match before memoisation.
func referenceMatch(p pattern, keys []string) bool {
	if p.anchored {
		return referenceSegs(p.segs, keys)
	}
	for i := 0; i <= len(keys); i++ {
		if referenceSegs(p.segs, keys[i:]) {
			return true
		}
	}
	return false
}

func referenceSegs(segs []segment, keys []string) bool {
	if len(segs) == 0 {
		return len(keys) == 0
	}
	if segs[0].any {
		for i := 0; i <= len(keys); i++ {
			if referenceSegs(segs[1:], keys[i:]) {
				return true
			}
		}
		return false
	}
	if len(keys) == 0 {
		return false
	}
	if segs[0].match(keys[0]) && referenceSegs(segs[1:], keys[1:]) {
		return true
	}
	if !segs[0].literal || !strings.HasPrefix(keys[0], segs[0].glob+".") {
		return false
	}
	joined := segs[0].glob
	for n := 1; n < len(segs) && !segs[n].any && segs[n].re == nil; n++ {
		joined += "." + segs[n].glob
		if ok, err := path.Match(joined, keys[0]); err == nil && ok && referenceSegs(segs[n+1:], keys[1:]) {
			return true
		}
	}
	return false
}
