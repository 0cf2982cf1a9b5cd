package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowLogging is the parsed output of "show logging": the logging
// configuration header and the log buffer, one string per line.
type ShowLogging struct {
	SyslogLogging  map[string]*SyslogLogging `json:"syslog_logging,omitempty"`
	Logging        *LoggingDestinations      `json:"logging,omitempty"`
	LogBufferBytes *int                      `json:"log_buffer_bytes,omitempty"`
	Logs           []string                  `json:"logs,omitempty"`
}

// SyslogLogging is "Syslog logging: enabled (0 messages dropped, ...)",
// keyed by its state.
type SyslogLogging struct {
	Counters SyslogCounters `json:"counters"`
}

// SyslogCounters are the syslog process counters.
type SyslogCounters struct {
	MessagesDropped     int  `json:"messages_dropped"`
	MessagesRateLimited *int `json:"messages_rate_limited,omitempty"`
	Flushes             int  `json:"flushes"`
	Overruns            int  `json:"overruns"`
}

// LoggingDestinations are the per-destination lines of the header.
type LoggingDestinations struct {
	Console LoggingConsole `json:"console"`
	Monitor LoggingSink    `json:"monitor"`
	Buffer  LoggingSink    `json:"buffer"`
	Trap    LoggingTrap    `json:"trap"`
}

// LoggingConsole is "Console logging: Disabled" or "Console logging: level
// warnings, 87 messages logged" (Status is then "enabled").
type LoggingConsole struct {
	Status         string `json:"status"`
	Level          string `json:"level,omitempty"`
	MessagesLogged *int   `json:"messages_logged,omitempty"`
}

// LoggingSink is the monitor or buffer line.
type LoggingSink struct {
	Status              string `json:"status,omitempty"`
	Level               string `json:"level"`
	MessagesLogged      int    `json:"messages_logged"`
	MessagesRateLimited *int   `json:"messages_rate_limited,omitempty"`
	MessagesDroppedByMD *int   `json:"messages_dropped_by_md,omitempty"`
}

// LoggingTrap is the trap (remote syslog) line.
type LoggingTrap struct {
	Status             string `json:"status,omitempty"`
	Level              string `json:"level"`
	MessageLinesLogged *int   `json:"message_lines_logged,omitempty"`
	MessagesLogged     *int   `json:"messages_logged,omitempty"`
}

func init() {
	register(core.Entry{
		Class:    "ShowLogging",
		Commands: []string{"show logging | include {include}", "show logging"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowLogging(out))
		},
	})
}

// ParseShowLogging parses "show logging".
func ParseShowLogging(out string) (*ShowLogging, error) {
	r, _, err := parseShowLogging(out)
	return r, err
}

// loggingAttrs reads "level debugging, 114 messages logged, 0 messages
// rate-limited" into its parts; status is set for "Disabled"/"Enabled".
type loggingAttrs struct {
	status, level                             string
	logged, linesLogged, rateLimited, dropped *int
}

func parseLoggingAttrs(s string) (loggingAttrs, bool) {
	var a loggingAttrs
	for _, part := range strings.Split(s, ",") {
		p := strings.TrimSpace(part)
		var fb [16]string
		f := fieldsInto(fb[:0], p)
		switch {
		case len(f) == 1 && (strings.EqualFold(p, "disabled") || strings.EqualFold(p, "enabled")):
			a.status = p
		case len(f) == 2 && f[0] == "level":
			a.level = f[1]
		case len(f) >= 3 && isDigits(f[0]):
			n, _ := atoi(f[0])
			switch strings.Join(f[1:], " ") {
			case "messages logged":
				a.logged = intPtr(n)
			case "message lines logged", "messages lines logged":
				a.linesLogged = intPtr(n)
			case "messages rate-limited", "message lines rate-limited":
				a.rateLimited = intPtr(n)
			case "messages dropped-by-MD", "message lines dropped-by-MD":
				a.dropped = intPtr(n)
			default:
				return a, false
			}
		case p == "":
		default:
			return a, false
		}
	}
	return a, true
}

