package iosxe

import (
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowInstallSummary is the result of "show install summary" and of
// "show install {state}" (Genie ShowInstallSummary, ShowInstallState),
// keyed by location ("R0 R1", "Switch 1").
type ShowInstallSummary struct {
	Location map[string]*InstallLocation `json:"location"`
}

// ShowInstallState has the same shape as ShowInstallSummary.
type ShowInstallState = ShowInstallSummary

// InstallLocation lists the packages of one location, indexed from 1.
type InstallLocation struct {
	PkgState           map[string]*InstallPkg `json:"pkg_state,omitempty"`
	AutoAbortTimer     string                 `json:"auto_abort_timer,omitempty"`
	TimeBeforeRollback string                 `json:"time_before_rollback,omitempty"`
}

// InstallPkg is one installed package.
type InstallPkg struct {
	Type            string `json:"type"`
	State           string `json:"state"`
	FilenameVersion string `json:"filename_version"`
}

// Line patterns are matched by hand (misc_scan.go).

// ParseShowInstallSummary parses "show install summary".
func ParseShowInstallSummary(out string) (*ShowInstallSummary, error) {
	r, _, err := parseShowInstallSummary(out, nil)
	return r, err
}

func parseShowInstallSummary(out string, _ core.Params) (*ShowInstallSummary, []string, error) {
	var un core.Unparsed
	res := &ShowInstallSummary{Location: map[string]*InstallLocation{}}
	var loc *InstallLocation
	inTable := false
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "show install") || strings.HasPrefix(l, "State (St):") ||
			strings.HasPrefix(l, "C - Activated") || mayBePrompt(l) && core.IsBarePrompt(l) {
			continue
		}
		if m := (scanM{}); matchInstLoc(l, &m) {
			loc = &InstallLocation{}
			res.Location[m[1]] = loc
			inTable = false
			continue
		}
		if strings.HasPrefix(l, "Type ") && strings.Contains(l, "Filename/Version") {
			inTable = true
			continue
		}
		if m := (scanM{}); matchInstAbort(l, &m) && loc != nil {
			loc.AutoAbortTimer, loc.TimeBeforeRollback = m[1], m[2]
			inTable = false
			continue
		}
		if inTable && loc != nil {
			var fb [4]string
			if f := fieldsInto(fb[:0], l); len(f) == 3 {
				m := []string{l, f[0], f[1], f[2]}
				if loc.PkgState == nil {
					loc.PkgState = map[string]*InstallPkg{}
				}
				loc.PkgState[strconv.Itoa(len(loc.PkgState)+1)] = &InstallPkg{Type: m[1], State: m[2], FilenameVersion: m[3]}
				continue
			}
		}
		un.Add(raw)
	}
	if len(res.Location) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ParseShowInstallState parses "show install {state}" (active, inactive,
// committed, uncommitted, ...).
func ParseShowInstallState(out string) (*ShowInstallState, error) {
	return ParseShowInstallSummary(out)
}

func init() {
	registerTyped("ShowInstallSummary", []string{"show install summary"}, parseShowInstallSummary)
	registerTyped("ShowInstallState", []string{"show install {state}"}, parseShowInstallSummary)
}
