package monitor

import "testing"

// FuzzExtractors feeds arbitrary device output to every raw-text extractor
// and log classifier: none may panic.
func FuzzExtractors(f *testing.F) {
	st := baseNX()
	st.cores = []string{"1    27      1         bgp              8083      2020-08-17 18:00:56"}
	for _, c := range DefaultCommands("nxos") {
		f.Add(st.output(c))
	}
	f.Add(xeRedundancyStates)
	f.Add(xeBGPSummary)
	f.Add(xrBGPSummary)
	f.Add(crashLine)
	f.Add("Success rate is 80 percent (4/5), round-trip min/avg/max = 1/2/4 ms")
	pats, err := compilePatterns(DefaultLogPatterns())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		var s Sample
		extractRedundancy(&s, nil, raw)
		extractModule(&s, nil, raw)
		extractBGP(&s, nil, raw)
		extractOSPF(&s, nil, raw)
		_, _ = extractCPU(nil, raw)
		_, _ = extractPing(nil, raw)
		_ = extractCores(raw)
		_ = prefixPresent(Prefix{Prefix: "10.99.0.0/24"}, nil, raw)
		for _, os := range []string{"nxos", "iosxe", "iosxr"} {
			_, _ = installVerdict(os, nil, raw)
		}
		for _, l := range logLines(nil, raw) {
			_, _ = classifyLog(pats, l)
		}
	})
}