// looksLikeLog reports a syslog line outside the "Log Buffer" section, as
// in "show logging | include X".
func looksLikeLog(t string) bool {
	return strings.Contains(t, ": %") || strings.HasPrefix(t, "RP/") || strings.HasPrefix(t, "LC/") ||
		(len(t) > 4 && isMonth(t[:3]) && t[3] == ' ')
}

func parseShowLogging(out string) (*ShowLogging, []string, error) {
	var un core.Unparsed
	res := &ShowLogging{}
	inBuffer := false
	dests := func() *LoggingDestinations {
		if res.Logging == nil {
			res.Logging = &LoggingDestinations{}
		}
		return res.Logging
	}
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if inBuffer {
			res.Logs = append(res.Logs, t)
			continue
		}
		switch {
		case strings.HasPrefix(t, "Syslog logging: "):
			state, rest, _ := strings.Cut(t[len("Syslog logging: "):], " (")
			sl := &SyslogLogging{}
			for _, part := range strings.Split(strings.TrimSuffix(rest, ")"), ",") {
				var fb [16]string
				f := fieldsInto(fb[:0], part)
				if len(f) < 2 {
					continue
				}
				n, ok := atoi(f[0])
				if !ok {
					continue
				}
				switch f[1] {
				case "messages":
					if len(f) > 2 && f[2] == "rate-limited" {
						sl.Counters.MessagesRateLimited = intPtr(n)
					} else {
						sl.Counters.MessagesDropped = n
					}
				case "flushes":
					sl.Counters.Flushes = n
				case "overruns":
					sl.Counters.Overruns = n
				}
			}
			if res.SyslogLogging == nil {
				res.SyslogLogging = map[string]*SyslogLogging{}
			}
			res.SyslogLogging[strings.TrimSpace(state)] = sl
			continue
		case strings.HasPrefix(t, "Log Buffer ("):
			if n, ok := atoi(strings.TrimSuffix(strings.TrimPrefix(t, "Log Buffer ("), " bytes):")); ok {
				res.LogBufferBytes = intPtr(n)
			}
			inBuffer = true
			// The rest is the buffer: size the list once (+1 for a
			// trailing prompt).
			if res.Logs == nil {
				res.Logs = make([]string, 0, lineCount(out))
			}
			continue
		}
		if name, rest, ok := strings.Cut(t, " logging: "); ok {
			a, ok := parseLoggingAttrs(rest)
			if ok {
				switch name {
				case "Console":
					c := &dests().Console
					c.Status, c.Level, c.MessagesLogged = a.status, a.level, a.logged
					if c.Status == "" {
						c.Status = "enabled"
					}
					continue
				case "Monitor", "Buffer":
					s := &dests().Monitor
					if name == "Buffer" {
						s = &dests().Buffer
					}
					s.Status, s.Level = a.status, a.level
					if a.logged != nil {
						s.MessagesLogged = *a.logged
					}
					s.MessagesRateLimited, s.MessagesDroppedByMD = a.rateLimited, a.dropped
					continue
				case "Trap":
					tr := &dests().Trap
					tr.Status, tr.Level, tr.MessagesLogged, tr.MessageLinesLogged = a.status, a.level, a.logged, a.linesLogged
					continue
				}
			}
		}
		if looksLikeLog(t) {
			res.Logs = append(res.Logs, t)
			continue
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	// core.Lines drops a trailing bare prompt; Genie keeps it as the last
	// entry of the log buffer, and so do we for compatible results.
	if inBuffer {
		if p := lastLine(out); core.IsBarePrompt(p) && (len(res.Logs) == 0 || res.Logs[len(res.Logs)-1] != p) {
			res.Logs = append(res.Logs, p)
		}
	}
	if res.SyslogLogging == nil && res.Logging == nil && res.Logs == nil && res.LogBufferBytes == nil {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// lastLine returns the last non-blank line of s, trimmed.
func lastLine(s string) string {
	s = strings.TrimRight(s, " \t\r\n")
	if i := strings.LastIndexAny(s, "\r\n"); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}
