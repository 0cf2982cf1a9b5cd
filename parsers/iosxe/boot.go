package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowBoot is the result of "show boot" (Genie ShowBoot). Which keys are
// present depends on the platform's output style.
type ShowBoot struct {
	CurrentBootVariable    string  `json:"current_boot_variable,omitempty"`
	NextReloadBootVariable string  `json:"next_reload_boot_variable,omitempty"`
	ManualBoot             *bool   `json:"manual_boot,omitempty"`
	EnableBreak            *bool   `json:"enable_break,omitempty"`
	BootMode               string  `json:"boot_mode,omitempty"`
	IPXETimeout            *int    `json:"ipxe_timeout,omitempty"`
	Active                 *BootRP `json:"active,omitempty"`
	Standby                *BootRP `json:"standby,omitempty"`
	BootSettings
	Switches map[string]*BootSettings `json:"switches,omitempty"`
}

// BootRP is the boot configuration of the active or standby RP.
type BootRP struct {
	ConfigurationRegister string `json:"configuration_register,omitempty"`
	BootVariable          string `json:"boot_variable,omitempty"`
	ManualBoot            *bool  `json:"manual_boot,omitempty"`
}

// BootSettings is the "BOOT path-list : ..." style of classic switches.
type BootSettings struct {
	BootPathList          string `json:"boot_path_list,omitempty"`
	ConfigFile            string `json:"config_file,omitempty"`
	PrivateConfigFile     string `json:"private_config_file,omitempty"`
	HelperPathList        string `json:"helper_path_list,omitempty"`
	AutoUpgrade           *bool  `json:"auto_upgrade,omitempty"`
	AutoUpgradePath       string `json:"auto_upgrade_path,omitempty"`
	BootOptimization      *bool  `json:"boot_optimization,omitempty"`
	NVRAMBufferSize       *int   `json:"nvram_buffer_size,omitempty"`
	TimeoutConfigDownload string `json:"timeout_config_download,omitempty"`
	ConfigDownloadViaDHCP *bool  `json:"config_download_via_dhcp,omitempty"`
	NextBoot              *bool  `json:"next_boot,omitempty"`
	AllowDevKey           *bool  `json:"allow_dev_key,omitempty"`
	// EnableBreak and ManualBoot of a stack member (top-level ones live
	// on ShowBoot itself).
	SwEnableBreak *bool `json:"enable_break,omitempty"`
	SwManualBoot  *bool `json:"manual_boot,omitempty"`
}

var (
	reBootSw = mustRe(`^Switch (\d+)$`)
)

func yesNo(s string) *bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "enabled", "enable", "true":
		return ptr(true)
	case "no", "disabled", "disable", "false":
		return ptr(false)
	}
	return nil
}

// ParseShowBoot parses "show boot".
func ParseShowBoot(out string) (*ShowBoot, error) {
	r, _, err := parseShowBoot(out, nil)
	return r, err
}

