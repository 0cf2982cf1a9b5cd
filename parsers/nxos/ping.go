package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Ping is "ping <addr> [vrf <vrf>] [source <source> count <count>]"
// (Genie Ping).
type Ping struct {
	Ping PingResult `json:"ping"`
}

// PingResult is the ping run and its statistics.
type PingResult struct {
	Address       string         `json:"address"`
	IP            string         `json:"ip"`
	DataBytes     int            `json:"data_bytes"`
	Repeat        *int           `json:"repeat,omitempty"`
	TimeoutSecs   *int           `json:"timeout_secs,omitempty"`
	Source        string         `json:"source,omitempty"`
	ResultPerLine []string       `json:"result_per_line,omitempty"`
	Statistics    PingStatistics `json:"statistics"`
}

// PingStatistics is the summary after the replies.
type PingStatistics struct {
	Send               int            `json:"send"`
	Received           int            `json:"received"`
	SuccessRatePercent Float          `json:"success_rate_percent"`
	RoundTrip          *PingRoundTrip `json:"round_trip,omitempty"`
}

// PingRoundTrip is min/avg/max in milliseconds.
type PingRoundTrip struct {
	MinMS Float `json:"min_ms"`
	AvgMS Float `json:"avg_ms"`
	MaxMS Float `json:"max_ms"`
}

func init() {
	reg("Ping", []string{
		"ping {addr}",
		"ping {addr} source {source} count {count}",
		"ping {addr} vrf {vrf}",
		"ping {addr} vrf {vrf} source {source} count {count}",
		"ping {addr} vrf {vrf} count {count}",
	}, parsePing)
}

// ParsePing parses ping output; count is the count the ping was given
// (0 when none), reported as repeat.
func ParsePing(out string, count int) (*Ping, error) {
	p := core.Params{}
	if count > 0 {
		p["count"] = itoa(count)
	}
	return parse(out, p, parsePing)
}

func parsePing(lines []string, p core.Params, u *core.Unparsed) *Ping {
	var fb fieldBuf
	r := &Ping{}
	pr := &r.Ping
	found := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" {
			continue
		}
		// Fields are split only for the lines that read them: most lines
		// are replies, kept whole.
		switch {
		case strings.HasPrefix(t, "PING ") && len(fb.split(t)) >= 3:
			// "PING 10.1.1.2 (10.1.1.2) from 10.3.3.3: 101 data bytes"
			f := fb.split(t)
			pr.Address = f[1]
			pr.IP = strings.Trim(f[2], "():")
			for i := 3; i+1 < len(f); i++ {
				if f[i] == "from" {
					pr.Source = strings.TrimSuffix(f[i+1], ":")
				}
			}
			if b, ok := numberBefore(f, "data"); ok {
				pr.DataBytes = atoi(b)
			}
			found = true
		case strings.HasPrefix(t, "Request ") && strings.HasSuffix(t, "timed out"),
			strings.Contains(t, " bytes from ") && strings.Contains(t, "icmp_seq="):
			if pr.ResultPerLine == nil {
				// One allocation: the replies are at most the lines.
				pr.ResultPerLine = make([]string, 0, len(lines))
			}
			pr.ResultPerLine = append(pr.ResultPerLine, t)
		case strings.HasPrefix(t, "---") && strings.HasSuffix(t, "ping statistics ---"):
		case strings.Contains(t, "packets transmitted"):
			// "11 packets transmitted, 0 packets received, 100.00% packet loss"
			f := fb.split(t)
			pr.Statistics.Send = atoi(f[0])
			for i := 1; i+1 < len(f); i++ {
				if f[i] == "packets" && strings.HasPrefix(f[i+1], "received") {
					pr.Statistics.Received = atoi(f[i-1])
				}
				if f[i+1] == "packet" && strings.HasSuffix(f[i], "%") {
					pr.Statistics.SuccessRatePercent = 100 - atof(strings.TrimSuffix(f[i], "%"))
				}
			}
			found = true
		case strings.HasPrefix(t, "round-trip min/avg/max"):
			v := strings.TrimSpace(strings.TrimSuffix(cutAfter(t, "="), "ms"))
			x := strings.Split(v, "/")
			if len(x) == 3 {
				pr.Statistics.RoundTrip = &PingRoundTrip{atof(x[0]), atof(x[1]), atof(x[2])}
			} else {
				u.Add(raw)
			}
		default:
			u.Add(raw)
		}
	}
	if !found {
		return nil
	}
	if n, ok := core.Atoi(p["count"]); ok {
		pr.Repeat = &n
	}
	if pr.Source == "" {
		pr.Source = p["source"]
	}
	return r
}
