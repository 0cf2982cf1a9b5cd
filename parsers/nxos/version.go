package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowVersion is "show version" (Genie ShowVersion).
type ShowVersion struct {
	Platform VersionPlatform `json:"platform"`
}

// VersionPlatform is the platform level of ShowVersion.
type VersionPlatform struct {
	Name          string          `json:"name,omitempty"`
	Reason        string          `json:"reason,omitempty"`
	SystemVersion string          `json:"system_version,omitempty"`
	OS            string          `json:"os,omitempty"`
	Hardware      VersionHardware `json:"hardware"`
	KernelUptime  KernelUptime    `json:"kernel_uptime"`
	Software      VersionSoftware `json:"software"`
}

// VersionHardware is the Hardware section of show version.
type VersionHardware struct {
	Bootflash        string  `json:"bootflash,omitempty"`
	Slot0            string  `json:"slot0,omitempty"`
	Chassis          string  `json:"chassis,omitempty"`
	RP               string  `json:"rp,omitempty"`
	CPU              *string `json:"cpu,omitempty"`
	DeviceName       string  `json:"device_name,omitempty"`
	Memory           string  `json:"memory,omitempty"`
	Model            string  `json:"model,omitempty"`
	ProcessorBoardID string  `json:"processor_board_id,omitempty"`
	Slots            string  `json:"slots,omitempty"`
}

// KernelUptime is "Kernel uptime is D day(s), H hour(s), M minute(s), S second(s)".
type KernelUptime struct {
	Days    *int `json:"days,omitempty"`
	Hours   *int `json:"hours,omitempty"`
	Minutes *int `json:"minutes,omitempty"`
	Seconds *int `json:"seconds,omitempty"`
}

// VersionSoftware is the Software section of show version.
type VersionSoftware struct {
	BIOSVersion          string `json:"bios_version,omitempty"`
	BIOSCompileTime      string `json:"bios_compile_time,omitempty"`
	KickstartVersion     string `json:"kickstart_version,omitempty"`
	KickstartCompileTime string `json:"kickstart_compile_time,omitempty"`
	KickstartImageFile   string `json:"kickstart_image_file,omitempty"`
	SystemVersion        string `json:"system_version,omitempty"`
	SystemCompileTime    string `json:"system_compile_time,omitempty"`
	SystemImageFile      string `json:"system_image_file,omitempty"`
}

func init() {
	reg("ShowVersion", []string{"show version"}, parseShowVersion)
}

// ParseShowVersion parses "show version".
func ParseShowVersion(out string) (*ShowVersion, error) {
	return parse(out, nil, parseShowVersion)
}

func intPtr(n int) *int { return &n }

