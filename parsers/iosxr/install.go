package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowInstallActiveSummary is the parsed output of "show install active
// summary".
type ShowInstallActiveSummary struct {
	ActivePackages    []string          `json:"active_packages,omitempty"`
	NumActivePackages *int              `json:"num_active_packages,omitempty"`
	SDR               string            `json:"sdr,omitempty"`
	Label             string            `json:"label,omitempty"`
	SoftwareHash      string            `json:"software_hash,omitempty"`
	OptionalPackages  map[string]string `json:"optional_packages,omitempty"`
	MandatoryPackages map[string]string `json:"mandatory_packages,omitempty"`
	ActiveFixes       map[string]string `json:"active_fixes,omitempty"`

	numActive int // storage for NumActivePackages
}

// ShowInstallCommitSummary is the parsed output of "show install commit
// summary". As in Genie, every line after "Committed Packages:" up to the
// next "SDRs:" is a package entry, profile headings included.
type ShowInstallCommitSummary struct {
	CommittedPackages    []string          `json:"committed_packages,omitempty"`
	ActivePackages       []string          `json:"active_packages,omitempty"`
	NumCommittedPackages *int              `json:"num_committed_packages,omitempty"`
	SDR                  []string          `json:"sdr,omitempty"`
	Label                string            `json:"label,omitempty"`
	SoftwareHash         string            `json:"software_hash,omitempty"`
	OptionalPackages     map[string]string `json:"optional_packages,omitempty"`
	MandatoryPackages    map[string]string `json:"mandatory_packages,omitempty"`
	CommittedFixes       map[string]string `json:"committed_fixes,omitempty"`

	numCommitted int // storage for NumCommittedPackages
}

func init() {
	register(core.Entry{
		Class:    "ShowInstallActiveSummary",
		Commands: []string{"show install active summary"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowInstallActiveSummary(out))
		},
	})
	register(core.Entry{
		Class:    "ShowInstallCommitSummary",
		Commands: []string{"show install commit summary"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowInstallCommitSummary(out))
		},
	})
}

// ParseShowInstallActiveSummary parses "show install active summary".
func ParseShowInstallActiveSummary(out string) (*ShowInstallActiveSummary, error) {
	r, _, err := parseShowInstallActiveSummary(out)
	return r, err
}

// ParseShowInstallCommitSummary parses "show install commit summary".
func ParseShowInstallCommitSummary(out string) (*ShowInstallCommitSummary, error) {
	r, _, err := parseShowInstallCommitSummary(out)
	return r, err
}

// installPkgTable parses the XR 7 package table rows
// ("xr-bgp   7.3.2v1.0.0") into name -> version.
func installPkgRow(t string) (string, string, bool) {
	var fb [16]string
	f := fieldsInto(fb[:0], t)
	if len(f) != 2 {
		return "", "", false
	}
	return f[0], f[1], true
}

func parseShowInstallActiveSummary(out string) (*ShowInstallActiveSummary, []string, error) {
	var un core.Unparsed
	res := &ShowInstallActiveSummary{}
	mode := ""
	found := false
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		// Every header starts with one of these bytes: a package line (most
		// lines) skips the comparisons.
		switch t[0] {
		case 'D', 'A', 'S', 'L', 'O', 'M', 'R', 'V', '-':
			switch {
			case t == "Default Profile:" || t == "Admin Resources":
				continue
			case t == "SDRs:":
				mode = "sdr"
				found = true
				continue
			case strings.HasPrefix(t, "Active Packages:"):
				mode = "active"
				found = true
				if n, ok := atoi(strings.TrimSpace(t[len("Active Packages:"):])); ok {
					res.numActive = n
					res.NumActivePackages = &res.numActive
				}
				continue
			case strings.HasPrefix(t, "Label") && strings.Contains(t, ":"):
				res.Label = afterColon(t)
				found = true
				continue
			case strings.HasPrefix(t, "Software Hash") && strings.Contains(t, ":"):
				res.SoftwareHash = afterColon(t)
				continue
			case strings.HasPrefix(t, "Optional Packages"):
				mode = "optional"
				continue
			case strings.HasPrefix(t, "Mandatory Packages"), strings.HasPrefix(t, "Required Packages"):
				mode = "mandatory"
				continue
			case strings.HasPrefix(t, "Active Fixes"):
				mode = "fixes"
				continue
			case strings.HasPrefix(t, "Version") || onlyDashesSpaces(t):
				continue
			}
		}
		switch mode {
		case "sdr":
			res.SDR = t
			continue
		case "active":
			res.ActivePackages = appendHint(res.ActivePackages, t, out)
			continue
		case "optional", "mandatory", "fixes":
			if k, v, ok := installPkgRow(t); ok {
				m := &res.OptionalPackages
				if mode == "mandatory" {
					m = &res.MandatoryPackages
				} else if mode == "fixes" {
					m = &res.ActiveFixes
				}
				if *m == nil {
					*m = map[string]string{}
				}
				(*m)[k] = v
				continue
			}
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func parseShowInstallCommitSummary(out string) (*ShowInstallCommitSummary, []string, error) {
	var un core.Unparsed
	res := &ShowInstallCommitSummary{}
	mode := ""
	found := false
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		switch {
		case t == "SDRs:":
			mode = "sdr"
			found = true
			continue
		case strings.HasPrefix(t, "Committed Packages:"):
			mode = "committed"
			found = true
			if n, ok := atoi(strings.TrimSpace(t[len("Committed Packages:"):])); ok {
				res.numCommitted = n
				res.NumCommittedPackages = &res.numCommitted
			}
			continue
		case strings.HasPrefix(t, "Active Packages:"):
			mode = "active"
			found = true
			continue
		case mode == "" && (t == "Default Profile:" || t == "Admin Resources"):
			continue
		}
		switch mode {
		case "sdr":
			res.SDR = appendHint(res.SDR, t, out)
			continue
		case "committed":
			res.CommittedPackages = appendHint(res.CommittedPackages, t, out)
			continue
		case "active":
			res.ActivePackages = appendHint(res.ActivePackages, t, out)
			continue
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}
