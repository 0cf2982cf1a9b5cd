package nxos

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/goissu/goissu/parsers/internal/core"
	"github.com/goissu/goissu/parsers/internal/scaletest"
)

// BenchmarkGolden parses the largest golden output of each class (the
// corpus is read at run time; skipped when absent).
func BenchmarkGolden(b *testing.B) {
	texts := goldenTexts(b)
	if texts == nil {
		b.Skip("golden corpus not found: set GOISSU_GOLDEN")
	}
	byClass := map[string]func(string) error{}
	for _, e := range Entries() {
		byClass[e.Class] = func(s string) error { _, _, err := e.Parse(s, nil); return err }
	}
	classes := make([]string, 0, len(texts))
	for c := range texts {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, class := range classes {
		largest := ""
		for name, text := range texts[class] {
			if !strings.HasSuffix(name, ".empty.txt") && len(text) > len(largest) {
				largest = text
			}
		}
		parse := byClass[class]
		if parse == nil || largest == "" {
			continue
		}
		b.Run(class, func(b *testing.B) {
			b.SetBytes(int64(len(largest)))
			b.ReportAllocs()
			c0 := cpuTime()
			for b.Loop() {
				if err := parse(largest); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, c0, len(largest))
		})
	}
}

// syntheticRoutes renders "show ip route" with n routes, a third of them
// ECMP, in the NX-OS layout.
func syntheticRoutes(n int) string {
	var s strings.Builder
	s.WriteString("IP Route Table for VRF \"default\"\n'*' denotes best ucast next-hop\n'**' denotes best mcast next-hop\n'[x/y]' denotes [preference/metric]\n'%<string>' in via output denotes VRF <string>\n\n")
	for i := 0; i < n; i++ {
		a, c := i/256, i%256
		switch i % 3 {
		case 0:
			fmt.Fprintf(&s, "10.%d.%d.0/24, ubest/mbest: 2/0\n    *via 192.168.1.1, Eth1/1, [110/41], 1w2d, ospf-1, intra\n    *via 192.168.2.1, Eth1/2, [110/41], 1w2d, ospf-1, intra\n", a, c)
		case 1:
			fmt.Fprintf(&s, "172.%d.%d.0/24, ubest/mbest: 1/0\n    *via 10.0.0.1%%default, [200/0], 3d04h, bgp-65001, internal, tag 65002\n", 16+a%16, c)
		default:
			fmt.Fprintf(&s, "192.%d.%d.1/32, ubest/mbest: 1/0, attached\n    *via 192.%d.%d.1, Vlan%d, [0/0], 39w0d, local\n", a%256, c, a%256, c, 100+c)
		}
	}
	return s.String()
}

// syntheticBgp renders "show bgp vrf all all summary" with n neighbors
// over two VRFs, some wrapped (IPv6 address, 4-byte AS).
func syntheticBgp(n int) string {
	var s strings.Builder
	for v, vrf := range []string{"default", "tenant-a"} {
		fmt.Fprintf(&s, "BGP summary information for VRF %s, address family IPv4 Unicast\n", vrf)
		fmt.Fprintf(&s, "BGP router identifier 10.0.0.%d, local AS number 65001\n", v+1)
		s.WriteString("BGP table version is 1934, IPv4 Unicast config peers 500, capable peers 499\n")
		s.WriteString("812 network entries and 1622 paths using 233568 bytes of memory\n")
		s.WriteString("BGP attribute entries [12/2016], BGP AS path entries [4/96]\n")
		s.WriteString("BGP community entries [0/0], BGP clusterlist entries [0/0]\n\n")
		s.WriteString("Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n")
		for i := 0; i < n/2; i++ {
			switch i % 4 {
			case 0:
				fmt.Fprintf(&s, "10.%d.%d.2    4 4200000002\n                          1290    1288     1934    0    0 00:00:41 811\n", i/256, i%256)
			case 1:
				fmt.Fprintf(&s, "2001:db8::%x\n                4 65002  998077  998070     1934    0    0    1y12w 811\n", i)
			case 2:
				fmt.Fprintf(&s, "10.%d.%d.6    4 65003       0       0        0    0    0 00:01:05 Idle\n", i/256, i%256)
			default:
				fmt.Fprintf(&s, "10.%d.%d.10   4 65004   52705   44731    96073    0    0    6d13h 4951\n", i/256, i%256)
			}
		}
		s.WriteString("\n")
	}
	return s.String()
}

// syntheticLog renders n logfile lines.
func syntheticLog(n int) string {
	var s strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&s, "2026 Nov 27 18:%02d:%02d dc1-spine-01 %%BGP-5-ADJCHANGE:  bgp-65001 [25132] (default) neighbor 10.1.%d.%d Up\n", i/60%60, i%60, i/256%256, i%256)
	}
	return s.String()
}

