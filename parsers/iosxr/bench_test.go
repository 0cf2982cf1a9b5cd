package iosxr

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/goissu/goissu/parsers/internal/core"
	"github.com/goissu/goissu/parsers/internal/scaletest"
)

// BenchmarkGolden parses the largest golden output of each class (read at
// run time; skipped without the corpus).
func BenchmarkGolden(b *testing.B) {
	cases := loadGolden(b)
	if len(cases) == 0 {
		b.Skip("golden corpus not found (set GOISSU_GOLDEN): skipping")
	}
	largest := map[string]goldenCase{}
	for _, c := range cases {
		if !c.empty && len(c.text) > len(largest[c.class].text) {
			largest[c.class] = c
		}
	}
	for _, e := range Entries() {
		c, ok := largest[e.Class]
		if !ok {
			continue
		}
		b.Run(e.Class, func(b *testing.B) {
			benchEntry(b, e, c.text, nil)
		})
	}
}

func benchEntry(b *testing.B, e core.Entry, text string, p core.Params) {
	b.Helper()
	if _, _, err := e.Parse(text, p); err != nil {
		b.Fatalf("%s: %v", e.Class, err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	// The machine is shared: besides wall time, report the CPU time the
	// process spent per op (parser and GC), which other load inflates less.
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		if _, _, err := e.Parse(text, p); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/op")
	}
}

// cpuTime is the process's user+system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// synthRoutes renders a "show route ipv4" table with n routes, a fifth of
// them with two ECMP paths.
func synthRoutes(n int) string {
	var sb strings.Builder
	sb.WriteString("Fri Nov 27 08:22:55.118 UTC\n\nCodes: C - connected, S - static, R - RIP, B - BGP, (>) - Diversion path\n")
	sb.WriteString("       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area\n\n")
	sb.WriteString("Gateway of last resort is 10.0.12.2 to network 0.0.0.0\n\n")
	for i := 0; i < n; i++ {
		a, c := (i>>8)&0xff, i&0xff
		switch i % 5 {
		case 0:
			fmt.Fprintf(&sb, "O    10.%d.%d.0/24 [110/%d] via 10.0.12.2, 2d04h, Bundle-Ether12\n", a, c, i%50)
			fmt.Fprintf(&sb, "                  [110/%d] via 10.0.13.2, 2d04h, Bundle-Ether13\n", i%50)
		case 1:
			fmt.Fprintf(&sb, "B    172.%d.%d.0/24 [200/0] via 10.255.0.3, 6w2d\n", 16+a%16, c)
		case 2:
			fmt.Fprintf(&sb, "O E2 192.%d.%d.0/24 [110/20] via 10.0.12.2, 1w0d, Bundle-Ether12\n", a, c)
		case 3:
			fmt.Fprintf(&sb, "C    100.%d.%d.0/30 is directly connected, 38w2d, TenGigE0/0/0/%d.%d\n", a, c, i%8, i%4000)
		default:
			fmt.Fprintf(&sb, "L    100.%d.%d.1/32 is directly connected, 38w2d, TenGigE0/0/0/%d.%d\n", a, c, i%8, i%4000)
		}
	}
	return sb.String()
}

// synthBgp renders a "show bgp summary" with n neighbors.
func synthBgp(n int) string {
	var sb strings.Builder
	sb.WriteString(`Fri Nov 27 08:20:11.874 UTC
BGP router identifier 10.255.0.1, local AS number 4200000001
BGP generic scan interval 60 secs
Non-stop routing is enabled
BGP table state: Active
Table ID: 0xe0000000   RD version: 1844
BGP main routing table version 1844
BGP NSR Initial initsync version 16 (Reached)
BGP NSR/ISSU Sync-Group versions 1844/0
BGP scan interval 60 secs

BGP is operating in STANDALONE mode.


Process       RcvTblVer   bRIB/RIB   LabelVer  ImportVer  SendTblVer  StandbyVer
Speaker            1844       1844       1844       1844        1844        1844

Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd
`)
	for i := 0; i < n; i++ {
		if i%10 == 9 {
			fmt.Fprintf(&sb, "10.%d.%d.1          0 %d       0       0        0    0    0 00:02:11 Idle (Admin)\n", i>>8, i&0xff, 64512+i%1000)
			continue
		}
		fmt.Fprintf(&sb, "10.%d.%d.1          0 %d  981234  981102     1844    0    0    1y12w        %d\n", i>>8, i&0xff, 64512+i%1000, i%900)
	}
	return sb.String()
}

// synthLogging renders "show logging" with n buffered messages.
func synthLogging(n int) string {
	var sb strings.Builder
	sb.WriteString(`Syslog logging: enabled (0 messages dropped, 0 flushes, 0 overruns)
    Console logging: level warnings, 87 messages logged
    Monitor logging: level debugging, 0 messages logged
    Trap logging: level informational, 1290 messages logged
    Buffer logging: level debugging, 1290 messages logged

Log Buffer (2097152 bytes):

`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "RP/0/RSP0/CPU0:Nov 27 08:%02d:%02d.%03d UTC: bgp[1052]: %%ROUTING-BGP-5-ADJCHANGE : neighbor 10.%d.%d.1 Up (VRF: default) (AS: 64512)\n",
			(i/60)%60, i%60, i%1000, i>>8&0xff, i&0xff)
	}
	return sb.String()
}

