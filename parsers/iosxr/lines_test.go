package iosxr

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
)

// lineCases are inputs at the edges of core.Lines' trimming.
var lineCases = map[string]string{
	"empty":                "",
	"blank":                " \n\t\n",
	"one":                  "x",
	"one newline":          "x\n",
	"echo only":            "RP/0/RSP0/CPU0:xr#show version",
	"echo then blank":      "RP/0/RSP0/CPU0:xr#show version\n\n  \n",
	"echo blank prompt":    "xr# show x\n\nxr#",
	"echo prompt":          "xr# show x\nxr#",
	"prompt only":          "xr#",
	"blank prompt":         "\n\nxr#\n",
	"inner blanks":         "\n\n a  \n\n\t\nb\t \n\n",
	"prompt after blank":   "a\n\n  xr#  \n\n",
	"two prompts":          "a\nxr#\nxr#\n",
	"crlf":                 "xr#show x\r\na \r\n\r\nb\r\nxr#",
	"ansi":                 "\x1b[0ma\x08b\n",
	"vertical tab blank":   "\v\na\n\v\n",
	"trailing spaces only": "a\n   ",
	"echo then last line":  "xr#show x\nlast",
	"no final newline":     "a\nb c",
	"ends in hash":         "a\nb c#",
	"ends in non-ascii":    "a\nb\u00a0",
}

// TestLinesMatchesCore checks the allocation-free line iterator yields what
// core.Lines returns, on edge cases, fixtures and (when present) Genie's
// golden outputs.
func TestLinesMatchesCore(t *testing.T) {
	for name, in := range lineCases {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, core.Lines(in), collectLines(in))
		})
	}
	var files []string
	_ = filepath.WalkDir(fixtureDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".txt") {
			files = append(files, path)
		}
		return nil
	})
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		assert.Equal(t, core.Lines(string(b)), collectLines(string(b)), f)
	}
	for _, c := range loadGolden(t) {
		assert.Equal(t, core.Lines(c.text), collectLines(c.text), c.class)
	}
}

// collectLines gathers lines(in), as a nil-free slice like core.Lines'.
func collectLines(in string) []string {
	out := slices.Collect(lines(in))
	if out == nil {
		out = []string{}
	}
	return out
}

// FuzzLines compares the line iterator with core.Lines on arbitrary input.
func FuzzLines(f *testing.F) {
	for _, in := range lineCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want, got := core.Lines(in), collectLines(in)
		if !slices.Equal(want, got) {
			t.Fatalf("lines(%q) = %q, core.Lines = %q", in, got, want)
		}
	})
}

// TestRouteRepeatedPrefix checks a prefix printed twice (and again in
// another VRF) updates one route, as a lookup before every insert would.
func TestRouteRepeatedPrefix(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("VRF: A\n\n")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&sb, "B    10.0.%d.0/24 [200/0] via 10.255.0.%d, 1w0d\n", i, i%200)
	}
	sb.WriteString("VRF: B\n\n")
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&sb, "S    10.0.%d.0/24 [1/0] via 10.1.0.%d, 1w0d\n", i, i%200)
	}
	sb.WriteString("O    10.0.3.0/24 [110/2] via 10.2.0.1, 2d04h, Bundle-Ether1\n")
	sb.WriteString("Routing entry for 10.0.140.0/24\n")
	sb.WriteString("O    10.0.3.0/24 [110/2] via 10.2.0.9, 2d04h, Bundle-Ether9\n")
	r, un, err := parseShowRouteIpv4(sb.String(), "default")
	require.NoError(t, err)
	assert.Empty(t, un)
	a, b := r.Vrf["A"].AddressFamily["ipv4"].Routes, r.Vrf["B"].AddressFamily["ipv4"].Routes
	require.Len(t, a, 150)
	require.Len(t, b, 150)
	assert.Equal(t, "bgp", a.Get("10.0.3.0/24").SourceProtocol)
	rt := b.Get("10.0.3.0/24")
	assert.Equal(t, "ospf", rt.SourceProtocol)
	assert.Equal(t, "10.2.0.9", rt.NextHop.NextHopList[2].NextHop)
	assert.Len(t, rt.NextHop.NextHopList, 3)
	assert.Equal(t, "10.0.140.0", b.Get("10.0.140.0/24").IP)
	assert.Equal(t, "static", b.Get("10.0.140.0/24").SourceProtocol)
	assert.Equal(t, "10.0.149.0/24", b.Get("10.0.149.0/24").Route)
}

