package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowInstallAllStatus is "show install all status" (Genie
// ShowInstallAllStatus): the result of each installer step ("SUCCESS ",
// "FAIL"), the compatibility and upgrade tables by row number.
type ShowInstallAllStatus struct {
	InstallSteps
	CompatibilityCheck        map[string]*InstallCompatRow  `json:"compatibility_check,omitempty"`
	ImageUpgradeTable         map[string]*InstallUpgradeRow `json:"image_upgrade_table,omitempty"`
	PreUpgradeCheckFailedCode string                        `json:"pre_upgrade_check_failed_code,omitempty"`
	AdditionalInfo            string                        `json:"additional_info,omitempty"`
}

// InstallSteps is the status of each installer step, as printed after
// "-- " ("SUCCESS", or "FAIL" for "-- FAIL.").
type InstallSteps struct {
	VerifyingImageStatus     string `json:"verifying_image_status,omitempty"`
	VerifyingImageType       string `json:"verifying_image_type,omitempty"`
	UpgradeImage             string `json:"upgrade_image,omitempty"`
	PreparingNxosVersionInfo string `json:"preparing_nxos_version_info,omitempty"`
	PreparingBiosVersionInfo string `json:"preparing_bios_version_info,omitempty"`
	ModuleSupportCheck       string `json:"module_support_check,omitempty"`
	NotifyingServices        string `json:"notifying_services,omitempty"`
	RuntimeChecks            string `json:"runtime_checks,omitempty"`
	SetBootVariables         string `json:"set_boot_variables,omitempty"`
	ConfigurationCopy        string `json:"configuration_copy,omitempty"`
	CompactFlashAndUpgrade   string `json:"compact_flash_and_upgrade,omitempty"`
}

// InstallCompatRow is a row of the compatibility (impact) table.
type InstallCompatRow struct {
	Module      int    `json:"module"`
	Bootable    string `json:"bootable"`
	Impact      string `json:"impact"`
	InstallType string `json:"install_type"`
	Reason      string `json:"reason"`
}

// InstallUpgradeRow is a row of "Images will be upgraded according to
// following table".
type InstallUpgradeRow struct {
	Module         int    `json:"module"`
	Image          string `json:"image"`
	RunningVersion string `json:"running_version"`
	NewVersion     string `json:"new_version"`
	UpgRequired    string `json:"upg_required"`
}

// ShowInstallAllImpact is "show install all impact nxos bootflash:<img>",
// which Genie lacks. Schema (Genie style, keyed by identity):
//
//	{
//	  "upgrade_image": str, "verifying_image_status": str, ... (InstallSteps),
//	  "compatibility_check_done": bool,
//	  "disruptive": bool,
//	  "module": {
//	    "<module>": {
//	      "bootable": str, "impact": str, "install_type": str, "reason": str,
//	      "images": {"<image>": {"running_version": str, "new_version": str, "upg_required": str}}
//	    }
//	  },
//	  "additional_info": [str],
//	  "pre_upgrade_check_failed_code": str
//	}
//
// disruptive is true when any module's impact is "disruptive" (genie's
// test for a disruptive upgrade). Unlike Genie's status parser,
// upgrade_image is always the image as printed, without a trailing dot.
type ShowInstallAllImpact struct {
	InstallSteps
	CompatibilityCheckDone    bool                     `json:"compatibility_check_done"`
	Disruptive                bool                     `json:"disruptive"`
	Module                    map[string]*ImpactModule `json:"module,omitempty"`
	AdditionalInfo            []string                 `json:"additional_info,omitempty"`
	PreUpgradeCheckFailedCode string                   `json:"pre_upgrade_check_failed_code,omitempty"`
}

// ImpactModule is one module's impact and its image upgrades.
type ImpactModule struct {
	Bootable    string                  `json:"bootable,omitempty"`
	Impact      string                  `json:"impact,omitempty"`
	InstallType string                  `json:"install_type,omitempty"`
	Reason      string                  `json:"reason,omitempty"`
	Images      map[string]*ImpactImage `json:"images,omitempty"`
}

// ImpactImage is one image row of a module.
type ImpactImage struct {
	RunningVersion string `json:"running_version"`
	NewVersion     string `json:"new_version"`
	UpgRequired    string `json:"upg_required"`
}

func init() {
	reg("ShowInstallAllStatus", []string{"show install all status"}, parseShowInstallAllStatus)
	reg("ShowInstallAllImpact", []string{
		"show install all impact nxos {image}",
		"show install all impact nxos {image} non-disruptive",
	}, parseShowInstallAllImpact)
}

// ParseShowInstallAllStatus parses "show install all status".
func ParseShowInstallAllStatus(out string) (*ShowInstallAllStatus, error) {
	return parse(out, nil, parseShowInstallAllStatus)
}

// ParseShowInstallAllImpact parses "show install all impact nxos <image>".
func ParseShowInstallAllImpact(out string) (*ShowInstallAllImpact, error) {
	return parse(out, nil, parseShowInstallAllImpact)
}

// installLog is what both install parsers read from the installer log.
type installLog struct {
	steps       InstallSteps
	image       string // image named in "Verifying image ... for boot variable"
	compatDone  bool
	compat      []InstallCompatRow
	upgrade     []InstallUpgradeRow
	failedCode  string
	info        []string
	found       bool
	sawImageDot bool
}

// stepField maps an installer step title to its InstallSteps field.
func (s *InstallSteps) stepField(title string) *string {
	switch {
	case strings.HasPrefix(title, "Verifying image type"):
		return &s.VerifyingImageType
	case strings.HasPrefix(title, "Verifying image "):
		return &s.VerifyingImageStatus
	case strings.HasPrefix(title, `Preparing "nxos" version info`):
		return &s.PreparingNxosVersionInfo
	case strings.HasPrefix(title, `Preparing "bios" version info`):
		return &s.PreparingBiosVersionInfo
	case strings.HasPrefix(title, "Performing module support checks"):
		return &s.ModuleSupportCheck
	case strings.HasPrefix(title, "Notifying services about system upgrade"):
		return &s.NotifyingServices
	case strings.HasPrefix(title, "Performing runtime checks"):
		return &s.RuntimeChecks
	case strings.HasPrefix(title, "Setting boot variables"):
		return &s.SetBootVariables
	case strings.HasPrefix(title, "Performing configuration copy"):
		return &s.ConfigurationCopy
	case strings.HasPrefix(title, "Refreshing compact flash"):
		return &s.CompactFlashAndUpgrade
	}
	return nil
}

// knownInstallLine reports installer lines that carry no value.
func knownInstallLine(t string) bool {
	for _, p := range []string{
		"Installer will perform", "Switch will be reloaded", "Install is in progress", "Warning:",
		"Images will be upgraded", "There is an on-going installation", "Enter Ctrl-C",
		"Install has been successful", "Syncing image", "Notifying services about the switchover",
		`"Switching over onto standby"`, "Non-disruptive upgrading", "Waiting for module online",
		"Finishing the upgrade", "Do you want to continue", "Additional info for this installation",
		"Compatibility check is done", "Pre-upgrade check failed", "Return code ", "Install all currently",
		"Module ", "Please run", `"Running-config`,
	} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return t == "." || (strings.HasPrefix(t, "<") && strings.HasSuffix(t, ">"))
}

// scanInstallLog reads the log shared by "install all", "show install all
// status" and "show install all impact".
func scanInstallLog(lines []string, u *core.Unparsed) *installLog {
	var fb fieldBuf
	var tb tokBuf
	l := &installLog{}
	var cur *string // step awaiting its "-- STATUS"
	table := ""
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" {
			table = ""
			continue
		}
		if isSeparator(t) {
			continue
		}
		// Fields are read only by table rows (and one step title, split
		// there): other log lines are not split.
		var f []string
		if table != "" {
			f = fb.split(t)
		}
		// Step results: " -- SUCCESS <time>", "[####] 100% -- SUCCESS".
		if i := strings.Index(t, "-- "); i >= 0 && (i == 0 || t[i-1] == ' ') && !strings.HasPrefix(t, "--- ") {
			s := t[i+3:]
			if j := strings.IndexByte(s, '<'); j >= 0 {
				s = s[:j]
			}
			if ts := strings.TrimSpace(s); strings.HasSuffix(ts, ".") {
				s = strings.TrimSuffix(ts, ".")
			}
			if cur != nil {
				*cur = s
				cur = nil
			}
			l.found = true
			continue
		}
		if strings.HasPrefix(t, "[") && strings.Contains(t, "%") {
			continue // progress bar without a result
		}
		switch {
		case strings.HasPrefix(t, "Module") && strings.Contains(t, "bootable") && strings.Contains(t, "Impact"):
			table, l.found = "compat", true
			continue
		case strings.HasPrefix(t, "Module") && strings.Contains(t, "Running-Version"):
			table, l.found = "upgrade", true
			continue
		case table == "compat" && isInt(f[0]) && len(f) >= 4:
			tk := tb.split(t)
			l.compat = append(l.compat, InstallCompatRow{Module: atoi(f[0]), Bootable: f[1], Impact: f[2],
				InstallType: f[3], Reason: joinToks(t, tk[4:])})
			continue
		case table == "upgrade" && isInt(f[0]) && len(f) >= 5:
			l.upgrade = append(l.upgrade, InstallUpgradeRow{Module: atoi(f[0]), Image: f[1], RunningVersion: f[2],
				NewVersion: f[3], UpgRequired: f[4]})
			continue
		}
		table = ""
		title := t
		if strings.HasPrefix(t, "Module ") {
			// "Module 1: Refreshing compact flash and upgrading bios/loader/bootrom."
			if _, rest, ok := strings.Cut(t, ": "); ok {
				title = rest
			}
		}
		if p := l.steps.stepField(title); p != nil {
			cur = p
			l.found = true
			if strings.HasPrefix(t, "Verifying image ") && strings.Contains(t, " for boot variable") {
				if f := fb.split(t); len(f) > 2 {
					l.image = f[2]
				}
			}
			continue
		}
		switch {
		case strings.HasPrefix(t, "No install all data found"), strings.HasPrefix(t, "Install all currently is not supported"),
			strings.HasPrefix(t, "Switch is not ready for Install all"), strings.HasPrefix(t, "Another install procedure may be in progress"):
			// Understood, but there is no installer log to report.
			continue
		case strings.HasPrefix(t, "Compatibility check is done"):
			l.compatDone = true
		case strings.HasPrefix(t, "Pre-upgrade check failed. "):
			l.failedCode = strings.TrimSuffix(strings.TrimPrefix(t, "Pre-upgrade check failed. "), ".")
		case strings.HasPrefix(t, "Return code "):
			if l.failedCode == "" {
				l.failedCode = strings.TrimSuffix(t, ".")
			}
		case strings.HasPrefix(t, "Service ") && strings.Contains(t, " in vdc "):
			l.info = append(l.info, strings.TrimPrefix(t, "Service "))
		case knownInstallLine(t):
		default:
			u.Add(raw)
			continue
		}
		l.found = true
	}
	return l
}

