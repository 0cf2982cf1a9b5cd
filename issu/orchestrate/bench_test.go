package orchestrate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goissu/goissu/devices"
)

// BenchmarkWaves plans a 1000-device fleet of redundant pairs.
func BenchmarkWaves(b *testing.B) {
	tb := &devices.Testbed{Devices: map[string]*devices.DeviceConfig{}}
	var names []string
	for i := range 500 {
		for _, side := range []string{"A", "B"} {
			n := fmt.Sprintf("dc%03d-core_%s", i, side)
			tb.Devices[n] = &devices.DeviceConfig{Name: n, OS: "nxos"}
			names = append(names, n)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := Waves(tb, names, nil)
		if err != nil || len(p.Waves) != 2 || len(p.Waves[0].Devices) != 500 {
			b.Fatalf("plan %+v: %v", p.Source, err)
		}
	}
}

// BenchmarkImageGate looks an image up in a 2000-file dir listing.
func BenchmarkImageGate(b *testing.B) {
	var sb strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&sb, "   1887437312    Jan 01 00:00:00 2024  file-%04d.bin\n", i)
	}
	sb.WriteString("   1887437312    Jan 01 00:00:00 2024  nxos64-cs.10.4.3.F.bin\n")
	listing := sb.String()
	b.SetBytes(int64(len(listing)))
	b.ReportAllocs()
	for b.Loop() {
		if !listsFile(listing, "nxos64-cs.10.4.3.F.bin") {
			b.Fatal("image not found")
		}
	}
}