func benchParse[T any](b *testing.B, in string, f parseFunc[T]) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		if _, _, err := run(in, nil, f); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, c0, len(in))
}

// benchParseSrc is benchParse for parsers that read a lineSrc (the whole
// parse from text, as benchParse's run).
func benchParseSrc[T any](b *testing.B, in string, f func(lineSrc, core.Params, *core.Unparsed) *T) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		if _, _, err := runSrc(in, nil, f); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, c0, len(in))
}

// reportCPU adds process CPU time per op and the throughput it implies:
// wall time on a shared 2-core machine counts time spent waiting for a CPU.
func reportCPU(b *testing.B, c0 time.Duration, size int) {
	d := cpuTime() - c0
	if d <= 0 || b.N == 0 {
		return
	}
	per := float64(d.Nanoseconds()) / float64(b.N)
	b.ReportMetric(per, "cpu-ns/op")
	b.ReportMetric(float64(size)/per*1e3, "cpu-MB/s")
}

// BenchmarkShowIpRouteLarge shows cost linear in routes (1k vs 10k).
func BenchmarkShowIpRouteLarge(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		in := syntheticRoutes(n)
		b.Run(fmt.Sprintf("routes=%d", n), func(b *testing.B) { benchParseSrc(b, in, parseShowIpRoute) })
	}
}

// BenchmarkShowBgpSummaryLarge shows cost linear in neighbors (100 vs 1000).
func BenchmarkShowBgpSummaryLarge(b *testing.B) {
	for _, n := range []int{100, 1000} {
		in := syntheticBgp(n)
		b.Run(fmt.Sprintf("neighbors=%d", n), func(b *testing.B) { benchParse(b, in, parseShowBgpVrfAllAllSummary) })
	}
}

// BenchmarkShowLoggingLarge shows cost linear in lines (5k vs 50k).
func BenchmarkShowLoggingLarge(b *testing.B) {
	for _, n := range []int{5000, 50000} {
		in := syntheticLog(n)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) { benchParse(b, in, parseShowLoggingLogfile) })
	}
}

// TestSyntheticInputsParse keeps the benchmark inputs honest.
func TestSyntheticInputsParse(t *testing.T) {
	r, un, err := runSrc(syntheticRoutes(300), nil, parseShowIpRoute)
	if err != nil || len(un) != 0 || len(r.VRF["default"].AddressFamily["ipv4"].Routes) != 300 {
		t.Fatalf("routes: err=%v unparsed=%q", err, un)
	}
	g, un, err := run(syntheticBgp(100), nil, parseShowBgpVrfAllAllSummary)
	if err != nil || len(un) != 0 || len(g.VRF["default"].Neighbor)+len(g.VRF["tenant-a"].Neighbor) != 100 {
		t.Fatalf("bgp: err=%v unparsed=%q", err, un)
	}
	l, un, err := run(syntheticLog(100), nil, parseShowLoggingLogfile)
	if err != nil || len(un) != 0 || len(l.Logs) != 100 {
		t.Fatalf("log: err=%v unparsed=%q", err, un)
	}
}

// TestLargeInputsScaleLinearly: the large benchmarks show time; this
// checks, exactly, that allocations grow with the rows and no faster.
func TestLargeInputsScaleLinearly(t *testing.T) {
	scaletest.Run(t, Entries(), []scaletest.Case{
		{Class: "ShowIpRoute", Gen: syntheticRoutes, N: 1000},
		{Class: "ShowBgpVrfAllAllSummary", Gen: syntheticBgp, N: 100},
		{Class: "ShowLoggingLogfile", Gen: syntheticLog, N: 5000},
	})
}
