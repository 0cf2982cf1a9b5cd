package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowModule is the result of "show module" (Genie ShowModule): modules of
// a single chassis under Module, of a StackWise Virtual pair under Switches.
type ShowModule struct {
	Module                      map[string]*ModuleInfo   `json:"module,omitempty"`
	NumberOfMACAddress          *int                     `json:"number_of_mac_address,omitempty"`
	ChassisMACAddressLowerRange string                   `json:"chassis_mac_address_lower_range,omitempty"`
	ChassisMACAddressUpperRange string                   `json:"chassis_mac_address_upper_range,omitempty"`
	Switches                    map[string]*ModuleSwitch `json:"switches,omitempty"`
	Chassis                     map[string]*ChassisMAC   `json:"chassis,omitempty"`
}

// ModuleSwitch holds one switch's modules.
type ModuleSwitch struct {
	Module map[string]*ModuleInfo `json:"module,omitempty"`
}

// ChassisMAC is a chassis MAC address range.
type ChassisMAC struct {
	NumberOfMACAddress          int    `json:"number_of_mac_address"`
	ChassisMACAddressLowerRange string `json:"chassis_mac_address_lower_range"`
	ChassisMACAddressUpperRange string `json:"chassis_mac_address_upper_range"`
}

// ModuleInfo is one module row, merged from the three tables.
type ModuleInfo struct {
	Ports                    int    `json:"ports"`
	CardType                 string `json:"card_type"`
	Model                    string `json:"model"`
	Serial                   string `json:"serial,omitempty"`
	MACAddress               string `json:"mac_address,omitempty"`
	HW                       string `json:"hw,omitempty"`
	FW                       string `json:"fw,omitempty"`
	SW                       string `json:"sw,omitempty"`
	Status                   string `json:"status,omitempty"`
	RedundancyRole           string `json:"redundancy_role,omitempty"`
	OperatingRedundancyMode  string `json:"operating_redundancy_mode,omitempty"`
	ConfiguredRedundancyMode string `json:"configured_redundancy_mode,omitempty"`
}

// ParseShowModule parses "show module".
func ParseShowModule(out string) (*ShowModule, error) {
	r, _, err := parseShowModule(out, nil)
	return r, err
}

func parseShowModule(out string, _ core.Params) (*ShowModule, []string, error) {
	var un core.Unparsed
	res := &ShowModule{}
	var (
		mods  map[string]*ModuleInfo
		table string
		sw    string
	)
	modules := func() map[string]*ModuleInfo {
		if mods != nil {
			return mods
		}
		if sw != "" {
			if res.Switches == nil {
				res.Switches = map[string]*ModuleSwitch{}
			}
			s := &ModuleSwitch{Module: map[string]*ModuleInfo{}}
			res.Switches[sw] = s
			mods = s.Module
		} else {
			res.Module = map[string]*ModuleInfo{}
			mods = res.Module
		}
		return mods
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show module") || strings.HasPrefix(l, "Chassis Type:") {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Switch Number "); ok {
			sw = strings.TrimSpace(rest)
			mods = nil
			continue
		}
		if strings.HasPrefix(l, "Mod ") {
			switch {
			case strings.Contains(l, "Card Type"):
				table = "card"
			case strings.Contains(l, "MAC addresses"):
				table = "mac"
			case strings.Contains(l, "Operating Redundancy Mode"):
				table = "red"
			default:
				table = "ignore"
			}
			continue
		}
		if strings.HasPrefix(l, "---") {
			continue
		}
		if m := (scanM{}); matchModChassisMAC(l, &m) {
			n := atoi(m[2])
			if m[1] != "" {
				if res.Chassis == nil {
					res.Chassis = map[string]*ChassisMAC{}
				}
				res.Chassis[m[1]] = &ChassisMAC{NumberOfMACAddress: n, ChassisMACAddressLowerRange: m[3], ChassisMACAddressUpperRange: m[4]}
			} else {
				res.NumberOfMACAddress, res.ChassisMACAddressLowerRange, res.ChassisMACAddressUpperRange = &n, m[3], m[4]
			}
			continue
		}
		if table == "" || l[0] < '0' || l[0] > '9' {
			un.Add(raw)
			continue
		}
		switch table {
		case "card":
			mi, mod, ok := moduleCardRow(l)
			if !ok {
				un.Add(raw)
				continue
			}
			modules()[mod] = mi
		case "mac":
			f := core.Fields(l)
			mac, rest := "", []string(nil)
			switch {
			case len(f) == 8 && f[2] == "to":
				mac, rest = f[1]+" to "+f[3], f[4:]
			case len(f) == 6 && f[1] == "unknown":
				mac, rest = f[1], f[2:]
			}
			mi := modules()[f[0]]
			if mac == "" || mi == nil {
				un.Add(raw)
				continue
			}
			mi.MACAddress, mi.HW, mi.FW, mi.SW, mi.Status = mac, rest[0], rest[1], rest[2], rest[3]
		case "red":
			f := core.Fields(l)
			if len(f) != 4 || modules()[f[0]] == nil {
				un.Add(raw)
				continue
			}
			mi := modules()[f[0]]
			mi.RedundancyRole, mi.OperatingRedundancyMode, mi.ConfiguredRedundancyMode = strings.ToLower(f[1]), strings.ToLower(f[2]), strings.ToLower(f[3])
		case "ignore":
		default:
			un.Add(raw)
		}
	}
	if res.Module == nil && res.Switches == nil {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowModule", []string{"show module"}, parseShowModule)
}

// moduleCardRow reads "MOD PORTS CARD TYPE   MODEL [SERIAL]": the card
// type ends at the first gap of two or more spaces.
func moduleCardRow(l string) (*ModuleInfo, string, bool) {
	head := firstWords(l, 2)
	f := core.Fields(head)
	if len(f) != 2 || !isDigits(f[0]) || !isDigits(f[1]) {
		return nil, "", false
	}
	rest := strings.TrimLeft(l[len(head):], " ")
	gap := strings.Index(rest, "  ")
	if gap <= 0 {
		return nil, "", false
	}
	tail := core.Fields(rest[gap:])
	if len(tail) < 1 || len(tail) > 2 {
		return nil, "", false
	}
	mi := &ModuleInfo{Ports: atoi(f[1]), CardType: rest[:gap], Model: tail[0]}
	if len(tail) == 2 {
		mi.Serial = tail[1]
	}
	return mi, f[0], true
}
