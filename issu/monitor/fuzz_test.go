package monitor

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/goissu/goissu/parsers"
)

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
	f.Fuzz(func(t *testing.T, raw string) { runExtractors(pats, nil, raw) })
}

// runExtractors runs every extractor and the log classifier on one
// command's parsed map (nil: raw text only) and raw output, as the poller
// does.
func runExtractors(pats []compiledPattern, parsed map[string]any, raw string) {
	var s Sample
	extractRedundancy(&s, parsed, raw)
	extractModule(&s, parsed, raw)
	extractBGP(&s, parsed, raw)
	extractOSPF(&s, parsed, raw)
	_, _ = extractCPU(parsed, raw)
	_, _ = extractPing(parsed, raw)
	_ = extractCores(raw)
	_ = prefixPresent(Prefix{Prefix: "10.99.0.0/24"}, parsed, raw)
	_ = prefixPresent(Prefix{VRF: "x", Prefix: "10.99.0.0/24"}, parsed, raw)
	for _, os := range []string{"nxos", "iosxe", "iosxr"} {
		_, _ = installVerdict(os, parsed, raw)
	}
	for _, l := range logLines(parsed, raw) {
		_, _ = classifyLog(pats, l)
	}
}

// FuzzExtractorsParsed feeds every extractor a parsed map of any shape: the
// JSON of a command's parse (what the poller hands them) with its values
// turned into other JSON types, plus the raw output. A poller goroutine
// that panics takes the whole monitor down mid-upgrade.
func FuzzExtractorsParsed(f *testing.F) {
	st := baseNX()
	for _, c := range DefaultCommands("nxos") {
		out := st.output(c)
		doc := `{"x":` + strconv.Quote(out) + `}`
		if res, err := parsers.ParseWithInfo("nxos", c, out); err == nil {
			if b, err := json.Marshal(res.Parsed); err == nil {
				doc = string(b)
			}
		}
		for m := range uint8(4) {
			f.Add(m, doc, out)
		}
	}
	f.Add(uint8(0), `{"vrf":{"default":{"neighbor":{"10.0.0.1":{"address_family":{"ipv4 unicast":{"state_pfxrcd":"x"}}}}}}}`, "")
	f.Add(uint8(1), `{"vrf":{"default":{"neighbor":{"10.0.0.1":{"address_family":{"ipv4 unicast":{"state_pfxrcd":"x"}}}}}}}`, "")
	f.Add(uint8(2), `{"redundancy_mode":{"administrative":"HA"},"supervisor_1":{"redundancy_state":"Active"}}`, "")
	f.Add(uint8(3), `{"five_sec_cpu_total":5,"one_min_cpu":1,"logs":["%SYSMGR-2-SERVICE_CRASHED: x"]}`, "")
	pats, err := compilePatterns(DefaultLogPatterns())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, mode uint8, doc, raw string) {
		var m map[string]any
		if json.Unmarshal([]byte(doc), &m) != nil {
			return
		}
		parsed, _ := retype(m, mode).(map[string]any)
		runExtractors(pats, parsed, raw)
	})
}

// retype turns every leaf into another JSON type (mode 1: numbers, 2:
// strings, 3: lists); mode 0 keeps the document.
func retype(v any, mode uint8) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = retype(e, mode)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = retype(e, mode)
		}
		return out
	}
	switch mode % 4 {
	case 1:
		return -1.5
	case 2:
		return "x"
	case 3:
		return []any{v}
	}
	return v
}

// panickyResult stands for a parser result with a bug in its MarshalJSON.
type panickyResult struct{ rows []int }

func (r panickyResult) MarshalJSON() ([]byte, error) { return []byte{byte(r.rows[1])}, nil }

func TestToMapSurvivesAPanickingParserResult(t *testing.T) {
	m, err := toMap(panickyResult{})
	if err == nil || m != nil {
		t.Fatalf("toMap = %v, %v; want an error", m, err)
	}
	if !strings.Contains(err.Error(), "monitor.panickyResult: panic:") {
		t.Errorf("error %q does not name the result type", err)
	}
	m, err = toMap(map[string]int{"a": 1})
	if err != nil || m["a"] != 1.0 {
		t.Errorf("toMap = %v, %v", m, err)
	}
}
