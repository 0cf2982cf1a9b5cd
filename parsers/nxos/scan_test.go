package nxos

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNextPartSplitsLikeSplitComma walks random lines part by part, with
// the recorded part ends (partIter, also past its array) and without
// (nextPart), and compares the parts with splitComma's.
func TestNextPartSplitsLikeSplitComma(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := ", ,a1[]/"
	for n := 0; n < 90; n++ {
		for range 300 {
			b := make([]byte, n)
			for i := range b {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
			s := string(b)
			want := splitComma(nil, s)
			var got, slow []string
			for i := 0; i <= len(s); {
				var p string
				p, i = nextPart(s, i)
				slow = append(slow, p)
			}
			for it := (partIter{ends: partEnds(nil, s)}); it.more(); {
				got = append(got, it.next(s))
			}
			require.Equal(t, want, slow, "nextPart on %q", s)
			require.Equal(t, want, got, "partIter on %q", s)
		}
	}
}

// TestTrimPart checks trimPart and trimSpace against strings.TrimSpace.
func TestTrimPart(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "\ta\t", "ab", "\u00a0a", "a\u00a0", "\u2028", "é", "\xff", "a\v",
		"   ", "   a", "  \ta", "  \u00a0a", "  a\u00a0", "  é ", "  a b  ", "\v a"} {
		if got, want := trimPart(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimPart(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestConvertIntfByLength checks the by-length prefix lookup against a
// scan of the whole table, on every prefix in any case and on random names.
func TestConvertIntfByLength(t *testing.T) {
	scan := func(name string) string {
		i := intfPrefixLen(name)
		if i == 0 || i == len(name) {
			return name
		}
		for _, p := range intfPrefixes {
			if len(name[:i]) == len(p.short) && strings.EqualFold(name[:i], p.short) {
				if name[:i] == p.long {
					return name
				}
				return p.long + name[i:]
			}
		}
		return name
	}
	names := []string{"", "1/1", "Eth", "-1", "Kelvin1"}
	for _, p := range intfPrefixes {
		for _, v := range []string{p.short, strings.ToUpper(p.short), p.long, strings.ToUpper(p.long[:1]) + p.short[1:]} {
			names = append(names, v+"1/1", v+"10", v)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := "EeTtHhPpOoLlVvNnUuMmGg-01/"
	for range 20000 {
		b := make([]byte, rng.IntN(9))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		names = append(names, string(b))
	}
	for _, n := range names {
		want := scan(n)
		require.Equal(t, want, convertIntf(n), "convertIntf(%q)", n)
		require.Equal(t, want != n, intfAbbreviated(n), "intfAbbreviated(%q)", n)
	}
}

// splitComma appends the ", "-separated parts of s to dst: the splitter
// route lines had before partEnds, kept as the reference.
func splitComma(dst []string, s string) []string {
	start := 0
	for i := 0; ; {
		j := strings.IndexByte(s[i:], ',')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(s) && s[i+1] == ' ' {
			dst = append(dst, s[start:i])
			start = i + 2
			i += 2
			continue
		}
		i++
	}
	return append(dst, s[start:])
}

// TestBgpStateStrings checks the state shortcuts against what they stand
// for (lowerASCII leaves text without ASCII upper case as it is).
func TestBgpStateStrings(t *testing.T) {
	for _, s := range []string{"Idle", "Active", "Connect", "OpenSent", "OpenConfirm", "Shut (Admin)", "Idle (Admin)",
		"0 (No Cap)", "811", "IDLE", "idle", "Idlé", ""} {
		require.Equal(t, strings.ToLower(s), lowerASCII(s), "lowerASCII(%q)", s)
	}
	for _, s := range []string{"IPv4 Unicast", "IPv6 Unicast", "IPv4 Multicast", "IPv6 Multicast", "VPNv4 Unicast",
		"VPNv6 Unicast", "L2VPN EVPN", "IPv4 MVPN", "IPv6 MVPN", "IPv4 Label Unicast", "IPv6 Label Unicast", "Link-State",
		"IPv4 Flowspec", "", "É"} {
		require.Equal(t, strings.ToLower(s), lowerFamily(s), "lowerFamily(%q)", s)
	}
	for _, toks := range [][]string{{"Shut", "(Admin)"}, {"Idle", "(Admin)"}, {"0", "(No", "Cap)"}, {"a"}, {"a", "b"},
		{strings.Repeat("x", 31), "y"}, {strings.Repeat("x", 40)}, {"", ""}} {
		require.Equal(t, strings.Join(toks, " "), joinState(toks), "joinState(%q)", toks)
	}
}

// TestContainsAfterSpace checks it against strings.Contains on random text.
func TestContainsAfterSpace(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	alphabet := " ab"
	for _, w := range []string{"a", "ab", "ba b", "identical, "} {
		for n := 0; n < 30; n++ {
			for range 200 {
				b := make([]byte, n)
				for i := range b {
					b[i] = alphabet[rng.IntN(len(alphabet))]
				}
				s := string(b)
				require.Equal(t, strings.Contains(s, " "+w), containsAfterSpace(s, w), "%q in %q", w, s)
			}
		}
	}
}

// TestTokBufSplitIn checks the tokeniser (whose blank runs are skipped a
// word at a time) against appendTokens, and trimSpaceAt against
// strings.TrimSpace, on random lines with long runs of blanks.
func TestTokBufSplitIn(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := []string{" ", "        ", "         ", "\t", "a", "bc", "1/1", "\u00a0", "\v", "é", "                  "}
	for range 20000 {
		var b strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		line := b.String()
		var tb tokBuf
		want := appendTokens(nil, line)
		got := tb.split(line)
		require.Equal(t, len(want), len(got), "%q", line)
		for i := range want {
			require.Equal(t, want[i], got[i], "%q", line)
		}
		tt, off := trimSpaceAt(line)
		require.Equal(t, strings.TrimSpace(line), tt, "%q", line)
		if tt != "" {
			require.Equal(t, tt, line[off:off+len(tt)], "%q", line)
		}
		if from, to := rng.IntN(len(line)+1), len(line); from <= to {
			want := appendTokens(nil, line[from:to])
			got := tb.splitIn(line, from, to)
			require.Equal(t, len(want), len(got), "%q [%d:%d]", line, from, to)
			for i := range want {
				require.Equal(t, tok{want[i].s, want[i].start + from, want[i].end + from}, got[i], "%q", line)
			}
		}
	}
}

// TestTokBufSplitInWords checks the word-at-a-time tokeniser against a
// byte loop on random blank-heavy lines and sub-ranges of them.
func TestTokBufSplitInWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 34))
	alpha := []byte("        \t\tab-/:0\x80\xff\n")
	var tb tokBuf
	for range 20000 {
		b := make([]byte, rng.IntN(90))
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		s := string(b)
		from := rng.IntN(len(s) + 1)
		to := from + rng.IntN(len(s)-from+1)
		var want []tok
		for i := from; i < to; {
			for i < to && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
			if i == to {
				break
			}
			j := i
			for j < to && s[j] != ' ' && s[j] != '\t' {
				j++
			}
			want = append(want, tok{s[i:j], i, j})
			i = j
		}
		got := tb.splitIn(s, from, to)
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q [%d:%d]: got %v want %v", s, from, to, got, want)
		}
	}
}

// TestSepBytes checks the word test of isSeparator against a byte loop on
// every byte value in every position, and isSeparator on lines around
// the eight-byte boundaries.
func TestSepBytes(t *testing.T) {
	isSep := func(c byte) bool { return c == '-' || c == '=' || c == ' ' }
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			w := []byte("-= --==-")
			w[pos] = byte(c)
			var want uint64
			for i, b := range w {
				if isSep(b) {
					want |= 0x80 << (8 * i)
				}
			}
			if got := sepBytes(load64(string(w))); got != want {
				t.Fatalf("sepBytes(%q) = %#x, want %#x", w, got, want)
			}
		}
	}
	for n := 1; n < 20; n++ {
		for pos := 0; pos < n; pos++ {
			for _, c := range []byte{'-', '=', ' ', 'x', '\t', 0xff, '-' + 0x80, 0} {
				b := []byte(strings.Repeat("-", n))
				b[pos] = c
				s := string(b)
				tr := strings.TrimSpace(s)
				want := tr != "" && strings.Trim(tr, "-= ") == ""
				if got := isSeparator(s); got != want {
					t.Fatalf("isSeparator(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}
