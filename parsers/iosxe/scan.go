package iosxe

// Hand-written equivalents of the regexp atoms the line patterns use, so a
// pattern can be matched left to right without the regexp engine. Each
// returns the matched text and the rest of the line; ok is false when the
// atom does not match at the start of s. They are greedy like the regexp
// atoms, and callers only chain them where the next atom cannot match a
// byte the previous one consumed (so greedy never needs to backtrack).

// isWordByte is regexp's \w: ASCII letters, digits and underscore.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// isRegexpSpace is regexp's \s: ASCII tab, newline, form feed, carriage
// return and space (not vertical tab); \S is its complement.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// takeWord matches \w+.
func takeWord(s string) (string, string, bool) {
	i := 0
	for i < len(s) && isWordByte(s[i]) {
		i++
	}
	return s[:i], s[i:], i > 0
}

// takeDigits matches \d+.
func takeDigits(s string) (string, string, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:], i > 0
}

// takeNonSpace matches \S+ (a byte of a multi-byte rune is never one of
// \s's ASCII bytes, so scanning bytes equals scanning runes).
func takeNonSpace(s string) (string, string, bool) {
	i := 0
	for i < len(s) && !isRegexpSpace(s[i]) {
		i++
	}
	return s[:i], s[i:], i > 0
}

// skipSpaces matches " +" (spaces only), reporting whether there was one.
func skipSpaces(s string) (string, bool) {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return s[i:], i > 0
}

// cutLit matches a literal. Comparing the first byte before the rest
// rejects most lines without a memequal call: the parsers try many
// prefixes on every line.
func cutLit(s, lit string) (string, bool) {
	if len(s) >= len(lit) && (len(lit) == 0 || s[0] == lit[0]) && s[:len(lit)] == lit {
		return s[len(lit):], true
	}
	return s, false
}

// scanM holds a hand matcher's capture groups at their regexp indexes.
type scanM = [9]string

// hasPre is strings.HasPrefix with cutLit's first-byte reject.
func hasPre(s, p string) bool {
	return len(s) >= len(p) && (len(p) == 0 || s[0] == p[0]) && s[:len(p)] == p
}
