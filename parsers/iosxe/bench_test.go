package iosxe

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goissu/goissu/parsers/internal/core"
	"github.com/goissu/goissu/parsers/internal/scaletest"
)

// BenchmarkClasses parses the largest golden output of each class (read
// at run time; skipped without the corpus).
func BenchmarkClasses(b *testing.B) {
	dir := goldenDir()
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("golden corpus not found at %s", dir)
	}
	entries := Entries()
	sort.Slice(entries, func(i, j int) bool { return entries[i].Class < entries[j].Class })
	for _, e := range entries {
		files, _ := filepath.Glob(filepath.Join(dir, e.Class, "*.txt"))
		var best string
		var params core.Params
		for _, f := range files {
			if strings.HasSuffix(f, ".empty.txt") {
				continue
			}
			raw, err := os.ReadFile(f)
			if err != nil || len(raw) <= len(best) {
				continue
			}
			best = string(raw)
			params = benchParams(e.Class)
		}
		if best == "" {
			continue
		}
		b.Run(e.Class, func(b *testing.B) { benchParse(b, e, best, params) })
	}
}

// benchParams gives the classes whose result depends on the command's
// parameters the values their golden cases use.
func benchParams(class string) core.Params {
	switch class {
	case "Dir":
		return core.Params{"directory": "flash:"}
	case "ShowBgpSummary":
		return core.Params{"vrf": "VRF1", "address_family": "vpnv4 unicast"}
	case "ShowIpBgpAllSummary":
		return core.Params{"address_family": "l2vpn evpn"}
	}
	return nil
}

func syntheticRoutes(n int) string {
	var sb strings.Builder
	sb.WriteString("router#show ip route\nCodes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area\n\nGateway of last resort is 10.0.0.1 to network 0.0.0.0\n\n")
	sb.WriteString("S*    0.0.0.0/0 [1/0] via 10.0.0.1\n")
	for i := 0; i < n; i++ {
		a, c := (i>>8)&0xff, i&0xff
		switch i % 4 {
		case 0:
			fmt.Fprintf(&sb, "B        10.%d.%d.0/24 [20/0] via 192.0.2.%d, 1w2d\n", a, c, i%250+1)
		case 1:
			fmt.Fprintf(&sb, "O IA     10.%d.%d.0/24 [110/%d] via 10.1.1.2, 3d04h, TenGigabitEthernet0/1/0\n", a, c, i%100)
			fmt.Fprintf(&sb, "                      [110/%d] via 10.1.2.2, 3d04h, TenGigabitEthernet0/1/1\n", i%100)
		case 2:
			fmt.Fprintf(&sb, "C        10.%d.%d.0/30 is directly connected, Vlan%d\n", a, c, i%4000+1)
		default:
			fmt.Fprintf(&sb, "O E2     10.%d.%d.0/24 [110/20] via 10.1.1.2, 00:41:12, TenGigabitEthernet0/1/0\n", a, c)
		}
	}
	sb.WriteString("router#")
	return sb.String()
}

func syntheticBgp(n int) string {
	var sb strings.Builder
	sb.WriteString("For address family: IPv4 Unicast\nBGP router identifier 192.0.2.1, local AS number 4200000001\nBGP table version is 9812, main routing table version 9812\n912 network entries using 226176 bytes of memory\n1480 path entries using 201280 bytes of memory\nBGP using 526672 total bytes of memory\nBGP activity 1904/992 prefixes, 3102/1622 paths, scan interval 60 secs\n\n")
	sb.WriteString("Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "10.%d.%d.%d     4   %10d  218762  218790     9812    0    0 21w3d          %d\n", i>>16&0xff, i>>8&0xff, i&0xff, 4200000002+i, i%1000)
	}
	return sb.String()
}

func syntheticLogging(n int) string {
	var sb strings.Builder
	sb.WriteString("Syslog logging: enabled (0 messages dropped, 2 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)\n\n    Console logging: disabled\n    Buffer logging:  level informational, 31 messages logged, xml disabled,\n                    filtering disabled\n\nLog Buffer (1024000 bytes):\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "Mar 12 09:%02d:%02d.%03d: %%BGP-5-ADJCHANGE: neighbor 192.0.2.%d Up\n", i/60%60, i%60, i%1000, i%250)
	}
	return sb.String()
}

// BenchmarkLarge shows that cost grows linearly with the input.
func BenchmarkLarge(b *testing.B) {
	cases := []struct {
		name  string
		class string
		text  string
	}{
		{"ShowIpRoute/1k", "ShowIpRoute", syntheticRoutes(1000)},
		{"ShowIpRoute/10k", "ShowIpRoute", syntheticRoutes(10000)},
		{"ShowBgpAllSummary/100", "ShowBgpAllSummary", syntheticBgp(100)},
		{"ShowBgpAllSummary/1000", "ShowBgpAllSummary", syntheticBgp(1000)},
		{"ShowLogging/5k", "ShowLogging", syntheticLogging(5000)},
		{"ShowLogging/50k", "ShowLogging", syntheticLogging(50000)},
	}
	for _, c := range cases {
		var e core.Entry
		for _, x := range Entries() {
			if x.Class == c.class {
				e = x
			}
		}
		b.Run(c.name, func(b *testing.B) { benchParse(b, e, c.text, nil) })
	}
}

// The synthetic generators must produce what they claim, or the large
// benchmarks measure nothing.
func TestSyntheticInputs(t *testing.T) {
	r, un, err := parseShowIpRoute(syntheticRoutes(1000), nil)
	if err != nil || len(un) != 0 || len(r.VRF["default"].AddressFamily["ipv4"].Routes) != 1001 {
		t.Fatalf("routes: err=%v unparsed=%d", err, len(un))
	}
	s, un, err := parseBgpSummary(syntheticBgp(1000), nil)
	if err != nil || len(un) != 0 || len(s.VRF["default"].Neighbor) != 1000 {
		t.Fatalf("bgp: err=%v unparsed=%d", err, len(un))
	}
	l, _, err := parseShowLogging(syntheticLogging(5000), nil)
	if err != nil || len(l.Logs) != 5000 {
		t.Fatalf("logging: err=%v", err)
	}
}

// benchParse runs one parser on text. Besides wall time it reports the
// process CPU time per op (cpu-ns/op) and the matching throughput
// (cpu-MB/s): on a shared, oversubscribed machine wall time mostly
// measures the wait for a core.
func benchParse(b *testing.B, e core.Entry, text string, p core.Params) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	start := cpuTime()
	n := 0
	for b.Loop() {
		if _, _, err := e.Parse(text, p); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if cpu := cpuTime() - start; n > 0 && cpu > 0 {
		perOp := float64(cpu.Nanoseconds()) / float64(n)
		b.ReportMetric(perOp, "cpu-ns/op")
		b.ReportMetric(float64(len(text))/perOp*1e3, "cpu-MB/s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestLargeInputsScaleLinearly: the large benchmarks show time; this
// checks, exactly, that allocations grow with the rows and no faster.
func TestLargeInputsScaleLinearly(t *testing.T) {
	scaletest.Run(t, Entries(), []scaletest.Case{
		{Class: "ShowIpRoute", Gen: syntheticRoutes, N: 1000},
		{Class: "ShowBgpAllSummary", Gen: syntheticBgp, N: 100},
		{Class: "ShowLogging", Gen: syntheticLogging, N: 5000},
	})
}
