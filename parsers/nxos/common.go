package nxos

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Float is a float64 that marshals with a decimal point ("5.0", not "5"),
// so the JSON keeps Genie's float type where the schema says float.
type Float = core.Float

// parseFunc is the shape every parser in this package has internally: the
// hygienic lines and the command parameters in, the typed result out (nil
// when nothing was recognised), unknown lines recorded in u.
type parseFunc[T any] func(lines []string, p core.Params, u *core.Unparsed) *T

// run applies f to raw device output.
func run[T any](out string, p core.Params, f parseFunc[T]) (*T, []string, error) {
	lines := splitLines(out)
	var u core.Unparsed
	res := f(lines, p, &u)
	if res == nil {
		return nil, u.Lines(), core.ErrEmpty
	}
	return res, u.Lines(), nil
}

// splitLines is core.Lines with a cheaper common path: output without CR,
// ESC or backspace is split in one allocation with a byte loop for the
// right trim (TrimRight with a two-byte cutset builds a set per call).
// Anything else goes to core.Lines, so the result is the same.
func splitLines(out string) []string {
	if strings.IndexByte(out, '\r') >= 0 || strings.IndexByte(out, 0x1b) >= 0 || strings.IndexByte(out, '\b') >= 0 {
		return core.Lines(out)
	}
	lines := make([]string, 0, strings.Count(out, "\n")+1)
	for {
		i := strings.IndexByte(out, '\n')
		l := out
		if i >= 0 {
			l = out[:i]
		}
		j := len(l)
		for j > 0 && (l[j-1] == ' ' || l[j-1] == '\t') {
			j--
		}
		lines = append(lines, l[:j])
		if i < 0 {
			break
		}
		out = out[i+1:]
	}
	// Leading blank lines and a prompt echo line, trailing blank lines and
	// a bare prompt, as core.Lines drops them.
	start := 0
	for start < len(lines) && strings.TrimSpace(lines[start]) == "" {
		start++
	}
	// A prompt echo has a '#' or '>': two byte searches rule most first
	// lines out before IsPromptEcho's trimming and set search.
	if start < len(lines) && (strings.IndexByte(lines[start], '#') >= 0 || strings.IndexByte(lines[start], '>') >= 0) &&
		core.IsPromptEcho(lines[start]) {
		start++
	}
	end := len(lines)
	for end > start && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	if end > start && core.IsBarePrompt(lines[end-1]) {
		end--
	}
	return lines[start:end]
}

// reg registers a class with its command templates.
func reg[T any](class string, commands []string, f parseFunc[T]) {
	register(core.Entry{
		Class:    class,
		Commands: commands,
		Parse: func(out string, p core.Params) (any, []string, error) {
			r, un, err := run(out, p, f)
			if err != nil {
				return nil, un, err
			}
			return r, un, nil
		},
	})
}

// parse is the body of every exported ParseShowX function.
func parse[T any](out string, p core.Params, f parseFunc[T]) (*T, error) {
	r, _, err := run(out, p, f)
	return r, err
}