// FuzzScanners compares the package's inline number and field scanners
// with the library functions they stand in for.
func FuzzScanners(f *testing.F) {
	for _, s := range []string{"0", "42", "-7", "+3", "123456789012345678", "9223372036854775807", "99999999999999999999", "1_0", "", " 1", "a b\tc  d ", "\t\t",
		"RP/0/RP0/CPU0:PE1#show ip int brief", "  R1>SH VER", "x#", "r1#ping 1.1.1.1", "a>b#dir", "0/1  x   y          z\tw",
		"Idle (Admin)", "a  b c", "[110/2] via 10.0.0.1, 1d02h, Gi0/0/0/1", "[200/0] via 10.2.2.2, 1w3d", "[1/0] via 10.1.1.1 (nexthop in vrf default), 00:01:02",
		"[110/20] via 10.0.12.2, 1w0d, Bundle-Ether12, x", "[0/0] via a,b, c", "[1234567890123456789/1] via a, b", "[1/2]  via a, b", "[1/2] via a, b,c", "[1/2] via a, b,", "[1/2] via a,", " \u00a0x "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := atoi(s)
		wn, err := strconv.Atoi(s)
		if ok != (err == nil) || (ok && n != wn) {
			t.Fatalf("atoi(%q) = %d, %v; strconv: %d, %v", s, n, ok, wn, err)
		}
		var fb [4]string
		if got, want := fieldsInto(fb[:0], s), core.Fields(s); !slices.Equal(got, want) {
			t.Fatalf("fieldsInto(%q) = %q, want %q", s, got, want)
		}
		if all := core.Fields(s); len(all) > 0 {
			k := len(all) / 2
			var nb [2]string
			if got := fieldsIntoN(nb[:0], s, k); !slices.Equal(got, all[:k]) {
				t.Fatalf("fieldsIntoN(%q, %d) = %q, want %q", s, k, got, all[:k])
			}
		}
		if got, err := parseFloat(s); true {
			want, werr := strconv.ParseFloat(s, 64)
			if werr == nil && (math.IsNaN(want) || math.IsInf(want, 0)) {
				werr = strconv.ErrSyntax // parseFloat takes finite values only
			}
			if (err == nil) != (werr == nil) || (err == nil && got != want) {
				t.Fatalf("parseFloat(%q) = %v, %v; strconv: %v, %v", s, got, err, want, werr)
			}
		}
		if got, ok := atoi64(s); true {
			want, err := strconv.ParseInt(s, 10, 64)
			if ok != (err == nil) || (ok && got != want) {
				t.Fatalf("atoi64(%q) = %d, %v; strconv: %d, %v", s, got, ok, want, err)
			}
		}
		if got, want := trimSp(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimSp(%q) = %q, want %q", s, got, want)
		}
		if got, want := trimLine(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimLine(%q) = %q, want %q", s, got, want)
		}
		// plainGateway is gateway's one-pass fast path for a trimmed path
		// ("[110/2] via ..."): where it answers, it must answer as gateway.
		if tr := strings.TrimSpace(s); strings.HasPrefix(tr, "[") {
			if got, ok := plainGateway(tr); ok {
				if want, wok := gateway(tr); !wok || got != want {
					t.Fatalf("plainGateway(%q) = %+v; gateway: %+v, %v", tr, got, want, wok)
				}
			}
		}
		if got, want := isPromptEcho(s), core.IsPromptEcho(s); got != want {
			t.Fatalf("isPromptEcho(%q) = %v, core says %v", s, got, want)
		}
		// splitColsTabs is the plain byte loop splitCols takes for rows
		// with tabs: the fast path must agree with it.
		var cb, wb [4]string
		if got, want := splitCols(cb[:0], s), splitColsTabs(wb[:0], strings.TrimSpace(s)); !slices.Equal(got, want) {
			t.Fatalf("splitCols(%q) = %q, want %q", s, got, want)
		}
		if tr := strings.TrimSpace(s); tr == s {
			f := core.Fields(s)
			for i := range f {
				if got, want := tailJoined(s, f[i:]), strings.Join(f[i:], " "); got != want {
					t.Fatalf("tailJoined(%q, %q) = %q, want %q", s, f[i:], got, want)
				}
			}
		}
	})
}
