package diff

import (
	"path"
	"regexp"
	"strings"
)

// pattern is a compiled exclusion or tolerance pattern (see Options).
type pattern struct {
	segs     []segment
	anchored bool
}

type segment struct {
	glob string
	re   *regexp.Regexp
	any  bool // "**"
}

func (s segment) match(key string) bool {
	if s.re != nil {
		return s.re.MatchString(key)
	}
	if s.glob == "*" {
		return true
	}
	ok, err := path.Match(s.glob, key)
	return err == nil && ok
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
				out.segs = append(out.segs, segment{glob: regexp.QuoteMeta(s)})
				continue
			}
			out.segs = append(out.segs, segment{re: re})
		default:
			out.segs = append(out.segs, segment{glob: s})
		}
	}
	return out
}

// match reports whether the pattern matches the whole path (anchored) or a
// suffix of it.
func (p pattern) match(keys []string) bool {
	if p.anchored {
		return matchSegs(p.segs, keys)
	}
	for i := 0; i <= len(keys); i++ {
		if matchSegs(p.segs, keys[i:]) {
			return true
		}
	}
	return false
}

func matchSegs(segs []segment, keys []string) bool {
	if len(segs) == 0 {
		return len(keys) == 0
	}
	if segs[0].any {
		for i := 0; i <= len(keys); i++ {
			if matchSegs(segs[1:], keys[i:]) {
				return true
			}
		}
		return false
	}
	if len(keys) == 0 {
		return false
	}
	if segs[0].match(keys[0]) && matchSegs(segs[1:], keys[1:]) {
		return true
	}
	// A key holding dots (an IP address) spans several literal segments:
	// "neighbor.10.1.1.6" names the key "10.1.1.6".
	joined := segs[0].glob
	for n := 1; n < len(segs) && segs[0].re == nil && !segs[n].any && segs[n].re == nil; n++ {
		joined += "." + segs[n].glob
		if ok, err := path.Match(joined, keys[0]); err == nil && ok && matchSegs(segs[n+1:], keys[1:]) {
			return true
		}
	}
	return false
}
