package iosxe

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// lineRe is a compiled line pattern with a cheap pre-check: most lines
// of an output match none of a parser's patterns, and a prefix or
// substring test rejects them without running the regexp engine.
type lineRe struct {
	re       *regexp.Regexp
	lit      string // literal every match must contain
	anchored bool   // the pattern starts with ^, so lit is a prefix
	need     string // the longest literal any match must contain
}

// mustRe compiles expr at package init; the pre-check literal is derived
// from the pattern itself so it cannot drift from it.
func mustRe(expr string) *lineRe {
	r := &lineRe{re: regexp.MustCompile(expr)}
	body := expr
	if strings.HasPrefix(expr, "^") {
		r.anchored = true
		body = expr[1:]
	}
	if !strings.Contains(body, "|") || strings.HasPrefix(body, "(") {
		// A top-level alternation has no common literal; LiteralPrefix
		// reports none for a leading group either.
		if sub, err := regexp.Compile(body); err == nil {
			r.lit, _ = sub.LiteralPrefix()
		}
	}
	r.need = requiredLiteral(expr)
	return r
}

// requiredLiteral returns the longest case-sensitive literal that every
// match of expr contains: literals of the top-level concatenation, also
// inside captures and one-or-more repeats.
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	best := ""
	var walk func(r *syntax.Regexp)
	walk = func(r *syntax.Regexp) {
		switch r.Op {
		case syntax.OpLiteral:
			if r.Flags&syntax.FoldCase == 0 && len(string(r.Rune)) > len(best) {
				best = string(r.Rune)
			}
		case syntax.OpConcat:
			for _, s := range r.Sub {
				walk(s)
			}
		case syntax.OpCapture, syntax.OpPlus:
			walk(r.Sub[0])
		case syntax.OpRepeat:
			if r.Min >= 1 {
				walk(r.Sub[0])
			}
		}
	}
	walk(re)
	return best
}

func (r *lineRe) possible(s string) bool {
	if r.lit != "" {
		if r.anchored && !strings.HasPrefix(s, r.lit) || !r.anchored && !strings.Contains(s, r.lit) {
			return false
		}
	}
	return r.need == "" || len(r.need) <= len(r.lit) || strings.Contains(s, r.need)
}

// FindStringSubmatch is regexp.FindStringSubmatch behind the pre-check.
func (r *lineRe) FindStringSubmatch(s string) []string {
	if !r.possible(s) {
		return nil
	}
	return r.re.FindStringSubmatch(s)
}

// MatchString is regexp.MatchString behind the pre-check.
func (r *lineRe) MatchString(s string) bool {
	return r.possible(s) && r.re.MatchString(s)
}