// atoi parses a decimal integer, 0 when s is not one.
func atoi(s string) int {
	// One or two digits (preferences, metrics, counters, row columns)
	// first, without the loop.
	if len(s) == 1 && s[0]-'0' <= 9 {
		return int(s[0] - '0')
	}
	if len(s) == 2 && s[0]-'0' <= 9 && s[1]-'0' <= 9 {
		return int(s[0]-'0')*10 + int(s[1]-'0')
	}
	// Device figures are short digit runs: a plain loop, the same value
	// as strconv.Atoi; anything else (signs, long runs) goes to it.
	if n := len(s); n > 0 && n <= 18 {
		v := 0
		for i := 0; i < n; i++ {
			c := s[i] - '0'
			if c > 9 {
				goto slow
			}
			v = v*10 + int(c)
		}
		return v
	}
slow:
	n, _ := strconv.Atoi(s)
	return n
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// atof parses a decimal number, 0 when s is not one (NaN and Inf
// included: JSON cannot carry them).
func atof(s string) Float {
	// "12.34": at most 15 digits make an exact integer mantissa, and one
	// IEEE division by an exact power of ten rounds correctly, so this is
	// ParseFloat's own result without its general parsing.
	if n := len(s); n > 0 && n <= 16 {
		var m uint64
		digits, frac, dot := 0, 0, false
		for i := 0; i < n; i++ {
			c := s[i]
			switch {
			case c >= '0' && c <= '9':
				m = m*10 + uint64(c-'0')
				digits++
				if dot {
					frac++
				}
			case c == '.' && !dot:
				dot = true
			default:
				goto slow
			}
		}
		if digits > 0 && digits <= 15 {
			return Float(float64(m) / pow10[frac])
		}
	}
slow:
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return Float(f)
}

// isInt reports whether s is a non-empty run of decimal digits.
func isInt(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cutAfter returns the trimmed text after the first sep in s.
func cutAfter(s, sep string) string {
	_, v, _ := strings.Cut(s, sep)
	return strings.TrimSpace(v)
}

// isSeparator reports lines made only of dashes, equals signs and spaces.
func isSeparator(s string) bool {
	// Most lines start with another byte: reject them before trimming.
	if s != "" && !sepStart[s[0]] {
		return false
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return false
	}
	// strings.Trim(t, "-= ") == "", without building a cutset per call;
	// eight bytes at a time, as separators run the width of a table.
	i := 0
	for ; i+8 <= len(t); i += 8 {
		if sepBytes(load64(t[i:i+8])) != hiBits {
			return false
		}
	}
	for ; i < len(t); i++ {
		if c := t[i]; c != '-' && c != '=' && c != ' ' {
			return false
		}
	}
	return true
}

// sepBytes marks (with their high bit) the bytes of w that are '-', '='
// or ' ', exactly: no carry crosses bytes.
func sepBytes(w uint64) uint64 {
	xd, xe, xs := w^('-'*0x0101010101010101), w^('='*0x0101010101010101), w^(' '*0x0101010101010101)
	return (^((xd & lo7Bits) + lo7Bits | xd) | ^((xe & lo7Bits) + lo7Bits | xe) | ^((xs & lo7Bits) + lo7Bits | xs)) & hiBits
}

// sepStart marks the bytes a separator line can start with: '-', '=',
// ASCII white space and any non-ASCII byte (Unicode white space).
var sepStart = func() (t [256]bool) {
	for _, c := range "-= \t\n\v\f\r" {
		t[c] = true
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	return t
}()

// trimRightBlank is strings.TrimRight(s, " \t") as a byte loop (a no-op on
// lines that are already trimmed, as run's lines are).
func trimRightBlank(s string) string {
	j := len(s)
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[:j]
}

// isBlank reports an empty or all-white-space line.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// isCommandEcho reports a line that is only the command, as some captures
// carry it without a prompt ("show inventory").
func isCommandEcho(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "show ") || t == "show"
}

// intfPrefixes maps NX-OS short interface names to Genie's long form
// (Genie's Common.convert_intf_name).
var intfPrefixes = []struct{ short, long string }{
	{"ethernet", "Ethernet"},
	{"eth", "Ethernet"},
	{"et", "Ethernet"},
	{"port-channel", "Port-channel"},
	{"po", "Port-channel"},
	{"loopback", "Loopback"},
	{"lo", "Loopback"},
	{"vlan", "Vlan"},
	{"vl", "Vlan"},
	{"tunnel", "Tunnel"},
	{"tu", "Tunnel"},
	{"null", "Null"},
	{"nve", "nve"},
	{"mgmt", "mgmt"},
}

// intfLong returns the long form of an interface name prefix (ASCII
// letters and '-'), matched case-insensitively against intfPrefixes.
func intfLong(prefix string) (string, bool) {
	if len(prefix) >= len(intfByLen) {
		return "", false
	}
next:
	for _, p := range intfByLen[len(prefix)] {
		// Short names are lower case letters and '-': setting bit 0x20
		// lower-cases a letter of the prefix and keeps a '-', so this is
		// strings.EqualFold for such a prefix.
		for i := 0; i < len(prefix); i++ {
			if prefix[i]|0x20 != p.short[i] {
				continue next
			}
		}
		return p.long, true
	}
	return "", false
}

// intfByLen is intfPrefixes by the length of the short name (in table
// order), so a lookup compares a name with one or two candidates.
var intfByLen = func() (t [13][]struct{ short, long string }) {
	for _, p := range intfPrefixes {
		t[len(p.short)] = append(t[len(p.short)], p)
	}
	return t
}()

// intfPrefixLen is the length of the run of ASCII letters and '-' that
// starts name.
func intfPrefixLen(name string) int {
	i := 0
	for i < len(name) && (name[i] >= 'a' && name[i] <= 'z' || name[i] >= 'A' && name[i] <= 'Z' || name[i] == '-') {
		i++
	}
	return i
}

// convertIntf expands an abbreviated interface name (Eth1/1, Po10, Lo0,
// vlan60) to the long form Genie reports (Ethernet1/1, Port-channel10,
// Loopback0, Vlan60). Names it does not know are returned unchanged.
func convertIntf(name string) string {
	i := intfPrefixLen(name)
	if i == 0 || i == len(name) {
		return name
	}
	long, ok := intfLong(name[:i])
	if !ok || name[:i] == long {
		return name // unknown, or already the long form: no new string
	}
	return long + name[i:]
}

// intfAbbreviated reports whether convertIntf(name) differs from name.
func intfAbbreviated(name string) bool {
	i := intfPrefixLen(name)
	if i == 0 || i == len(name) {
		return false
	}
	long, ok := intfLong(name[:i])
	return ok && name[:i] != long
}

// parseInt64 is strconv.ParseInt(s, 10, 64) with a fast path for the
// short digit runs device output holds.
func parseInt64(s string) (int64, bool) {
	if n := len(s); n > 0 && n <= 18 {
		var v int64
		for i := 0; i < n; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				goto slow
			}
			v = v*10 + int64(c-'0')
		}
		return v, true
	}
slow:
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// itoa formats a small non-negative integer.
func itoa(n int) string { return strconv.Itoa(n) }

// appendFields appends the space/tab separated fields of s to dst, so hot
// loops can reuse one buffer instead of allocating per line.
func appendFields(dst []string, s string) []string {
	// Two tight loops (skip blanks, then take a field) instead of one loop
	// with state: fewer branches per byte on long tables.
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			return dst
		}
		j := i + 1
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		dst = append(dst, s[i:j])
		i = j
	}
}