func parseShowInstallAllStatus(lines []string, _ core.Params, u *core.Unparsed) *ShowInstallAllStatus {
	l := scanInstallLog(lines, u)
	if !l.found {
		return nil
	}
	r := &ShowInstallAllStatus{InstallSteps: l.steps}
	// Genie keeps the image only when the log prints it with a trailing
	// dot ("bootflash:/nxos.9.3.7.bin. for boot variable").
	if strings.HasSuffix(l.image, ".") {
		r.UpgradeImage = l.image
	}
	for i, c := range l.compat {
		if r.CompatibilityCheck == nil {
			r.CompatibilityCheck = map[string]*InstallCompatRow{}
		}
		c := c
		r.CompatibilityCheck[itoa(i+1)] = &c
	}
	for i, c := range l.upgrade {
		if r.ImageUpgradeTable == nil {
			r.ImageUpgradeTable = map[string]*InstallUpgradeRow{}
		}
		c := c
		r.ImageUpgradeTable[itoa(i+1)] = &c
	}
	r.PreUpgradeCheckFailedCode = l.failedCode
	if len(l.info) > 0 {
		r.AdditionalInfo = l.info[len(l.info)-1]
	}
	return r
}

func parseShowInstallAllImpact(lines []string, _ core.Params, u *core.Unparsed) *ShowInstallAllImpact {
	l := scanInstallLog(lines, u)
	if !l.found {
		return nil
	}
	r := &ShowInstallAllImpact{InstallSteps: l.steps, CompatibilityCheckDone: l.compatDone}
	r.UpgradeImage = strings.TrimSuffix(l.image, ".")
	mod := func(n int) *ImpactModule {
		if r.Module == nil {
			r.Module = map[string]*ImpactModule{}
		}
		k := itoa(n)
		m := r.Module[k]
		if m == nil {
			m = &ImpactModule{}
			r.Module[k] = m
		}
		return m
	}
	for _, c := range l.compat {
		m := mod(c.Module)
		m.Bootable, m.Impact, m.InstallType, m.Reason = c.Bootable, c.Impact, c.InstallType, c.Reason
		if c.Impact == "disruptive" {
			r.Disruptive = true
		}
	}
	for _, c := range l.upgrade {
		m := mod(c.Module)
		if m.Images == nil {
			m.Images = map[string]*ImpactImage{}
		}
		m.Images[c.Image] = &ImpactImage{RunningVersion: c.RunningVersion, NewVersion: c.NewVersion, UpgRequired: c.UpgRequired}
	}
	r.AdditionalInfo = l.info
	r.PreUpgradeCheckFailedCode = l.failedCode
	return r
}
