package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const nxBefore = `!Command: show running-config
!Running configuration last done at: Fri Nov 27 18:00:01 2026
!Time: Fri Nov 27 19:00:00 2026

version 10.2(3) Bios:version 05.47
hostname n9k-1
ntp clock-period 23456
feature bgp
router bgp 65001
  neighbor 10.1.1.2
    remote-as 65002
  neighbor 10.1.1.6
    remote-as 65002
boot nxos bootflash:/nxos64-cs.10.2.3.F.bin sup-1
boot nxos bootflash:/nxos64-cs.10.2.3.F.bin sup-2
`

const nxAfter = `!Command: show running-config
!Running configuration last done at: Fri Nov 27 20:30:01 2026
!Time: Fri Nov 27 20:31:00 2026

version 10.4(3) Bios:version 05.47
hostname n9k-1
ntp clock-period 23999
feature bgp
router bgp 65001
  neighbor 10.1.1.2
    remote-as 65002
  neighbor 10.1.1.6
    remote-as 65003
boot nxos bootflash:/nxos64-cs.10.4.3.F.bin sup-1
boot nxos bootflash:/nxos64-cs.10.4.3.F.bin sup-2
`

func TestConfig(t *testing.T) {
	tests := []struct {
		name        string
		before      string
		after       string
		wantChanged []Line
		wantDiff    string
	}{
		{
			name:   "volatile lines only",
			before: "Building configuration...\n\nCurrent configuration : 1234 bytes\n! Last configuration change at 10:00:00 UTC Fri Nov 27 2026\nhostname r1\n",
			after:  "Building configuration...\n\nCurrent configuration : 1240 bytes\n! Last configuration change at 11:00:00 UTC Fri Nov 27 2026\n! NVRAM config last updated at 11:00:01 UTC Fri Nov 27 2026\nhostname r1\n",
		},
		{
			name:   "iosxr date line",
			before: "Fri Nov 27 19:00:00.123 UTC\n!! Last configuration change at Fri Nov 27 18:00:00 2026 by admin\nhostname xr\n",
			after:  "Fri Nov 27 20:00:00.456 UTC\n!! Last configuration change at Fri Nov 27 20:00:00 2026 by admin\nhostname xr\r\n",
		},
		{
			name:   "nxos issu: version, boot and a real change",
			before: nxBefore, after: nxAfter,
			wantChanged: []Line{
				{Kind: "-", Text: "version 10.2(3) Bios:version 05.47", Before: 5},
				{Kind: "+", Text: "version 10.4(3) Bios:version 05.47", After: 5},
				{Kind: "-", Text: "    remote-as 65002", Before: 13},
				{Kind: "-", Text: "boot nxos bootflash:/nxos64-cs.10.2.3.F.bin sup-1", Before: 14},
				{Kind: "-", Text: "boot nxos bootflash:/nxos64-cs.10.2.3.F.bin sup-2", Before: 15},
				{Kind: "+", Text: "    remote-as 65003", After: 13},
				{Kind: "+", Text: "boot nxos bootflash:/nxos64-cs.10.4.3.F.bin sup-1", After: 14},
				{Kind: "+", Text: "boot nxos bootflash:/nxos64-cs.10.4.3.F.bin sup-2", After: 15},
			},
			wantDiff: `--- before
+++ after
@@ -1,11 +1,11 @@
 !Command: show running-config
-version 10.2(3) Bios:version 05.47
+version 10.4(3) Bios:version 05.47
 hostname n9k-1
 feature bgp
 router bgp 65001
   neighbor 10.1.1.2
     remote-as 65002
   neighbor 10.1.1.6
-    remote-as 65002
-boot nxos bootflash:/nxos64-cs.10.2.3.F.bin sup-1
-boot nxos bootflash:/nxos64-cs.10.2.3.F.bin sup-2
+    remote-as 65003
+boot nxos bootflash:/nxos64-cs.10.4.3.F.bin sup-1
+boot nxos bootflash:/nxos64-cs.10.4.3.F.bin sup-2
`,
		},
		{
			name:        "insert and delete far apart make two hunks",
			before:      numbered(1, 30, nil),
			after:       numbered(1, 30, map[int]string{3: "", 25: "line 25\nline 25b"}),
			wantChanged: []Line{{Kind: "-", Text: "line 3", Before: 3}, {Kind: "+", Text: "line 25b", After: 25}},
		},
		{name: "from nothing", before: "", after: "a\nb\n", wantChanged: []Line{{Kind: "+", Text: "a", After: 1}, {Kind: "+", Text: "b", After: 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			unified, changed := Config(tc.before, tc.after)
			assert.Equal(t, tc.wantChanged, changed)
			if tc.wantChanged == nil {
				assert.Empty(t, unified)
				return
			}
			if tc.wantDiff != "" {
				assert.Equal(t, tc.wantDiff, unified)
			}
			assert.True(t, strings.HasPrefix(unified, "--- before\n+++ after\n@@ "))
			if tc.name == "insert and delete far apart make two hunks" {
				assert.Equal(t, 2, strings.Count(unified, "\n@@ "))
			}
		})
	}
}

// numbered renders "line i" for i in [from, to], replacing some lines.
func numbered(from, to int, repl map[int]string) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		l, ok := repl[i]
		if !ok {
			l = fmt.Sprintf("line %d", i)
		}
		if l != "" {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestConfigLargeAndDifferent(t *testing.T) {
	// Totally different large inputs hit the edit bound and still give a
	// correct (wholesale) diff.
	a := numbered(1, 5000, nil)
	b := strings.ReplaceAll(a, "line", "row")
	unified, changed := Config(a, b)
	assert.Len(t, changed, 10000)
	assert.Contains(t, unified, "-line 1\n")
	assert.Contains(t, unified, "+row 5000\n")
}

func BenchmarkConfig(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&sb, "interface Ethernet1/%d\n  description port %d\n", i, i)
	}
	before := sb.String()
	after := strings.Replace(before, "description port 100\n", "description port 100 changed\n", 1)
	after = strings.Replace(after, "interface Ethernet1/15000\n", "", 1)
	b.SetBytes(int64(len(before)))
	b.ReportAllocs()
	for b.Loop() {
		Config(before, after)
	}
}

// TestMyersProperties: on random inputs the edit script rebuilds both sides
// and is minimal (its length equals n+m-2·LCS computed by dynamic programming).
func TestMyersProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 300; iter++ {
		gen := func() []cfgLine {
			n := rng.IntN(12)
			out := make([]cfgLine, n)
			for i := range out {
				out[i] = cfgLine{text: string(rune('a' + rng.IntN(4))), n: i + 1}
			}
			return out
		}
		a, b := gen(), gen()
		ops := diffLines(a, b)
		var ra, rb []string
		edits := 0
		for _, op := range ops {
			switch op.kind {
			case ' ':
				require.Equal(t, a[op.i].text, b[op.j].text)
				ra, rb = append(ra, a[op.i].text), append(rb, b[op.j].text)
			case '-':
				ra = append(ra, a[op.i].text)
				edits++
			case '+':
				rb = append(rb, b[op.j].text)
				edits++
			}
		}
		require.Equal(t, texts(a), ra, "iteration %d", iter)
		require.Equal(t, texts(b), rb, "iteration %d", iter)
		require.Equal(t, len(a)+len(b)-2*lcs(a, b), edits, "minimal, iteration %d", iter)
	}
}

func texts(ls []cfgLine) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.text)
	}
	return out
}

func lcs(a, b []cfgLine) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i].text == b[j].text {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
