package iosxe

import (
	"math/rand"
	"slices"
	"strconv"
	"strings"
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
			assert.Equal(t, trimLine(sc.line), sc.text, "case %d %q", i, in)
		}
		if len(want) == 0 {
			assert.Empty(t, got, "case %d %q", i, in)
			continue
		}
		assert.Equal(t, want, got, "case %d %q", i, in)
	}
}

// FuzzLineScan checks lineScan against core.Lines on arbitrary text, and
// its text against trimLine.
func FuzzLineScan(f *testing.F) {
	for _, s := range []string{"a\nb", "r#show x\n\nb\nr#", " \n\t\n", "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want := core.Lines(in)
		var got []string
		for sc := scanLines(in); sc.next(); {
			got = append(got, sc.line)
			if sc.text != trimLine(sc.line) {
				t.Fatalf("%q: text %q, want trimLine(%q)", in, sc.text, sc.line)
			}
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

// atoiFast must accept and return exactly what strconv.Atoi does (its
// value too when it fails: 0, or the clamped value out of range), and
// atoi what strconv.Atoi does on the trimmed text.
func TestAtoiFastMatchesStrconv(t *testing.T) {
	for _, s := range []string{"", "0", "7", "007", "-1", "+5", "12a", " 1", "1 ", "999999999999999999", "9999999999999999999", "99999999999999999999", "-99999999999999999999", "0x10", "1_000",
		"-", "+", "-x", "+-1", "5-", "110/106", "never", " -3 ", "\t42", "1 2"} {
		t.Run(s, func(t *testing.T) { checkAtoi(t, s) })
	}
}

func FuzzAtoi(f *testing.F) {
	for _, s := range []string{"", "12", "-7", "+", "110/106", " 5\t", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(checkAtoi)
}

func checkAtoi(t *testing.T, s string) {
	want, err := strconv.Atoi(s)
	got, ok := atoiFast(s)
	if ok != (err == nil) || got != want {
		t.Fatalf("atoiFast(%q) = %d, %v; strconv.Atoi: %d, %v", s, got, ok, want, err)
	}
	want, _ = strconv.Atoi(strings.TrimSpace(s))
	if got := atoi(s); got != want {
		t.Fatalf("atoi(%q) = %d, want %d", s, got, want)
	}
}

// fieldsRef is what fieldsInto and fieldsN compute, byte by byte: the
// fields and the offset of the text after the first n of them.
func fieldsRef(s string, n int) ([]string, int) {
	var f []string
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			return f, len(s)
		}
		if n >= 0 && len(f) == n {
			return f, i
		}
		start := i
		for i < len(s) && s[i] != ' ' && s[i] != '\t' {
			i++
		}
		f = append(f, s[start:i])
	}
}

// firstWordsRef is firstWords as it was first written.
func firstWordsRef(l string, n int) string {
	in := false
	for i := 0; i < len(l); i++ {
		sp := l[i] == ' ' || l[i] == '\t'
		if sp && in {
			n--
			if n == 0 {
				return l[:i]
			}
		}
		in = !sp
	}
	return l
}

func checkFields(t *testing.T, s string) {
	for n := -1; n < 14; n++ {
		if got, want := firstWords(s, n), firstWordsRef(s, n); got != want {
			t.Fatalf("firstWords(%q, %d) = %q, want %q", s, n, got, want)
		}
	}
	want, _ := fieldsRef(s, -1)
	var buf [4]string
	if got := fieldsInto(buf[:0], s); !slices.Equal(got, want) {
		t.Fatalf("fieldsInto(%q) = %q, want %q", s, got, want)
	}
	for n := 0; n < 12; n++ {
		want, wantOff := fieldsRef(s, n)
		got, off := fieldsN(buf[:0], s, n)
		if !slices.Equal(got, want) || off != wantOff {
			t.Fatalf("fieldsN(%q, %d) = %q %d, want %q %d", s, n, got, off, want, wantOff)
		}
	}
}

// The word-at-a-time field splitters must split exactly as the byte loop.
func TestFieldsMatchByteLoop(t *testing.T) {
	cases := []string{"", " ", "\t", "a", " a ", "a b", "abcdefgh", "abcdefghi", "        x", "x        ",
		"10.1.1.1     4   65000  218762  218790     9812    0    0 21w3d          12",
		"a\tb\t\tc \t d", "\x00 \x01\t\x1f \xff\x80 \xa0x", "\u00a0 \u3000a", strings.Repeat(" ", 17) + "z" + strings.Repeat("y", 17)}
	for _, s := range seedTexts(t) {
		cases = append(cases, strings.Split(s, "\n")...)
	}
	for _, s := range cases {
		checkFields(t, s)
	}
}

// FuzzFields checks the field splitters against the byte loop.
func FuzzFields(f *testing.F) {
	for _, s := range []string{"a b", " \t x  yy   zzz    ", "\x80\x09\x20\x21\x1f"} {
		f.Add(s)
	}
	f.Fuzz(checkFields)
}

// trimLine must trim exactly as strings.TrimSpace.
func TestTrimLine(t *testing.T) {
	cases := []string{"", " ", "\t", "a", " a", "a ", "\ta\t", " \x85a", "a\u00a0", "\u00a0a", " \x01", "\x7f", " é ", "\v a", "  \u3000x\u3000"}
	for _, s := range seedTexts(t) {
		cases = append(cases, strings.Split(s, "\n")...)
	}
	for _, s := range cases {
		if got, want := trimLine(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimLine(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzTrimLine checks trimLine against strings.TrimSpace.
func FuzzTrimLine(f *testing.F) {
	f.Add(" a \u00a0")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimLine(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimLine(%q) = %q, want %q", s, got, want)
		}
	})
}

// looksLikeAddr's hex loop must accept what the strings.Trim form did.
func TestLooksLikeAddr(t *testing.T) {
	ref := func(s string) bool {
		if s == "" {
			return false
		}
		c := s[0]
		return c >= '0' && c <= '9' || strings.IndexByte(s, ':') > 0 && strings.Trim(s[:strings.IndexByte(s, ':')], "0123456789abcdefABCDEF") == ""
	}
	for _, s := range []string{"", ":", "a:", "fe80::1", "FE80::1", "g:", "\x10:", "A\x01:", "2001:db8::/32", "Gi0/0:", "abc", "é:", "af:"} {
		if looksLikeAddr(s) != ref(s) {
			t.Fatalf("looksLikeAddr(%q) = %v", s, !ref(s))
		}
	}
	for c := 0; c < 256; c++ {
		s := "a" + string([]byte{byte(c)}) + ":"
		if looksLikeAddr(s) != ref(s) {
			t.Fatalf("looksLikeAddr(%q) = %v", s, !ref(s))
		}
	}
}

func checkSpaced(t *testing.T, s, n string) {
	if got, want := indexSpaced(s, n), strings.Index(s, " "+n); got != want {
		t.Fatalf("indexSpaced(%q, %q) = %d, want %d", s, n, got, want)
	}
	if got, want := isSeparator(s), isSeparatorRef(s); got != want {
		t.Fatalf("isSeparator(%q) = %v", s, got)
	}
	if lastIndexLit(s, n) != strings.LastIndex(s, n) || trimRightComma(s) != strings.TrimRight(s, ",") {
		t.Fatalf("lastIndexLit/trimRightComma(%q, %q) differ from strings", s, n)
	}
	if isBlank(s) != (strings.TrimSpace(s) == "") || onlyDashes(s) != (strings.Trim(s, "- ") == "") || trimRightSp(s) != strings.TrimRight(s, " ") {
		t.Fatalf("isBlank/onlyDashes/trimRightSp(%q) differ from strings", s)
	}
}

func isSeparatorRef(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" {
		return false
	}
	switch t[0] {
	case '-', '=', '*', '_', '+':
	default:
		return false
	}
	return strings.Trim(t, "-=*_+ ") == ""
}

// indexSpaced must find what strings.Index finds; isSeparator's early
// exit must not change its answer.
func TestIndexSpacedAndSeparator(t *testing.T) {
	cases := []string{"", " ", ":", " :", "a :", "- -", " \u00a0", "PID: a, VID: b, SN: c", "SN:VID:SN:", "aaa", "x,,", "\u2000-", "a  ", "a: b :", "uptime is ", "r uptime is 1", "ruptime is  uptime is x", "---", " ---", "- x", "\u00a0---", "+=+"}
	for _, s := range seedTexts(t) {
		cases = append(cases, strings.Split(s, "\n")...)
	}
	for _, s := range cases {
		for _, n := range []string{":", "uptime is ", "a", " ", "VID:", "SN:", "aa"} {
			checkSpaced(t, s, n)
		}
	}
}

// FuzzIndexSpaced checks indexSpaced and isSeparator on arbitrary text.
func FuzzIndexSpaced(f *testing.F) {
	f.Add("a uptime is b :", ":")
	f.Fuzz(func(t *testing.T, s, n string) {
		if n != "" {
			checkSpaced(t, s, n)
		}
	})
}

// oneSlab's lists must never share items: growing one in place must not
// touch another.
func TestOneSlab(t *testing.T) {
	var s oneSlab[int]
	var lists [][]int
	var want [][]int
	for i := range 600 {
		if i%3 == 0 || len(lists) == 0 {
			lists = append(lists, s.take(i))
			want = append(want, []int{i})
			continue
		}
		k := len(lists) - 1 - i%2*min(1, len(lists)-1) // mostly the last list, sometimes the one before
		lists[k] = s.add(lists[k], i)
		want[k] = append(want[k], i)
	}
	for k := range lists {
		if !slices.Equal(lists[k], want[k]) {
			t.Fatalf("list %d = %v, want %v", k, lists[k], want[k])
		}
	}
}

// randText returns n bytes drawn from alpha.
func randText(r *rand.Rand, alpha string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alpha[r.Intn(len(alpha))]
	}
	return string(b)
}

// indexRare must agree with strings.Index wherever t[k] is.
func TestIndexRare(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	const alpha = "ab g"
	for n := 0; n < 20000; n++ {
		s := randText(r, alpha, r.Intn(40))
		tt := randText(r, alpha, 1+r.Intn(4))
		k := r.Intn(len(tt))
		if got, want := indexRare(s, tt, k), strings.Index(s, tt); got != want {
			t.Fatalf("indexRare(%q, %q, %d) = %d, want %d", s, tt, k, got, want)
		}
	}
}

// versionShort and joinFields must give what the string building they
// replace gave.
func TestVersionShortJoinFields(t *testing.T) {
	short := func(v string) string {
		parts := strings.SplitN(v, ".", 3)
		if len(parts) < 2 {
			return v
		}
		minor := parts[1]
		for i, c := range minor {
			if c < '0' || c > '9' {
				minor = minor[:i]
				break
			}
		}
		return parts[0] + "." + minor
	}
	r := rand.New(rand.NewSource(2))
	const alpha = "a1. \t\u00a0x9"
	for n := 0; n < 20000; n++ {
		s := randText(r, alpha, r.Intn(12))
		if got, want := versionShort(s), short(s); got != want {
			t.Fatalf("versionShort(%q) = %q, want %q", s, got, want)
		}
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}
