package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowLogging is the result of "show logging" (Genie ShowLogging).
type ShowLogging struct {
	Logs           []string               `json:"logs,omitempty"`
	SyslogLogging  SyslogStatuses         `json:"syslog_logging,omitempty"`
	Logging        *LoggingInfo           `json:"logging,omitempty"`
	TLSProfiles    map[string]*TLSProfile `json:"tls_profiles,omitempty"`
	LogBufferBytes *int                   `json:"log_buffer_bytes,omitempty"`

	syslog [1]SyslogStatus // SyslogLogging's storage
}

// SyslogStatus holds the counters of the "Syslog logging:" line, keyed by
// its status (enabled/disabled).
type SyslogStatus struct {
	Counters SyslogCounters `json:"counters"`

	status string // the key in SyslogStatuses
}

// Status is the status the counters are filed under.
func (s *SyslogStatus) Status() string { return s.status }

// SyslogCounters are the counters of the "Syslog logging:" line.
type SyslogCounters struct {
	MessagesDropped     int    `json:"messages_dropped"`
	MessagesRateLimited int    `json:"messages_rate_limited"`
	Flushes             int    `json:"flushes"`
	Overruns            int    `json:"overruns"`
	XML                 string `json:"xml"`
	Filtering           string `json:"filtering"`
}

// LoggingInfo groups the per-destination logging settings.
type LoggingInfo struct {
	Console                          LogDest       `json:"console"`
	Monitor                          LogDest       `json:"monitor"`
	Buffer                           LogDest       `json:"buffer"`
	Exception                        LogException  `json:"exception"`
	Persistent                       LogPersistent `json:"persistent"`
	File                             *LogFile      `json:"file,omitempty"`
	CountAndTimeStampLoggingMessages string        `json:"count_and_time_stamp_logging_messages,omitempty"`
	Trap                             LogTrap       `json:"trap"`
}

// LogDest is the console, monitor or buffer destination.
type LogDest struct {
	Status         string `json:"status"`
	Level          string `json:"level,omitempty"`
	MessagesLogged *int   `json:"messages_logged,omitempty"`
	XML            string `json:"xml,omitempty"`
	Filtering      string `json:"filtering,omitempty"`
}

// LogException is "Exception Logging".
type LogException struct {
	Status    string `json:"status,omitempty"`
	SizeBytes *int   `json:"size_bytes,omitempty"`
}

// LogPersistent is "Persistent logging".
type LogPersistent struct {
	Status           string `json:"status,omitempty"`
	URL              string `json:"url,omitempty"`
	DiskSpaceBytes   *int   `json:"disk_space_bytes,omitempty"`
	FileSizeBytes    *int   `json:"file_size_bytes,omitempty"`
	BatchSizeBytes   *int   `json:"batch_size_bytes,omitempty"`
	ThresholdPercent *int   `json:"threshold_percent,omitempty"`
	ThresholdAlert   string `json:"threshold_alert,omitempty"`
	ImmediateWrite   string `json:"immediate_write,omitempty"`
	Notify           string `json:"notify,omitempty"`
	Protected        string `json:"protected,omitempty"`
}

// LogFile is "File logging".
type LogFile struct {
	Status string `json:"status,omitempty"`
}

// LogTrap is "Trap logging" with its remote hosts.
type LogTrap struct {
	Status                 string                `json:"status,omitempty"`
	Level                  string                `json:"level,omitempty"`
	MessageLinesLogged     *int                  `json:"message_lines_logged,omitempty"`
	LoggingSourceInterface map[string]SourceIntf `json:"logging_source_interface,omitempty"`
	LoggingTo              map[string]*LogHost   `json:"logging_to,omitempty"`
}

// SourceIntf is a logging source interface's VRF.
type SourceIntf struct {
	VRF string `json:"vrf,omitempty"`
}

// LogHost is one "Logging to HOST" block.
type LogHost struct {
	Protocol                string           `json:"protocol"`
	Port                    int              `json:"port"`
	Audit                   string           `json:"audit"`
	Link                    string           `json:"link"`
	MessageLinesLogged      int              `json:"message_lines_logged"`
	MessageLinesRateLimited int              `json:"message_lines_rate_limited"`
	MessageLinesDroppedByMD int              `json:"message_lines_dropped_by_md"`
	XML                     string           `json:"xml"`
	SequenceNumber          string           `json:"sequence_number"`
	Filtering               string           `json:"filtering"`
	VRF                     string           `json:"vrf,omitempty"`
	LoggingSourceInterface  *LogSourceConfig `json:"logging_source_interface,omitempty"`
	Authentication          string           `json:"authentication,omitempty"`
	Encryption              string           `json:"encryption,omitempty"`
}

// LogSourceConfig is a logging host's source interface and VRF, which
// Genie writes as {"logging_configuration": "INTERFACE:VRF"}; the parts
// are kept apart so parsing builds no string.
type LogSourceConfig struct {
	Interface string
	VRF       string
}

