package core

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLines(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"crlf", "a\r\nb\r\n", []string{"a", "b"}},
		{"lone cr", "a\rb", []string{"a", "b"}},
		{"cr cr lf is one line end", "a\r\r\nb\r\r\n", []string{"a", "b"}},
		{"many crs before lf", "a\r\r\r\nb", []string{"a", "b"}},
		{"lone crs each end a line", "a\r\rb", []string{"a", "", "b"}},
		{"cr cr lf keeps blank lines", "a\r\r\n\r\r\nb", []string{"a", "", "b"}},
		{"lf cr", "a\n\rb", []string{"a", "", "b"}},
		{"prompt echo and trailing prompt", "switch# show version\nline\nswitch#", []string{"line"}},
		{"iosxe echo without space", "Router#sh ip route\nx\nRouter#\n", []string{"x"}},
		{"abbreviated echo", "SW-GENIE#sho boot\nx", []string{"x"}},
		{"xr prompt", "RP/0/RSP0/CPU0:xr#show version\nx\nRP/0/RSP0/CPU0:xr#", []string{"x"}},
		{"not a prompt: text with hash", "Total # of routes: 5", []string{"Total # of routes: 5"}},
		{"trailing spaces and blank edges", "\n\n  a  \t\n\n", []string{"  a"}},
		{"ansi and backspace", "\x1b[1mbold\x1b[0m ab\bc", []string{"bold ac"}},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"empty", "", []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Lines(c.in)
			if len(c.want) == 0 {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, c.want, got)
		})
	}
}

func TestStripControlIsLinear(t *testing.T) {
	// 200k backspaces must not rebuild the output each time.
	in := strings.Repeat("ab\b", 200000)
	got := Lines(in)
	assert.Equal(t, []string{strings.Repeat("a", 200000)}, got)
}

func TestFields(t *testing.T) {
	assert.Equal(t, []string{"a", "b", "c"}, Fields(" a\t b  c "))
	assert.Empty(t, Fields("   "))
}

func TestUnparsed(t *testing.T) {
	var u Unparsed
	u.Add("   ")
	u.Add("-----  ----")
	u.Add("real line")
	assert.Equal(t, []string{"real line"}, u.Lines())
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain text 1/2", "a\"b", "a\\b", "a<b", "a>b", "a&b", "\x00\x1f\x7f", "\u2028", "é", "\xff", "tab\t"} {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(AppendJSONString([]byte("x"), s)); got != "x"+string(want) {
			t.Errorf("%q: got %s, want x%s", s, got, want)
		}
	}
}

// FuzzAppendJSONString holds AppendJSONString to json.Marshal on any
// string.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "10.1.1.0/24", "a\"b<c>&d\\e", "\x7f\x80\u2028", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}

// BenchmarkAppendJSONString writes the strings of a route table's JSON:
// short keys and values, all plain.
func BenchmarkAppendJSONString(b *testing.B) {
	strs := []string{"10.210.0.0/24", "bgp", "external", "172.16.2.2", "6w5d", "CUST-A", "Ethernet1/1", "ipv4", "65001", "GigabitEthernet0/0/0.100"}
	n := 0
	for _, s := range strs {
		n += len(s)
	}
	b.SetBytes(int64(n))
	buf := make([]byte, 0, 1024)
	for b.Loop() {
		buf = buf[:0]
		for _, s := range strs {
			buf = AppendJSONString(buf, s)
		}
	}
}

// TestIsPlainWords checks isPlain's eight-byte test against the byte
// table: every byte value at every position of strings up to 24 bytes
// (short ones, whole words, overlapping last words), and every pair of
// byte values at every pair of positions of a word (a borrow from one
// byte must not hide or fake another) with a tail byte after it.
func TestIsPlainWords(t *testing.T) {
	for n := range 25 {
		for p := range n {
			for c := range 256 {
				s := []byte(strings.Repeat("a", n))
				s[p] = byte(c)
				if got := isPlain(string(s)); got != jsonPlain[c] {
					t.Fatalf("isPlain(%q) = %v", s, got)
				}
			}
		}
	}
	base := []byte("aaaaaaaaa")
	for p1 := range 8 {
		for p2 := p1; p2 < 9; p2++ {
			for c1 := range 256 {
				for c2 := range 256 {
					s := append([]byte(nil), base...)
					s[p1], s[p2] = byte(c1), byte(c2)
					want := jsonPlain[s[p1]] && jsonPlain[s[p2]]
					if got := isPlain(string(s)); got != want {
						t.Fatalf("isPlain(%q) = %v", s, got)
					}
				}
			}
		}
	}
}
