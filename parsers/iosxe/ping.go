package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Ping is the result of "ping ..." (Genie Ping).
type Ping struct {
	Ping PingResult `json:"ping"`
}

// PingResult is the outcome of one ping run.
type PingResult struct {
	Address       string    `json:"address"`
	DataBytes     int       `json:"data_bytes"`
	Repeat        *int      `json:"repeat,omitempty"`
	TimeoutSecs   *int      `json:"timeout_secs,omitempty"`
	Source        string    `json:"source,omitempty"`
	ResultPerLine []string  `json:"result_per_line,omitempty"`
	Statistics    PingStats `json:"statistics"`
}

// PingStats are the success rate and round-trip times.
type PingStats struct {
	Send               int            `json:"send"`
	Received           int            `json:"received"`
	SuccessRatePercent Float          `json:"success_rate_percent"`
	RoundTrip          *PingRoundTrip `json:"round_trip,omitempty"`
}

// PingRoundTrip holds round-trip times in milliseconds.
type PingRoundTrip struct {
	MinMS int `json:"min_ms"`
	AvgMS int `json:"avg_ms"`
	MaxMS int `json:"max_ms"`
}

// Line patterns are matched by hand (misc_scan.go).

// ParsePing parses the output of "ping".
func ParsePing(out string) (*Ping, error) {
	r, _, err := parsePing(out, nil)
	return r, err
}

func parsePing(out string, _ core.Params) (*Ping, []string, error) {
	var un core.Unparsed
	res := &Ping{}
	p := &res.Ping
	found := false
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "Type escape sequence") || strings.HasPrefix(l, "ping ") {
			continue
		}
		if m := pingSending(l); m != nil {
			found = true
			p.Repeat, p.DataBytes, p.Address, p.TimeoutSecs = ptr(atoi(m[1])), atoi(m[2]), m[3], ptr(atoi(m[4]))
			continue
		}
		if m := (scanM{}); matchPingSource(l, &m) {
			p.Source = m[1]
			continue
		}
		if m := pingRate(l); m != nil {
			found = true
			p.Statistics.SuccessRatePercent = Float(atoi(m[1]))
			p.Statistics.Received, p.Statistics.Send = atoi(m[2]), atoi(m[3])
			if m[4] != "" {
				p.Statistics.RoundTrip = &PingRoundTrip{MinMS: atoi(m[4]), AvgMS: atoi(m[5]), MaxMS: atoi(m[6])}
			}
			continue
		}
		if strings.Trim(l, "!.UQMA?&BCN") == "" {
			p.ResultPerLine = append(p.ResultPerLine, l)
			continue
		}
		un.Add(raw)
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("Ping", []string{"ping {addr}", "ping {addr} source {source} repeat {count}", "ping vrf {vrf} {addr}", "ping {addr} Extended-data {extended_data}"}, parsePing)
}

// pingSending reads "Sending 5, 100-byte ICMP Echos to ADDR, timeout is 2 seconds:"
// into [line, count, bytes, addr, timeout].
func pingSending(l string) []string {
	rest, ok := strings.CutPrefix(l, "Sending ")
	if !ok {
		return nil
	}
	var fb [12]string
	f := fieldsInto(fb[:0], rest)
	// "5," "100-byte" ICMP Echos to "ADDR," timeout is 2 seconds:
	if len(f) != 10 || f[2] != "ICMP" || f[4] != "to" || f[6] != "timeout" || !strings.HasSuffix(f[1], "-byte") {
		return nil
	}
	count, size, addr := strings.TrimSuffix(f[0], ","), strings.TrimSuffix(f[1], "-byte"), strings.TrimSuffix(f[5], ",")
	if !isDigits(count) || !isDigits(size) || !isDigits(f[8]) {
		return nil
	}
	return []string{l, count, size, addr, f[8]}
}

// pingRate reads "Success rate is 80 percent (4/5)[, round-trip min/avg/max = 1/2/3 ms]"
// into [line, percent, received, sent, min, avg, max].
func pingRate(l string) []string {
	rest, ok := strings.CutPrefix(l, "Success rate is ")
	if !ok {
		return nil
	}
	pct, rest, ok := strings.Cut(rest, " percent (")
	if !ok || !isDigits(pct) {
		return nil
	}
	ratio, rest, ok := strings.Cut(rest, ")")
	recv, sent, ok2 := strings.Cut(ratio, "/")
	if !ok || !ok2 || !isDigits(recv) || !isDigits(sent) {
		return nil
	}
	m := []string{l, pct, recv, sent, "", "", ""}
	if rt, ok := strings.CutPrefix(rest, ", round-trip min/avg/max = "); ok {
		parts := strings.Split(strings.TrimSuffix(rt, " ms"), "/")
		if len(parts) == 3 && isDigits(parts[0]) && isDigits(parts[1]) && isDigits(parts[2]) {
			m[4], m[5], m[6] = parts[0], parts[1], parts[2]
		}
	}
	return m
}