// fromField returns t from the start of its k-th (0-based) space or tab
// separated field: joinToks(t, toks[k:]) for a t with no trailing blanks
// and more than k fields, without building the token list.
func fromField(t string, k int) string {
	i := 0
	for n := 0; ; n++ {
		for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
			i++
		}
		if n == k || i == len(t) {
			return t[i:]
		}
		for i < len(t) && t[i] != ' ' && t[i] != '\t' {
			i++
		}
	}
}

// splitSep appends the sep-separated parts of s to dst (strings.Split
// without the allocation when dst has room).
func splitSep(dst []string, s, sep string) []string {
	if len(sep) == 0 {
		return append(dst, s)
	}
	c := sep[0]
	start := 0
	for i := 0; i+len(sep) <= len(s); {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			break
		}
		i += j
		if i+len(sep) <= len(s) && s[i:i+len(sep)] == sep {
			dst = append(dst, s[start:i])
			i += len(sep)
			start = i
			continue
		}
		i++
	}
	return append(dst, s[start:])
}

// slab hands out pointers to values allocated in chunks: results with
// thousands of small optional fields (route metrics, next hops) then cost
// a few allocations instead of one each.
type slab[T any] struct{ buf []T }

func (s *slab[T]) new(v T) *T {
	p := s.alloc()
	*p = v
	return p
}

// reserve makes the next chunk hold n values, for callers that know (an
// upper bound of) how many they will need.
func (s *slab[T]) reserve(n int) {
	if n > cap(s.buf)-len(s.buf) {
		s.buf = make([]T, 0, n)
	}
}

// alloc returns a pointer to a zero T.
func (s *slab[T]) alloc() *T {
	if len(s.buf) == cap(s.buf) {
		// Chunks grow from 8 to 256 so small outputs stay small.
		n := min(max(2*cap(s.buf), 8), 256)
		s.buf = make([]T, 0, n)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// fieldBuf splits lines into fields in a buffer that lives in the
// caller's frame: the fields of the previous line are invalid after the
// next split. Being on the stack, storing the fields needs no GC write
// barriers; a line with more fields than the array spills to the heap.
type fieldBuf struct{ arr [40]string }

func (b *fieldBuf) split(s string) []string {
	// Stores by index into the array (not append into a slice of it): the
	// compiler then sees a stack address and emits no write barrier.
	n := 0
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			return b.arr[:n]
		}
		j := i + 1
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		if n == len(b.arr) {
			return appendFields(b.arr[:n:n], s[i:])
		}
		b.arr[n] = s[i:j]
		n++
		i = j
	}
}

// tokBuf is fieldBuf for tokens with positions.
type tokBuf struct{ arr [40]tok }

func (b *tokBuf) split(s string) []tok { return b.splitIn(s, 0, len(s)) }

