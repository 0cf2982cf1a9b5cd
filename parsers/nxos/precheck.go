package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowIncompatibilityNxos is "show incompatibility nxos <image>" and
// "show incompatibility-all nxos <image>" (Genie ShowIncompatibilityNxos;
// the key spelling "configuartion" is Genie's).
type ShowIncompatibilityNxos struct {
	IncompatibleConfigurationStatus string                       `json:"incompatible_configuartion_status,omitempty"`
	IncompatibleConfigurationList   map[string]*IncompatibleItem `json:"incompatible_configuartion_list,omitempty"`
	DynamicIncompatibilityStatus    string                       `json:"dynamic_incompatibility_status"`
}

// IncompatibleItem is one numbered incompatibility ("1) Service : otm ...").
type IncompatibleItem struct {
	Service               string `json:"service"`
	Capability            string `json:"capability"`
	Description           string `json:"description"`
	CapabilityRequirement string `json:"capability_requirement"`
	EnableDisableCommand  string `json:"enable_Disable_command"`
}

// ShowBootMode is "show boot mode" (N9K), which Genie lacks. Schema:
// {"current_mode": str, "configured_mode": str (optional)}, the mode
// words as printed ("lxc", "native").
type ShowBootMode struct {
	CurrentMode    string `json:"current_mode"`
	ConfiguredMode string `json:"configured_mode,omitempty"`
}

// ShowCores is "show cores", which Genie lacks for NX-OS. Schema, keyed by
// identity (module, then PID):
//
//	{"module": {"<module>": {"pid": {"<pid>": {
//	    "vdc": int, "instance": int, "process_name": str, "pid": int, "date": str}}}}}
//
// No core files gives ErrEmpty with no unparsed lines.
type ShowCores struct {
	Module map[string]*CoreModule `json:"module"`
}

// CoreModule holds the cores of one module by PID.
type CoreModule struct {
	PID map[string]*CoreFile `json:"pid"`
}

// CoreFile is one row of show cores.
type CoreFile struct {
	VDC         int    `json:"vdc"`
	Instance    int    `json:"instance"`
	ProcessName string `json:"process_name"`
	PID         int    `json:"pid"`
	Date        string `json:"date"`
}

// Len counts the core files.
func (c *ShowCores) Len() int {
	n := 0
	for _, m := range c.Module {
		n += len(m.PID)
	}
	return n
}

func init() {
	reg("ShowIncompatibilityNxos", []string{
		"show incompatibility nxos {image}",
		"show incompatibility-all nxos {image}",
	}, parseShowIncompatibilityNxos)
	reg("ShowBootMode", []string{"show boot mode"}, parseShowBootMode)
	reg("ShowCores", []string{"show cores", "show cores vdc-all"}, parseShowCores)
}

// ParseShowIncompatibilityNxos parses "show incompatibility[-all] nxos <image>".
func ParseShowIncompatibilityNxos(out string) (*ShowIncompatibilityNxos, error) {
	return parse(out, nil, parseShowIncompatibilityNxos)
}

// ParseShowBootMode parses "show boot mode".
func ParseShowBootMode(out string) (*ShowBootMode, error) { return parse(out, nil, parseShowBootMode) }

// ParseShowCores parses "show cores".
func ParseShowCores(out string) (*ShowCores, error) { return parse(out, nil, parseShowCores) }

func parseShowIncompatibilityNxos(lines []string, _ core.Params, u *core.Unparsed) *ShowIncompatibilityNxos {
	r := &ShowIncompatibilityNxos{}
	section := ""
	var item *IncompatibleItem
	found := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isSeparator(t) {
			continue
		}
		switch {
		case strings.HasPrefix(t, "Checking incompatible configuration"):
			section = "static"
			continue
		case strings.HasPrefix(t, "Checking dynamic incompatibilities"):
			section, item = "dynamic", nil
			continue
		}
		k, v, hasColon := strings.Cut(t, " : ")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case section == "":
			u.Add(raw)
			continue
		case strings.HasPrefix(t, "No incompatible configurations"), strings.HasPrefix(t, "The following configurations"):
			if section == "static" {
				r.IncompatibleConfigurationStatus = t
			} else {
				r.DynamicIncompatibilityStatus = t
			}
		case hasColon && strings.Contains(k, ") Service") && section == "static":
			// "1) Service : otm , Capability : CAP_FEATURE_..."
			n := strings.TrimSpace(k[:strings.IndexByte(k, ')')])
			svc, capText, _ := strings.Cut(v, ",")
			item = &IncompatibleItem{Service: strings.TrimSpace(svc)}
			if _, c, ok := strings.Cut(capText, ":"); ok {
				item.Capability = strings.TrimSpace(c)
			}
			if r.IncompatibleConfigurationList == nil {
				r.IncompatibleConfigurationList = map[string]*IncompatibleItem{}
			}
			r.IncompatibleConfigurationList[n] = item
		case hasColon && item != nil && k == "Description":
			item.Description = v
		case hasColon && item != nil && k == "Capability requirement":
			item.CapabilityRequirement = v
		case hasColon && item != nil && k == "Enable/Disable command":
			item.EnableDisableCommand = v
		default:
			if section == "dynamic" && r.DynamicIncompatibilityStatus == "" {
				r.DynamicIncompatibilityStatus = t
				break
			}
			u.Add(raw)
			continue
		}
		found = true
	}
	if !found {
		return nil
	}
	return r
}

func parseShowBootMode(lines []string, _ core.Params, u *core.Unparsed) *ShowBootMode {
	r := &ShowBootMode{}
	for _, raw := range lines {
		t := strings.TrimSuffix(strings.TrimSpace(raw), ".")
		switch {
		case t == "":
		case strings.HasPrefix(t, "Current mode is "):
			r.CurrentMode = strings.TrimSpace(strings.TrimPrefix(t, "Current mode is "))
		case strings.HasPrefix(t, "Configured mode is "):
			r.ConfiguredMode = strings.TrimSpace(strings.TrimPrefix(t, "Configured mode is "))
		default:
			u.Add(raw)
		}
	}
	if r.CurrentMode == "" {
		return nil
	}
	return r
}

func parseShowCores(lines []string, _ core.Params, u *core.Unparsed) *ShowCores {
	var fb fieldBuf
	r := &ShowCores{Module: map[string]*CoreModule{}}
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isSeparator(t) || strings.HasPrefix(t, "VDC") && strings.Contains(t, "Process-name") {
			continue
		}
		f := fb.split(t)
		// "1    27      1         bgp              8083      2020-08-17 18:00:56"
		if len(f) < 7 || !isInt(f[0]) || !isInt(f[1]) || !isInt(f[2]) || !isInt(f[4]) {
			u.Add(raw)
			continue
		}
		m := r.Module[f[1]]
		if m == nil {
			m = &CoreModule{PID: map[string]*CoreFile{}}
			r.Module[f[1]] = m
		}
		m.PID[f[4]] = &CoreFile{VDC: atoi(f[0]), Instance: atoi(f[2]), ProcessName: f[3], PID: atoi(f[4]),
			Date: strings.Join(f[5:], " ")}
	}
	if len(r.Module) == 0 {
		return nil
	}
	return r
}