func parseShowBoot(out string, _ core.Params) (*ShowBoot, []string, error) {
	var un core.Unparsed
	res := &ShowBoot{}
	cur := &res.BootSettings
	isTop := true
	next := false // after "Boot Variables on next reload:"
	pending := ""
	found := false
	rp := func(standby bool) *BootRP {
		if standby {
			if res.Standby == nil {
				res.Standby = &BootRP{}
			}
			return res.Standby
		}
		if res.Active == nil {
			res.Active = &BootRP{}
		}
		return res.Active
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "show boot") || isEcho(l) || mayBePrompt(l) && core.IsBarePrompt(l) {
			continue
		}
		if m := reBootSw.FindStringSubmatch(l); m != nil {
			pending = m[1]
			continue
		}
		switch l {
		case "Current Boot Variables:":
			next = false
			found = true
			continue
		case "Boot Variables on next reload:":
			next = true
			continue
		case "NVRAM/Config file", "Timeout for Config", "Config Download":
			continue
		}
		if m := (scanM{}); matchConfReg2(l, &m) {
			rp(m[1] != "").ConfigurationRegister = m[2]
			found = true
			continue
		}
		if strings.HasSuffix(l, "does not exist") {
			found = true
			continue
		}
		if m := bootEq(l); m != nil {
			found = true
			standby := m[1] != ""
			key, val := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(m[2]), " ", "_")), strings.TrimSpace(m[3])
			switch key {
			case "BOOT":
				if res.CurrentBootVariable != "" || next || strings.Contains(out, "Current Boot Variables:") {
					if next {
						res.NextReloadBootVariable = val
					} else {
						res.CurrentBootVariable = val
					}
					continue
				}
				if standby {
					val = strings.TrimSuffix(val, ";")
				}
				if val != "" {
					rp(standby).BootVariable = val
				}
			case "MANUAL_BOOT":
				if strings.Contains(l, "variable") {
					rp(standby).ManualBoot = yesNo(val)
				} else {
					res.ManualBoot = yesNo(val)
				}
			case "ENABLE_BREAK":
				res.EnableBreak = yesNo(val)
			case "BOOT_MODE":
				res.BootMode = strings.ToLower(val)
			case "IPXE_TIMEOUT":
				if n, ok := core.Atoi(val); ok {
					res.IPXETimeout = ptr(n)
				}
			case "CONFIG_FILE", "BAUD", "BOOTLDR":
			default:
				un.Add(raw)
			}
			continue
		}
		if m := (scanM{}); matchBootDHCP(l, &m) {
			cur.ConfigDownloadViaDHCP = yesNo(m[1])
			if m[2] != "" {
				cur.NextBoot = yesNo(m[2])
			}
			continue
		}
		if m := colonKV(l); m != nil {
			found = true
			if pending != "" {
				if res.Switches == nil {
					res.Switches = map[string]*BootSettings{}
				}
				cur = &BootSettings{}
				res.Switches[pending] = cur
				isTop = false
				pending = ""
			}
			val := strings.TrimSpace(m[2])
			switch strings.ToLower(m[1]) {
			case "boot path-list":
				cur.BootPathList = val
			case "config file":
				cur.ConfigFile = val
			case "private config file":
				cur.PrivateConfigFile = val
			case "enable break":
				if isTop {
					res.EnableBreak = yesNo(val)
				} else {
					cur.SwEnableBreak = yesNo(val)
				}
			case "manual boot":
				if isTop {
					res.ManualBoot = yesNo(val)
				} else {
					cur.SwManualBoot = yesNo(val)
				}
			case "allow dev key":
				cur.AllowDevKey = yesNo(val)
			case "helper path-list":
				cur.HelperPathList = val
			case "auto upgrade":
				cur.AutoUpgrade = yesNo(val)
			case "auto upgrade path":
				cur.AutoUpgradePath = val
			case "boot optimization":
				cur.BootOptimization = yesNo(val)
			case "buffer size":
				if n, ok := core.Atoi(val); ok {
					cur.NVRAMBufferSize = ptr(n)
				}
			case "download":
				cur.TimeoutConfigDownload = val
			default:
				un.Add(raw)
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

func init() {
	registerTyped("ShowBoot", []string{"show boot"}, parseShowBoot)
}

// bootEq splits "[Standby ]KEY [variable ]= VALUE" into
// [line, "Standby " or "", KEY, VALUE].
func bootEq(l string) []string {
	m := eqKV(l, keyWords)
	if m == nil {
		return nil
	}
	key := m[1]
	standby := ""
	if rest, ok := strings.CutPrefix(key, "Standby "); ok {
		standby, key = "Standby ", rest
	}
	key = strings.TrimSuffix(key, " variable")
	return []string{l, standby, key, m[2]}
}

// colonKV splits "Key words : value" (letters, '/', '-' and spaces before
// the first colon) into [line, key, value].
func colonKV(l string) []string {
	i := strings.IndexByte(l, ':')
	if i <= 0 {
		return nil
	}
	for j := 0; j < i; j++ {
		if c := l[j]; !isLetter(c) && c != ' ' && c != '/' && c != '-' {
			return nil
		}
	}
	key := strings.TrimRight(l[:i], " ")
	if key == "" {
		return nil
	}
	return []string{l, key, strings.TrimLeft(l[i+1:], " ")}
}
