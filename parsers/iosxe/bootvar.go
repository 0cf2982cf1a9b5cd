package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowBootvar is the result of "show bootvar" (Genie ShowBootvar).
type ShowBootvar struct {
	CurrentBootVariable    string          `json:"current_boot_variable,omitempty"`
	NextReloadBootVariable string          `json:"next_reload_boot_variable,omitempty"`
	ConfigFile             string          `json:"config_file,omitempty"`
	Bootldr                string          `json:"bootldr,omitempty"`
	Active                 *BootvarRP      `json:"active,omitempty"`
	Standby                *BootvarStandby `json:"standby,omitempty"`
}

// BootvarRP is the active RP's boot settings.
type BootvarRP struct {
	ConfigurationRegister           string `json:"configuration_register,omitempty"`
	NextReloadConfigurationRegister string `json:"next_reload_configuration_register,omitempty"`
	BootVariable                    string `json:"boot_variable,omitempty"`
	ManualBoot                      *bool  `json:"manual_boot,omitempty"`
}

// BootvarStandby is the standby RP's boot settings.
type BootvarStandby struct {
	ConfigurationRegister           string `json:"configuration_register,omitempty"`
	NextReloadConfigurationRegister string `json:"next_reload_configuration_register,omitempty"`
	BootVariable                    string `json:"boot_variable,omitempty"`
	StandbyManualBoot               *bool  `json:"standby_manual_boot,omitempty"`
}

// Line patterns are matched by hand (misc_scan.go).

// ParseShowBootvar parses "show bootvar".
func ParseShowBootvar(out string) (*ShowBootvar, error) {
	r, _, err := parseShowBootvar(out, nil)
	return r, err
}

func parseShowBootvar(out string, _ core.Params) (*ShowBootvar, []string, error) {
	var un core.Unparsed
	res := &ShowBootvar{}
	found := false
	act := func() *BootvarRP {
		if res.Active == nil {
			res.Active = &BootvarRP{}
		}
		return res.Active
	}
	stb := func() *BootvarStandby {
		if res.Standby == nil {
			res.Standby = &BootvarStandby{}
		}
		return res.Standby
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show bootvar") || mayBePrompt(l) && core.IsBarePrompt(l) {
			continue
		}
		if strings.HasPrefix(l, "Standby not ready") {
			found = true
			continue
		}
		if m := (scanM{}); matchBVConfig(l, &m) {
			found = true
			if m[1] != "" {
				stb().ConfigurationRegister, stb().NextReloadConfigurationRegister = m[2], m[3]
			} else {
				act().ConfigurationRegister, act().NextReloadConfigurationRegister = m[2], m[3]
			}
			continue
		}
		if m := bootvarLine(l); m != nil {
			found = true
			standby, val := m[1] != "", strings.TrimSpace(m[3])
			switch m[2] {
			case "BOOT":
				if val == "" {
					continue
				}
				if standby {
					stb().BootVariable = strings.TrimSuffix(val, ";")
				} else {
					act().BootVariable = val
					res.NextReloadBootVariable = val
				}
			case "MANUAL_BOOT":
				if standby {
					stb().StandbyManualBoot = yesNo(val)
				} else {
					act().ManualBoot = yesNo(val)
				}
			case "CONFIG_FILE":
				if val != "" && !standby {
					res.ConfigFile = val
				}
			case "BOOTLDR":
				if val != "" && !standby {
					res.Bootldr = val
				}
			}
			continue
		}
		un.Add(raw)
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ShowBootSystem is the result of "show boot system" (Genie ShowBootSystem).
type ShowBootSystem struct {
	BootVariable       *NullableString `json:"boot_variable"`
	ManualBootVariable string          `json:"manual_boot_variable,omitempty"`
	IsManualBoot       *bool           `json:"is_manual_boot,omitempty"`
	Baud               *int            `json:"baud,omitempty"`
	IPXETimeout        *int            `json:"ipxe_timeout,omitempty"`
	Bootmode           string          `json:"bootmode,omitempty"`
	IsBootMode         *bool           `json:"is_boot_mode,omitempty"`
	EnableBreak        *bool           `json:"enable_break,omitempty"`
	ConfigFile         string          `json:"config_file,omitempty"`
}

// ParseShowBootSystem parses "show boot system".
func ParseShowBootSystem(out string) (*ShowBootSystem, error) {
	r, _, err := parseShowBootSystem(out, nil)
	return r, err
}

func parseShowBootSystem(out string, _ core.Params) (*ShowBootSystem, []string, error) {
	var un core.Unparsed
	res := &ShowBootSystem{BootVariable: &NullableString{Null: true}}
	found := false
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || reBootSw.MatchString(l) || l == "Current Boot Variables:" || l == "Boot Variables on next reload:" || strings.HasPrefix(l, "show boot") {
			continue
		}
		if strings.HasSuffix(l, "variable does not exist") {
			found = true
			continue
		}
		m := eqKV(l, keyWords)
		if m == nil {
			un.Add(raw)
			continue
		}
		found = true
		key, val := strings.ToLower(strings.TrimSuffix(m[1], " variable")), strings.TrimSpace(m[2])
		switch key {
		case "boot":
			res.BootVariable = &NullableString{Value: val}
		case "manual boot", "manual_boot":
			res.IsManualBoot = yesNo(val)
			if key == "manual_boot" {
				res.ManualBootVariable = val
			}
		case "enable break", "enable_break":
			res.EnableBreak = yesNo(val)
		case "boot mode", "bootmode":
			res.Bootmode = val
		case "ipxe timeout", "ipxe_timeout":
			if n, ok := core.Atoi(val); ok {
				res.IPXETimeout = ptr(n)
			}
		case "baud":
			if n, ok := core.Atoi(val); ok {
				res.Baud = ptr(n)
			}
		case "config_file":
			if val != "" {
				res.ConfigFile = val
			}
		default:
			un.Add(raw)
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowBootvar", []string{"show bootvar"}, parseShowBootvar)
	registerTyped("ShowBootSystem", []string{"show boot system"}, parseShowBootSystem)
}

// bootvarLine reads "[Standby ]NAME variable = VALUE" and
// "[Standby ]NAME variable does not exist" into [line, standby, NAME, VALUE].
func bootvarLine(l string) []string {
	i := strings.Index(l, " variable")
	if i <= 0 {
		return nil
	}
	name, standby := l[:i], ""
	if rest, ok := strings.CutPrefix(name, "Standby "); ok {
		name, standby = rest, "Standby "
	}
	for j := 0; j < len(name); j++ {
		if c := name[j]; !(c >= 'A' && c <= 'Z' || c == '_') {
			return nil
		}
	}
	if name == "" {
		return nil
	}
	rest := l[i+len(" variable"):]
	switch {
	case rest == " does not exist":
		return []string{l, standby, name, ""}
	case strings.HasPrefix(rest, " ="):
		return []string{l, standby, name, strings.TrimLeft(rest[2:], " ")}
	}
	return nil
}
