package diff

import (
	"path"
	"regexp"
	"strings"
	"sync"
)

// pattern is a compiled exclusion or tolerance pattern (see Options).
type pattern struct {
	segs     []segment
	anchored bool
}

type segment struct {
	glob    string
	re      *regexp.Regexp
	any     bool // "**"
	literal bool // glob without wildcards: plain comparison
}

func (s segment) match(key string) bool {
	switch {
	case s.re != nil:
		return s.re.MatchString(key)
	case s.literal:
		return s.glob == key
	case s.glob == "*":
		return true
	}
	ok, err := path.Match(s.glob, key)
	return err == nil && ok
}

var (
	patternMu    sync.Mutex
	patternCache = map[string]pattern{}
)

// compiledPattern returns the compiled pattern from a process-wide cache:
// the default exclusions are compiled once, not per Compare.
func compiledPattern(p string) pattern {
	patternMu.Lock()
	defer patternMu.Unlock()
	if c, ok := patternCache[p]; ok {
		return c
	}
	c := compilePattern(p)
	if len(patternCache) < 10000 {
		patternCache[p] = c
	}
	return c
}

// compilePattern splits on dots outside parentheses; an invalid regexp
// segment is matched literally, so a bad pattern never matches by accident
// nor panics.
func compilePattern(p string) pattern {
	out := pattern{}
	if strings.HasPrefix(p, "^") {
		out.anchored, p = true, p[1:]
	}
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '.':
			if depth == 0 {
				parts = append(parts, p[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, p[start:])
	for _, s := range parts {
		switch {
		case s == "**":
			out.segs = append(out.segs, segment{any: true})
		case len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')':
			re, err := regexp.Compile("^(?:" + s + ")$")
			if err != nil {
				out.segs = append(out.segs, segment{glob: s, literal: true})
				continue
			}
			out.segs = append(out.segs, segment{re: re})
		default:
			out.segs = append(out.segs, segment{glob: s, literal: !strings.ContainsAny(s, "*?[\\")})
		}
	}
	return out
}

// match reports whether the pattern matches the whole path (anchored) or a
// suffix of it.
func (p pattern) match(keys []string) bool {
	if !p.anchored && !p.hasAny() && !p.hasLiteralDots() {
		// Without "**" or dotted literals a suffix match has the pattern's length.
		if len(keys) < len(p.segs) {
			return false
		}
		keys = keys[len(keys)-len(p.segs):]
	}
	m := matcher{segs: p.segs, keys: keys}
	var small [64]uint8 // the usual path and pattern: no allocation
	n := (len(p.segs) + 1) * (len(keys) + 1)
	if n <= len(small) {
		m.memo = small[:n]
	} else {
		m.memo = make([]uint8, n)
	}
	if p.anchored || !p.hasAny() && !p.hasLiteralDots() {
		return m.at(0, 0)
	}
	for j := 0; j <= len(keys); j++ {
		if m.at(0, j) {
			return true
		}
	}
	return false
}

func (p pattern) hasAny() bool {
	for _, s := range p.segs {
		if s.any {
			return true
		}
	}
	return false
}

// hasLiteralDots: a pattern of several literal segments may name one key
// holding dots (an IP address), so its length says nothing.
func (p pattern) hasLiteralDots() bool {
	return len(p.segs) > 1
}

// literalKey returns the key a one-segment pattern without wildcards names.
func (p pattern) literalKey() (string, bool) {
	if p.anchored || len(p.segs) != 1 || p.segs[0].re != nil || p.segs[0].any || strings.ContainsAny(p.segs[0].glob, "*?[\\") {
		return "", false
	}
	return p.segs[0].glob, true
}

// matcher matches segs[i:] against keys[j:], remembering each (i, j) it
// has answered: "**" and keys holding dots make the search branch, and a
// pattern such as "**.**.**.x" against a deep path would otherwise take
// exponential time. With the memo it is at most len(segs)*len(keys) steps
// of up to len(segs) each.
type matcher struct {
	segs  []segment
	keys  []string
	memo  []uint8 // (i, j) at i*(len(keys)+1)+j: 0 unknown, 1 no, 2 yes
	steps int     // computed states, for the test of the bound
}

func (m *matcher) at(i, j int) bool {
	k := i*(len(m.keys)+1) + j
	if v := m.memo[k]; v != 0 {
		return v == 2
	}
	ok := m.compute(i, j)
	m.memo[k] = 1
	if ok {
		m.memo[k] = 2
	}
	return ok
}

func (m *matcher) compute(i, j int) bool {
	m.steps++
	segs, keys := m.segs[i:], m.keys[j:]
	if len(segs) == 0 {
		return len(keys) == 0
	}
	if segs[0].any {
		for n := 0; n <= len(keys); n++ {
			if m.at(i+1, j+n) {
				return true
			}
		}
		return false
	}
	if len(keys) == 0 {
		return false
	}
	if segs[0].match(keys[0]) && m.at(i+1, j+1) {
		return true
	}
	// Only a literal first part can start a dotted key ("10.1.*" does,
	// "*" alone already matched the whole key above).
	if !segs[0].literal || !strings.HasPrefix(keys[0], segs[0].glob+".") {
		return false
	}
	// A key holding dots (an IP address) spans several literal segments:
	// "neighbor.10.1.1.6" names the key "10.1.1.6".
	joined := segs[0].glob
	for n := 1; n < len(segs) && !segs[n].any && segs[n].re == nil; n++ {
		joined += "." + segs[n].glob
		if ok, err := path.Match(joined, keys[0]); err == nil && ok && m.at(i+n+1, j+1) {
			return true
		}
	}
	return false
}
