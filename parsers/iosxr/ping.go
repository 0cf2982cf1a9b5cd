package iosxr

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Ping is the parsed output of "ping <addr> ...".
type Ping struct {
	Ping PingResult `json:"ping"`
}

// PingResult is one ping run.
type PingResult struct {
	Address       string         `json:"address"`
	DataBytes     int            `json:"data_bytes"`
	Repeat        *int           `json:"repeat,omitempty"`
	TimeoutSecs   *int           `json:"timeout_secs,omitempty"`
	Source        string         `json:"source,omitempty"`
	ResultPerLine []string       `json:"result_per_line,omitempty"`
	Statistics    PingStatistics `json:"statistics"`

	repeat, timeout int // storage for Repeat and TimeoutSecs
}

// PingStatistics is the "Success rate" line.
type PingStatistics struct {
	Send               int            `json:"send"`
	Received           int            `json:"received"`
	SuccessRatePercent Float          `json:"success_rate_percent"`
	RoundTrip          *PingRoundTrip `json:"round_trip,omitempty"`

	rt PingRoundTrip // storage for RoundTrip
}

// PingRoundTrip is min/avg/max in milliseconds.
type PingRoundTrip struct {
	MinMs Float `json:"min_ms"`
	AvgMs Float `json:"avg_ms"`
	MaxMs Float `json:"max_ms"`
}

func init() {
	register(core.Entry{
		Class:    "Ping",
		Commands: []string{"ping {addr}", "ping {addr} source {source} repeat {count}"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parsePing(out))
		},
	})
}

// ParsePing parses the output of ping.
func ParsePing(out string) (*Ping, error) {
	r, _, err := parsePing(out)
	return r, err
}

func isPingResults(t string) bool {
	// Runs of replies ("!!!!...") are compared 8 bytes at a time.
	i := 0
	for i+8 <= len(t) && t[i:i+8] == "!!!!!!!!" {
		i += 8
	}
	for ; i < len(t); i++ {
		switch t[i] {
		case '!', '.', 'U', 'Q', 'M', '?', '&':
		default:
			return false
		}
	}
	return true
}

func parsePing(out string) (*Ping, []string, error) {
	var un core.Unparsed
	p := &Ping{}
	found := false
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" || t == "Type escape sequence to abort." {
			continue
		}
		switch {
		case strings.HasPrefix(t, "Sending "):
			// Sending 100, 100-byte ICMP Echos to 10.4.1.1, timeout is 2 seconds:
			var fb [16]string
			f := fieldsCommaColonInto(fb[:0], t)
			for i := 0; i < len(f); i++ {
				switch {
				case i == 1:
					if n, ok := atoi(f[i]); ok {
						p.Ping.repeat = n
						p.Ping.Repeat = &p.Ping.repeat
					}
				case strings.HasSuffix(f[i], "-byte"):
					if n, ok := atoi(strings.TrimSuffix(f[i], "-byte")); ok {
						p.Ping.DataBytes = n
					}
				case f[i] == "to" && i+1 < len(f):
					p.Ping.Address = f[i+1]
				case f[i] == "is" && i > 0 && f[i-1] == "timeout" && i+1 < len(f):
					if n, ok := atoi(f[i+1]); ok {
						p.Ping.timeout = n
						p.Ping.TimeoutSecs = &p.Ping.timeout
					}
				}
			}
			found = true
		case strings.HasPrefix(t, "Packet sent with a source address of "):
			p.Ping.Source = strings.TrimSpace(t[len("Packet sent with a source address of "):])
		case strings.HasPrefix(t, "Success rate is "):
			if !pingStats(t, &p.Ping.Statistics) {
				un.Add(line)
			}
			found = true
		case isPingResults(t):
			p.Ping.ResultPerLine = appendHint(p.Ping.ResultPerLine, t, out)
		default:
			if !isIgnorable(t) {
				un.Add(line)
			}
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return p, un.Lines(), nil
}

// fieldsCommaColonInto is fieldsInto with commas and colons as separators
// too: the fields of t with "," and ":" replaced by spaces.
func fieldsCommaColonInto(dst []string, s string) []string {
	start := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', ',', ':':
			if start >= 0 {
				dst = append(dst, s[start:i])
				start = -1
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// pingStats parses "Success rate is 100 percent (100/100), round-trip min/avg/max = 1/2/14 ms".
func pingStats(t string, s *PingStatistics) bool {
	// Only the first six fields are read.
	var fb [6]string
	f := fieldsIntoN(fb[:0], t, 6)
	if len(f) < 6 {
		return false
	}
	rate, err := parseFloat(f[3])
	if err != nil {
		return false
	}
	s.SuccessRatePercent = Float(rate)
	counts := strings.Trim(f[5], "(),")
	rcv, snd, ok := strings.Cut(counts, "/")
	r, ok1 := atoi(rcv)
	n, ok2 := atoi(snd)
	if !ok || !ok1 || !ok2 {
		return false
	}
	s.Received, s.Send = r, n
	if _, rt, ok := strings.Cut(t, "min/avg/max = "); ok {
		var vb [4]string
		v := splitSlash(vb[:0], strings.TrimSuffix(strings.TrimSpace(rt), " ms"))
		if len(v) == 3 {
			var x [3]float64
			for i := range v {
				fv, err := parseFloat(v[i])
				if err != nil {
					return false
				}
				x[i] = fv
			}
			s.rt = PingRoundTrip{MinMs: Float(x[0]), AvgMs: Float(x[1]), MaxMs: Float(x[2])}
			s.RoundTrip = &s.rt
		}
	}
	return true
}

// splitSlash is strings.Split(s, "/") into dst without allocating; parts
// beyond cap(dst) are still appended.
func splitSlash(dst []string, s string) []string {
	for {
		i := strings.IndexByte(s, '/')
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

// parseFloat is strconv.ParseFloat(s, 64) for finite values; a short run
// of digits, as ping's figures mostly are, converts exactly without it.
// "NaN" and "Inf", which ParseFloat accepts, are an error: no ping figure
// is one, and encoding/json cannot write them.
func parseFloat(s string) (float64, error) {
	if len(s) <= 15 && isDigits(s) {
		n, _ := atoi(s)
		return float64(n), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
		return 0, errNotFinite
	}
	return f, err
}

var errNotFinite = errors.New("not a finite number")
