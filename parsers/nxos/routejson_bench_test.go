package nxos

import (
	"os"
	"testing"
)

// BenchmarkRouteTableJSON appends the address families of a parsed route
// table as issu's artifact encoder does (RouteAF.AppendJSON per family):
// the synthetic 300-route table of BenchmarkShowIpRouteLarge and, when
// $GOISSU_BENCH_ROUTES names a file of "show ip route vrf all" output (a
// lab device's), that table.
func BenchmarkRouteTableJSON(b *testing.B) {
	inputs := []struct{ name, text string }{{"synthetic300", syntheticRoutes(300)}}
	if f := os.Getenv("GOISSU_BENCH_ROUTES"); f != "" {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, struct{ name, text string }{"lab", string(raw)})
	}
	for _, in := range inputs {
		r, _, err := runSrc(in.text, nil, parseShowIpRoute)
		if err != nil {
			b.Fatal(err)
		}
		var afs []*RouteAF
		for _, v := range r.VRF {
			for _, af := range v.AddressFamily {
				afs = append(afs, af)
			}
		}
		b.Run(in.name, func(b *testing.B) {
			var buf []byte
			size := 0
			for b.Loop() {
				size = 0
				for _, af := range afs {
					if buf, err = af.AppendJSON(buf[:0]); err != nil {
						b.Fatal(err)
					}
					size += len(buf)
				}
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
		})
	}
}