// TLSProfile is one "Profile Name:" block.
type TLSProfile struct {
	Ciphersuites []string `json:"ciphersuites"`
	Trustpoint   string   `json:"trustpoint"`
	TLSVersion   string   `json:"tls_version"`
}

// The header line patterns are matched by hand (logging_scan.go).

// ParseShowLogging parses "show logging" (with or without include/exclude
// filters: filtered output is just log lines).
func ParseShowLogging(out string) (*ShowLogging, error) {
	r, _, err := parseShowLogging(out, nil)
	return r, err
}

// loggingBlock is what a "show logging" header needs, in one allocation:
// the result, its settings and the first optional counters.
type loggingBlock struct {
	res  ShowLogging
	lg   LoggingInfo
	ints [12]int
}

func parseShowLogging(out string, _ core.Params) (*ShowLogging, []string, error) {
	blk := &loggingBlock{}
	res := &blk.res
	var un core.Unparsed
	var (
		lg       *LoggingInfo
		dest     *LogDest
		host     *LogHost
		hosts    = slab[LogHost]{first: 2} // a large struct: outputs have a few
		prof     *TLSProfile
		profs    = slab[TLSProfile]{first: 4} // and a few profiles
		nInts    int                          // blk.ints used
		ints     slab[int]                    // the optional counters past blk.ints
		inBuffer bool
		inSrc    bool
	)
	num := func(d string) *int {
		var p *int
		if nInts < len(blk.ints) {
			p = &blk.ints[nInts]
			nInts++
		} else {
			p = ints.next()
		}
		*p = atoi(d)
		return p
	}
	info := func() *LoggingInfo {
		if lg == nil {
			lg = &blk.lg
			res.Logging = lg
		}
		return lg
	}
	// m holds a matcher's groups; fresh clears it for the next matcher.
	var m scanM
	fresh := func() *scanM {
		m = scanM{}
		return &m
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" {
			continue
		}
		if isCLIError(l) {
			un.Add(raw)
			continue
		}
		if inBuffer {
			res.Logs = append(res.Logs, l)
			continue
		}
		// Most patterns start with a literal: c, the first byte, spares a
		// line the matcher calls (and the clearing of m) that cannot
		// succeed.
		c := l[0]
		if c == 'L' && matchLogBuf(l, fresh()) {
			res.LogBufferBytes = num(m[1])
			inBuffer = true
			// Every remaining line is a log line: size the slice once.
			res.Logs = make([]string, 0, sc.remaining())
			continue
		}
		if c == 'S' && matchSyslog(l, fresh()) {
			// A later line replaces the map Genie builds, as here.
			res.syslog[0] = SyslogStatus{status: m[1], Counters: SyslogCounters{
				MessagesDropped: atoi(m[2]), MessagesRateLimited: atoi(m[3]), Flushes: atoi(m[4]), Overruns: atoi(m[5]), XML: m[6], Filtering: m[7]}}
			res.SyslogLogging = res.syslog[:1:1]
			continue
		}
		if (c == 'N' || c == 'T') && (l == "No Active Message Discriminator." || l == "No Inactive Message Discriminator." || l == "No active filter modules." || l == "TLS Profiles:") {
			continue
		}
		if (c == 'C' || c == 'M' || c == 'B') && matchLogDest(l, fresh()) {
			in := info()
			switch m[1] {
			case "Console":
				dest = &in.Console
			case "Monitor":
				dest = &in.Monitor
			default:
				dest = &in.Buffer
			}
			if m[5] != "" {
				*dest = LogDest{Status: "disabled", XML: m[6]}
			} else {
				*dest = LogDest{Status: "enabled", Level: m[2], MessagesLogged: num(m[3]), XML: m[4]}
			}
			continue
		}
		if c == 'f' && matchLogFilter(l, fresh()) && dest != nil && host == nil {
			dest.Filtering = m[1]
			dest = nil
			continue
		}
		if c == 'E' && matchLogExcSize(l, fresh()) {
			info().Exception.SizeBytes = num(m[1])
			continue
		}
		if rest, ok := cutLit(l, "Exception Logging:"); ok {
			info().Exception.Status = strings.ToLower(trimLine(rest))
			continue
		}
		if rest, ok := cutLit(l, "Count and timestamp logging messages:"); ok {
			info().CountAndTimeStampLoggingMessages = trimLine(rest)
			continue
		}
		if rest, ok := cutLit(l, "File logging:"); ok {
			info().File = &LogFile{Status: trimLine(rest)}
			continue
		}
		if rest, ok := cutLit(l, "Persistent logging:"); ok {
			p := &info().Persistent
			rest = trimLine(rest)
			st, _, _ := strings.Cut(rest, ",")
			p.Status = st
			if m := (scanM{}); matchLogPers(rest, &m) {
				p.URL = m[1]
				p.DiskSpaceBytes, p.FileSizeBytes, p.BatchSizeBytes = num(m[2]), num(m[3]), num(m[4])
				if m[5] != "" {
					p.ThresholdPercent = num(m[5])
				}
			}
			// The comma-separated options, as strings.Split would give
			// them, without building the slice.
			for opts, more := rest, true; more; {
				var f string
				f, opts, more = strings.Cut(opts, ",")
				f = trimLine(f)
				switch f {
				case "immediate":
					p.ImmediateWrite = "enabled"
				case "protected":
					p.Protected = "enabled"
				case "notify":
					p.Notify = "enabled"
				}
				if strings.HasSuffix(f, " alert") {
					p.ThresholdAlert = "enabled"
				}
			}
			continue
		}
		if c == 'T' && matchLogTrap(l, fresh()) {
			t := &info().Trap
			t.Level, t.MessageLinesLogged = m[1], num(m[2])
			continue
		}
		if rest, ok := cutLit(l, "Trap logging:"); ok {
			info().Trap.Status = trimLine(rest)
			continue
		}
		if c == 'L' && matchLogTo(l, fresh()) {
			t := &info().Trap
			if t.LoggingTo == nil {
				t.LoggingTo = map[string]*LogHost{}
			}
			host = hosts.next()
			*host = LogHost{VRF: m[2], Protocol: m[3], Port: atoi(m[4]), Audit: m[5]}
			t.LoggingTo[m[1]] = host
			inSrc = false
			continue
		}
		if host != nil {
			if c >= '0' && c <= '9' && matchLogLines(l, fresh()) {
				switch m[2] {
				case "logged":
					host.MessageLinesLogged = atoi(m[1])
				case "rate-limited":
					host.MessageLinesRateLimited = atoi(m[1])
				default:
					host.MessageLinesDroppedByMD = atoi(m[1])
				}
				continue
			}
			if strings.Contains(l, "link ") || hasPre(l, "xml ") || hasPre(l, "filtering ") || hasPre(l, "authentication ") {
				for opts, more := trimCommaParen(l), true; more; {
					var f string
					f, opts, more = strings.Cut(opts, ",")
					k, v, _ := strings.Cut(trimLine(trimCommaParen(f)), " ")
					v = trimCommaParen(v)
					switch k {
					case "link":
						host.Link = v
					case "xml":
						host.XML = v
					case "sequence":
						host.SequenceNumber = strings.TrimPrefix(v, "number ")
					case "filtering":
						host.Filtering = v
					case "authentication":
						host.Authentication = v
					case "encryption":
						host.Encryption = v
					}
				}
				continue
			}
		}
		if hasPre(l, "Logging Source-Interface:") {
			inSrc = true
			continue
		}
		if rest, ok := cutLit(l, "Profile Name:"); ok {
			prof = profs.next()
			if res.TLSProfiles == nil {
				res.TLSProfiles = map[string]*TLSProfile{}
			}
			res.TLSProfiles[trimLine(rest)] = prof
			continue
		}
		if prof != nil {
			if rest, ok := cutLit(l, "Ciphersuites:"); ok {
				prof.Ciphersuites = strings.Fields(rest)
				continue
			}
			if rest, ok := cutLit(l, "Trustpoint:"); ok {
				prof.Trustpoint = trimLine(rest)
				continue
			}
			if rest, ok := cutLit(l, "TLS version:"); ok {
				prof.TLSVersion = trimLine(rest)
				continue
			}
		}
		if matchTwoWords(l, fresh()) && isSourceIntfRow(&m, l, inSrc, lg != nil, res) {
			t := &info().Trap
			if t.LoggingSourceInterface == nil {
				t.LoggingSourceInterface = map[string]SourceIntf{}
			}
			t.LoggingSourceInterface[m[1]] = SourceIntf{VRF: m[2]}
			if host != nil && m[2] != "" {
				host.LoggingSourceInterface = &LogSourceConfig{Interface: m[1], VRF: m[2]}
			}
			continue
		}
		res.Logs = append(res.Logs, l)
	}
	if res.Logging == nil && res.SyslogLogging == nil && len(res.Logs) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	// Log lines are the payload, not unparsed text.
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowLogging", []string{"show logging | exclude {exclude}", "show logging | include {include}", "show logging"}, parseShowLogging)
}

// isSourceIntfRow decides whether a one- or two-word line m is a row of
// the "Logging Source-Interface: VRF Name:" table. Genie takes any
// two-word line of the header part as one (even the bare "show logging"
// command echo at the very top); a single word only counts under the
// table's header. Log lines never reach here.
func isSourceIntfRow(m *scanM, l string, inSrc, inHeader bool, res *ShowLogging) bool {
	if inHeader {
		return m[2] != "" || inSrc
	}
	return m[2] != "" && res.SyslogLogging == nil && len(res.Logs) == 0 && !strings.Contains(l, ":") && hasPre(l, "show ")
}

// trimCommaParen is strings.TrimRight(s, ",)") without building a cutset.
func trimCommaParen(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ',' || s[len(s)-1] == ')') {
		s = s[:len(s)-1]
	}
	return s
}