// splitIn tokenises s[from:to] with positions in s, so a caller can split
// a trimmed part of a line and still measure columns on the whole line.
func (b *tokBuf) splitIn(s string, from, to int) []tok {
	// As fieldBuf.split: indexed stores into the array need no write
	// barrier.
	n := 0
	i := from
	for {
		if i < to && (s[i] == ' ' || s[i] == '\t') {
			// Columns are padded with long runs of spaces: past the first
			// blank, eight bytes at a time up to the word holding the
			// next field.
			i++
			for i+8 <= to {
				if m := ^blankBytes(load64(s[i:i+8])) & hiBits; m != 0 {
					i += bits.TrailingZeros64(m) >> 3
					goto field
				}
				i += 8
			}
			for i < to && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
		}
	field:
		if i == to {
			return b.arr[:n]
		}
		// Fields (models, serial numbers, MAC ranges) are often long:
		// eight bytes at a time up to the word holding the next blank.
		j := i + 1
		for j+8 <= to {
			if m := blankBytes(load64(s[j : j+8])); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				goto end
			}
			j += 8
		}
		for j < to && s[j] != ' ' && s[j] != '\t' {
			j++
		}
	end:
		if n == len(b.arr) {
			out := b.arr[:n:n]
			for _, t := range appendTokens(nil, s[i:to]) {
				out = append(out, tok{t.s, t.start + i, t.end + i})
			}
			return out
		}
		b.arr[n] = tok{s[i:j], i, j}
		n++
		i = j
	}
}

// trimSpaceAt is strings.TrimSpace(s) with the trimmed text's offset in s.
func trimSpaceAt(s string) (string, int) {
	i := 0
	for i < len(s) && s[i] < 0x80 && asciiSpace[s[i]] {
		i++
	}
	if i < len(s) && s[i] >= 0x80 {
		// Unicode white space: let the strings package decide.
		t := strings.TrimSpace(s)
		return t, len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	}
	// s[i] is printable ASCII: when the last byte is too, nothing is left
	// to trim.
	if n := len(s); n > i && s[n-1] < 0x80 && !asciiSpace[s[n-1]] {
		return s[i:], i
	}
	return strings.TrimSpace(s[i:]), i
}

// isBlanks reports whether s is only spaces and tabs.
func isBlanks(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// trimSpace is strings.TrimSpace for device lines, which rarely have
// blanks but an indent of spaces: past the indent, a line that starts
// and ends with printable ASCII is returned as it is.
func trimSpace(s string) string {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	s = s[i:]
	if n := len(s); n > 0 && s[0] < 0x80 && !asciiSpace[s[0]] && s[n-1] < 0x80 && !asciiSpace[s[n-1]] {
		return s
	}
	return strings.TrimSpace(s)
}

// asciiSpace is the ASCII white space strings.TrimSpace trims.
var asciiSpace = [128]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// partEnds appends to dst the end of each ", "-separated part of s (the
// offset of the comma, and len(s) for the last part). It reads eight
// bytes at a time: route lines are parsed part by part, and their parts
// are a few bytes long, shorter than strings.IndexByte's set-up pays off
// for. Offsets are integers, not strings, so filling the caller's array
// needs no GC write barriers.
func partEnds(dst []int32, s string) []int32 {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	const commas = ',' * 0x0101010101010101
	if len(s) > 1<<30 {
		s = s[:1<<30] // offsets are int32; no device line is this long
	}
	j := 0
	for ; j+8 <= len(s); j += 8 {
		// Marks the bytes equal to ',' exactly (no carry between bytes).
		x := load64(s[j:j+8]) ^ commas
		m := ^((x & lo7) + lo7 | x) & hi
		for m != 0 {
			k := j + bits.TrailingZeros64(m)>>3
			m &= m - 1
			if k+1 < len(s) && s[k+1] == ' ' {
				dst = append(dst, int32(k))
			}
		}
	}
	for ; j < len(s); j++ {
		if s[j] == ',' && j+1 < len(s) && s[j+1] == ' ' {
			dst = append(dst, int32(j))
		}
	}
	return append(dst, int32(len(s)))
}

const (
	lo7Bits = 0x7f7f7f7f7f7f7f7f
	hiBits  = 0x8080808080808080
)

// blankBytes marks (with their high bit) the bytes of w that are a space
// or a tab, exactly: no carry crosses bytes.
func blankBytes(w uint64) uint64 {
	xs, xt := w^(' '*0x0101010101010101), w^('\t'*0x0101010101010101)
	return (^((xs & lo7Bits) + lo7Bits | xs) | ^((xt & lo7Bits) + lo7Bits | xt)) & hiBits
}

// load64 reads the first eight bytes of b, little-endian (one load).
func load64(b string) uint64 {
	b = b[:8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}