func parseShowVersion(lines []string, _ core.Params, u *core.Unparsed) *ShowVersion {
	var r ShowVersion
	pl := &r.Platform
	hw := &pl.Hardware
	sw := &pl.Software
	found := false
	preamble := false // inside the licence text after the banner
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		switch {
		case strings.HasPrefix(line, "Cisco Nexus Operating System (NX-OS) Software"):
			pl.Name, pl.OS = "Nexus", "NX-OS"
			found, preamble = true, true
			continue
		case line == "Software" || line == "Hardware":
			preamble = false
			continue
		}
		if preamble {
			continue
		}
		key, val, hasColon := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		switch {
		case hasColon && key == "BIOS" && strings.HasPrefix(val, "version"):
			sw.BIOSVersion = strings.TrimSpace(strings.TrimPrefix(val, "version"))
		case hasColon && (key == "NXOS" || key == "system") && strings.HasPrefix(val, "version"):
			v := strings.TrimSpace(strings.TrimPrefix(val, "version"))
			if i := strings.IndexByte(v, ' '); i >= 0 {
				v = v[:i]
			}
			sw.SystemVersion = v
		case hasColon && key == "kickstart" && strings.HasPrefix(val, "version"):
			v := strings.TrimSpace(strings.TrimPrefix(val, "version"))
			if i := strings.IndexByte(v, ' '); i >= 0 {
				v = v[:i]
			}
			sw.KickstartVersion = v
		case hasColon && key == "BIOS compile time":
			sw.BIOSCompileTime = val
		case hasColon && (key == "NXOS image file is" || key == "system image file is"):
			sw.SystemImageFile = val
		case hasColon && (key == "NXOS compile time" || key == "system compile time"):
			sw.SystemCompileTime = val
		case hasColon && key == "kickstart image file is":
			sw.KickstartImageFile = val
		case hasColon && key == "kickstart compile time":
			sw.KickstartCompileTime = val
		case strings.HasPrefix(line, "cisco ") && strings.Contains(line, "Chassis"):
			parseChassisLine(line, hw)
		case strings.Contains(line, " with ") && strings.HasSuffix(line, "of memory."):
			cpu, mem, _ := strings.Cut(line, " with ")
			cpu = strings.TrimSpace(cpu)
			hw.CPU = &cpu
			hw.Memory = strings.TrimSuffix(mem, " of memory.")
		case strings.HasPrefix(line, "Processor Board ID"):
			hw.ProcessorBoardID = strings.TrimSpace(strings.TrimPrefix(line, "Processor Board ID"))
		case hasColon && key == "Device name":
			hw.DeviceName = val
		case hasColon && key == "bootflash":
			hw.Bootflash = val
		case hasColon && key == "slot0":
			hw.Slot0 = val
		case strings.HasPrefix(line, "Kernel uptime is"):
			parseKernelUptime(line, &pl.KernelUptime)
		case hasColon && key == "Reason":
			if val != "" {
				pl.Reason = val
			}
		case hasColon && key == "System version":
			if val != "" {
				pl.SystemVersion = val
			}
		case hasColon && (key == "Host NXOS" || key == "NXOS boot mode" || key == "Service" || key == "kickstart" || key == "system"),
			strings.HasPrefix(line, "Last reset"), line == "plugin", strings.HasSuffix(line, "Plugin"),
			strings.Contains(line, "Plugin,"), strings.HasPrefix(line, "Active Package(s)"),
			strings.HasPrefix(line, "TAC support"), strings.HasPrefix(line, "Copyright"):
			// Known lines Genie's schema has no key for.
			continue
		default:
			u.Add(raw)
			continue
		}
		found = true
	}
	if !found {
		return nil
	}
	return &r
}

// parseChassisLine reads "cisco Nexus9000 C9508 (8 Slot) Chassis ("Supervisor Module")".
func parseChassisLine(line string, hw *VersionHardware) {
	s := strings.TrimPrefix(line, "cisco ")
	i := strings.LastIndex(s, "Chassis")
	chassis := strings.TrimSpace(s[:i])
	rest := strings.TrimSpace(s[i+len("Chassis"):])
	hw.Chassis = chassis
	hw.Model = chassis
	hw.Slots = "None"
	hw.RP = "None"
	if j := strings.Index(chassis, " Slot)"); j >= 0 {
		if k := strings.LastIndexByte(chassis[:j], '('); k >= 0 {
			hw.Slots = chassis[k+1 : j]
			hw.Model = strings.TrimSpace(chassis[:k])
		}
	}
	if strings.HasPrefix(rest, "(") {
		hw.RP = strings.Trim(rest, `()" `)
	}
}

// parseKernelUptime reads "Kernel uptime is 0 day(s), 0 hour(s), 1 minute(s), 33 second(s)".
func parseKernelUptime(line string, k *KernelUptime) {
	f := core.Fields(strings.ReplaceAll(strings.TrimPrefix(line, "Kernel uptime is"), ",", " "))
	for i := 0; i+1 < len(f); i += 2 {
		n, ok := core.Atoi(f[i])
		if !ok {
			continue
		}
		switch {
		case strings.HasPrefix(f[i+1], "day"):
			k.Days = intPtr(n)
		case strings.HasPrefix(f[i+1], "hour"):
			k.Hours = intPtr(n)
		case strings.HasPrefix(f[i+1], "minute"):
			k.Minutes = intPtr(n)
		case strings.HasPrefix(f[i+1], "second"):
			k.Seconds = intPtr(n)
		}
	}
}