// BenchmarkLarge shows how cost grows with input size (1k vs 10k routes,
// 100 vs 1000 neighbors, 5k vs 50k log lines).
func BenchmarkLarge(b *testing.B) {
	route, _ := entryByClass("ShowRouteIpv4")
	bgp, _ := entryByClass("ShowBgpSummary")
	logging, _ := entryByClass("ShowLogging")
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("ShowRouteIpv4/routes=%d", n), func(b *testing.B) { benchEntry(b, route, synthRoutes(n), nil) })
	}
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("ShowBgpSummary/neighbors=%d", n), func(b *testing.B) { benchEntry(b, bgp, synthBgp(n), nil) })
	}
	for _, n := range []int{5000, 50000} {
		b.Run(fmt.Sprintf("ShowLogging/lines=%d", n), func(b *testing.B) { benchEntry(b, logging, synthLogging(n), nil) })
	}
}

// TestSynthetic checks the generators' output parses completely, so the
// benchmarks measure real work.
func TestSynthetic(t *testing.T) {
	r, un, err := parseShowRouteIpv4(synthRoutes(1000), "default")
	if err != nil || len(un) != 0 || len(r.Vrf["default"].AddressFamily["ipv4"].Routes) != 1000 {
		t.Fatalf("routes: err=%v unparsed=%v", err, un)
	}
	s, un, err := parseBgpSummary(synthBgp(1000), BgpSummaryOptions{Instance: "default", AddressFamily: "ipv4 unicast"})
	if err != nil || len(un) != 0 || len(s.Instance["default"].Vrf["default"].Neighbor) != 1000 {
		t.Fatalf("bgp: err=%v unparsed=%v", err, un)
	}
	l, un, err := parseShowLogging(synthLogging(5000))
	if err != nil || len(un) != 0 || len(l.Logs) != 5000 {
		t.Fatalf("logging: err=%v unparsed=%v", err, un)
	}
}

// fixtureClasses maps a fixtures/outputs/iosxr directory to its parser.
var fixtureClasses = map[string]string{
	"show_version": "ShowVersion", "show_redundancy": "ShowRedundancy", "show_platform": "ShowPlatform",
	"show_install_active_summary": "ShowInstallActiveSummary", "show_processes_cpu": "ShowProcessesCpu",
	"show_bgp_summary": "ShowBgpSummary", "show_bgp_vrf_summary": "ShowBgpSummary", "show_ospf_neighbor": "ShowOspfNeighbor",
	"show_route_ipv4": "ShowRouteIpv4", "show_route_vrf_all_ipv4": "ShowRouteIpv4", "show_logging": "ShowLogging", "dir_disk0": "Dir",
}

// BenchmarkFixtures parses the project's own outputs, one sub-benchmark
// per file; it runs without Genie's corpus.
func BenchmarkFixtures(b *testing.B) {
	dirs, err := os.ReadDir(fixtureDir)
	if err != nil {
		b.Skipf("fixtures not found: %v", err)
	}
	for _, d := range dirs {
		e, ok := entryByClass(fixtureClasses[d.Name()])
		if !ok {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(fixtureDir, d.Name(), "*.txt"))
		for _, f := range files {
			text, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := e.Parse(string(text), nil); err != nil {
				continue // outputs that are meant to be empty
			}
			b.Run(d.Name()+"/"+filepath.Base(f), func(b *testing.B) { benchEntry(b, e, string(text), nil) })
		}
	}
}

// BenchmarkLinesBaseline is the floor any parser pays: core.Lines and a
// trim of every line, over all golden outputs. Comparing parsers with it
// separates parser cost from the machine's speed (and its other load).
func BenchmarkLinesBaseline(b *testing.B) {
	var sb strings.Builder
	for _, c := range loadGolden(b) {
		sb.WriteString(c.text)
		sb.WriteByte('\n')
	}
	text := sb.String()
	if text == "" {
		b.Skip("golden corpus not found (set GOISSU_GOLDEN): skipping")
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, l := range core.Lines(text) {
			n += len(strings.TrimSpace(l))
		}
	}
	if n < 0 {
		b.Fatal("unreachable")
	}
}

// TestLargeInputsScaleLinearly: the large benchmarks show time; this
// checks, exactly, that allocations grow with the rows and no faster.
func TestLargeInputsScaleLinearly(t *testing.T) {
	scaletest.Run(t, Entries(), []scaletest.Case{
		{Class: "ShowRouteIpv4", Gen: synthRoutes, N: 1000},
		{Class: "ShowBgpSummary", Gen: synthBgp, N: 100},
		{Class: "ShowLogging", Gen: synthLogging, N: 5000},
	})
}
