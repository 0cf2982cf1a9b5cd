package iosxe

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// SyslogStatuses is the "Syslog logging:" counters keyed by the status
// (enabled/disabled), kept sorted by it. It encodes as the
// map[string]SyslogStatus it stands for; an output has one such line, so
// the list lives inside the result instead of in a map of its own.
type SyslogStatuses []SyslogStatus

// Get returns the counters filed under status, or nil.
func (l SyslogStatuses) Get(status string) *SyslogStatus {
	for i := range l {
		if l[i].status == status {
			return &l[i]
		}
	}
	return nil
}

// MarshalJSON writes {"enabled": {"counters": {...}}}.
func (l SyslogStatuses) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map keyed by
// status.
func (l SyslogStatuses) AppendJSON(b []byte) ([]byte, error) {
	if l == nil {
		return append(b, "null"...), nil
	}
	cmp := func(x, y SyslogStatus) int { return strings.Compare(x.status, y.status) }
	if !slices.IsSortedFunc(l, cmp) {
		l = slices.Clone(l)
		slices.SortStableFunc(l, cmp)
	}
	for i := 1; i < len(l); i++ {
		if l[i].status == l[i-1].status {
			return nil, errors.New("syslog_logging: status filed twice")
		}
	}
	b = append(b, '{')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		c := &s.Counters
		b = core.AppendJSONString(b, s.status)
		b = append(b, `:{"counters":{"messages_dropped":`...)
		b = strconv.AppendInt(b, int64(c.MessagesDropped), 10)
		b = append(b, `,"messages_rate_limited":`...)
		b = strconv.AppendInt(b, int64(c.MessagesRateLimited), 10)
		b = append(b, `,"flushes":`...)
		b = strconv.AppendInt(b, int64(c.Flushes), 10)
		b = append(b, `,"overruns":`...)
		b = strconv.AppendInt(b, int64(c.Overruns), 10)
		b = append(b, `,"xml":`...)
		b = core.AppendJSONString(b, c.XML)
		b = append(b, `,"filtering":`...)
		b = core.AppendJSONString(b, c.Filtering)
		b = append(b, "}}"...)
	}
	return append(b, '}'), nil
}

// MarshalJSON writes {"logging_configuration": "INTERFACE:VRF"}.
func (c *LogSourceConfig) MarshalJSON() ([]byte, error) { return c.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the
// map[string]string Genie builds.
func (c *LogSourceConfig) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"logging_configuration":`...)
	// The two quoted halves joined at the colon: json escapes byte by byte
	// (an ASCII colon never joins a UTF-8 sequence), so this is the
	// quoted concatenation.
	b = core.AppendJSONString(b, c.Interface)
	b = append(b[:len(b)-1], ':')
	n := len(b)
	b = core.AppendJSONString(b, c.VRF)
	b = append(b[:n], b[n+1:]...)
	return append(b, '}'), nil
}
