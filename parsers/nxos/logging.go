package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowLoggingLogfile is "show logging logfile" and "show logging last
// <n>" (Genie ShowLoggingLogfile): the log lines in order.
type ShowLoggingLogfile struct {
	Logs []string `json:"logs"`
}

func init() {
	reg("ShowLoggingLogfile", []string{
		"show logging logfile | include {include}",
		"show logging logfile",
		"show logging last {n}",
	}, parseShowLoggingLogfile)
}

// ParseShowLoggingLogfile parses "show logging logfile" or "show logging last <n>".
func ParseShowLoggingLogfile(out string) (*ShowLoggingLogfile, error) {
	return parse(out, nil, parseShowLoggingLogfile)
}

func parseShowLoggingLogfile(lines []string, _ core.Params, u *core.Unparsed) *ShowLoggingLogfile {
	r := &ShowLoggingLogfile{Logs: make([]string, 0, len(lines))}
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isCommandEcho(t) {
			continue
		}
		if strings.HasPrefix(t, "% ") || !hasAlnum(t) {
			u.Add(raw) // a CLI error ("% Invalid command") or noise, not a log line
			continue
		}
		r.Logs = append(r.Logs, t)
	}
	if len(r.Logs) == 0 {
		return nil
	}
	return r
}

// hasAlnum reports whether s has an ASCII letter or digit.
func hasAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}
