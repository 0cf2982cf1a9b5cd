package iosxe

import (
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowVersion is the result of "show version" (Genie ShowVersion).
type ShowVersion struct {
	Version VersionInfo `json:"version"`

	rom NullableString // Version.ROM's storage
}

// NullableString is a string that may be JSON null (Genie's Or(str, None)).
type NullableString struct {
	Value string
	Null  bool
}

// MarshalJSON writes null or the string.
func (n NullableString) MarshalJSON() ([]byte, error) { return n.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for n: null or the
// string.
func (n NullableString) AppendJSON(b []byte) ([]byte, error) {
	if n.Null {
		return append(b, "null"...), nil
	}
	return core.AppendJSONString(b, n.Value), nil
}

// VersionInfo holds everything "show version" reports.
type VersionInfo struct {
	XEVersion                 string                          `json:"xe_version,omitempty"`
	VersionShort              string                          `json:"version_short"`
	Platform                  string                          `json:"platform"`
	Version                   string                          `json:"version"`
	Label                     string                          `json:"label,omitempty"`
	BuildLabel                string                          `json:"build_label,omitempty"`
	ImageID                   string                          `json:"image_id"`
	ROM                       *NullableString                 `json:"rom,omitempty"`
	ImageType                 string                          `json:"image_type"`
	InstallationMode          string                          `json:"installation_mode,omitempty"`
	Bootldr                   string                          `json:"bootldr,omitempty"`
	Hostname                  string                          `json:"hostname"`
	Uptime                    string                          `json:"uptime"`
	UptimeThisCP              string                          `json:"uptime_this_cp,omitempty"`
	JawaRevision              string                          `json:"jawa_revision,omitempty"`
	SnowtrooperRevision       string                          `json:"snowtrooper_revision,omitempty"`
	RunningDefaultSoftware    *bool                           `json:"running_default_software,omitempty"`
	ProcessorBoardFlash       string                          `json:"processor_board_flash,omitempty"`
	LastReloadType            string                          `json:"last_reload_type,omitempty"`
	ReturnedToROMBy           string                          `json:"returned_to_rom_by,omitempty"`
	ReturnedToROMAt           string                          `json:"returned_to_rom_at,omitempty"`
	CompiledDate              string                          `json:"compiled_date,omitempty"`
	Location                  string                          `json:"location,omitempty"`
	CopyrightYears            string                          `json:"copyright_years,omitempty"`
	CompiledBy                string                          `json:"compiled_by,omitempty"`
	SystemRestartedAt         string                          `json:"system_restarted_at,omitempty"`
	SystemImage               string                          `json:"system_image,omitempty"`
	LastReloadReason          string                          `json:"last_reload_reason,omitempty"`
	LicenseType               string                          `json:"license_type,omitempty"`
	LicenseLevel              string                          `json:"license_level,omitempty"`
	NextReloadLicenseLevel    string                          `json:"next_reload_license_level,omitempty"`
	AIRLicenseLevel           string                          `json:"air_license_level,omitempty"`
	NextReloadAIRLicenseLevel string                          `json:"next_reload_air_license_level,omitempty"`
	Chassis                   string                          `json:"chassis,omitempty"`
	ProcessorType             string                          `json:"processor_type,omitempty"`
	ChassisSN                 string                          `json:"chassis_sn,omitempty"`
	RtrType                   string                          `json:"rtr_type,omitempty"`
	RouterOperatingMode       string                          `json:"router_operating_mode,omitempty"`
	OS                        string                          `json:"os"`
	CurrConfigRegister        string                          `json:"curr_config_register,omitempty"`
	LicenseUDI                *LicenseUDI                     `json:"license_udi,omitempty"`
	NextConfigRegister        string                          `json:"next_config_register,omitempty"`
	MainMem                   string                          `json:"main_mem,omitempty"`
	NumberOfIntfs             map[string]string               `json:"number_of_intfs,omitempty"`
	MemSize                   map[string]string               `json:"mem_size,omitempty"`
	Disks                     map[string]Disk                 `json:"disks,omitempty"`
	SwitchNum                 map[string]*SwitchInfo          `json:"switch_num,omitempty"`
	Processor                 *ProcessorInfo                  `json:"processor,omitempty"`
	LicensePackage            map[string]LicensePackage       `json:"license_package,omitempty"`
	Module                    map[string]map[string]SuiteInfo `json:"module,omitempty"`
	Image                     *ImageBase                      `json:"image,omitempty"`
	Interfaces                *InterfaceCounts                `json:"interfaces,omitempty"`
}

// LicenseUDI maps device numbers to their PID and serial.
type LicenseUDI struct {
	DeviceNum map[string]UDI `json:"device_num,omitempty"`
}

// UDI is a product ID and serial number.
type UDI struct {
	PID string `json:"pid"`
	SN  string `json:"sn"`
}

// Disk is one "NNNK bytes of TYPE at DEV:" line.
type Disk struct {
	DiskSize   string `json:"disk_size"`
	TypeOfDisk string `json:"type_of_disk"`
}

// SwitchInfo is one stack member.
type SwitchInfo struct {
	Uptime             string `json:"uptime,omitempty"`
	MACAddress         string `json:"mac_address,omitempty"`
	MBAssemblyNum      string `json:"mb_assembly_num,omitempty"`
	PowerSupplyPartNr  string `json:"power_supply_part_nr,omitempty"`
	MBSN               string `json:"mb_sn,omitempty"`
	PowerSupplySN      string `json:"power_supply_sn,omitempty"`
	ModelRevNum        string `json:"model_rev_num,omitempty"`
	MBRevNum           string `json:"mb_rev_num,omitempty"`
	ModelNum           string `json:"model_num,omitempty"`
	DBAssemblyNum      string `json:"db_assembly_num,omitempty"`
	DBSN               string `json:"db_sn,omitempty"`
	SystemSN           string `json:"system_sn,omitempty"`
	TopAssemblyPartNum string `json:"top_assembly_part_num,omitempty"`
	TopAssemblyRevNum  string `json:"top_assembly_rev_num,omitempty"`
	SystemFPGAVersion  string `json:"system_fpga_version,omitempty"`
	VersionID          string `json:"version_id,omitempty"`
	CLEICodeNum        string `json:"clei_code_num,omitempty"`
	DBRevNum           string `json:"db_rev_num,omitempty"`
	HBRevNum           string `json:"hb_rev_num,omitempty"`
	Mode               string `json:"mode,omitempty"`
	Model              string `json:"model,omitempty"`
	SWImage            string `json:"sw_image,omitempty"`
	Ports              string `json:"ports,omitempty"`
	SWVer              string `json:"sw_ver,omitempty"`
	Active             *bool  `json:"active,omitempty"`
}

// ProcessorInfo is the CPU line ("MPC8572 CPU at 1.5GHz, Supervisor 7").
type ProcessorInfo struct {
	CPUType    string `json:"cpu_type,omitempty"`
	Speed      string `json:"speed,omitempty"`
	Core       string `json:"core,omitempty"`
	L2Cache    string `json:"l2_cache,omitempty"`
	Supervisor string `json:"supervisor,omitempty"`
}

// LicensePackage is one row of the technology package license table.
type LicensePackage struct {
	LicenseLevel           string `json:"license_level"`
	LicenseType            string `json:"license_type"`
	NextReloadLicenseLevel string `json:"next_reload_license_level"`
}

// SuiteInfo is one row of a suite license table.
type SuiteInfo struct {
	Suite           string `json:"suite,omitempty"`
	SuiteCurrent    string `json:"suite_current,omitempty"`
	Type            string `json:"type,omitempty"`
	SuiteNextReboot string `json:"suite_next_reboot,omitempty"`
}

// ImageBase is the classic IOS "Image text-base" line.
type ImageBase struct {
	TextBase string `json:"text_base"`
	DataBase string `json:"data_base"`
}

// InterfaceCounts are the classic IOS interface counts.
type InterfaceCounts struct {
	VirtualEthernet *int `json:"virtual_ethernet,omitempty"`
	FastEthernet    *int `json:"fastethernet,omitempty"`
	GigabitEthernet *int `json:"gigabit_ethernet,omitempty"`
}

// switch detail keys as printed ("Motherboard Assembly Number") to fields.
func setSwitchField(s *SwitchInfo, key, val string) bool {
	// Keys come capitalised as below on current releases; the lower-case
	// switch is the fallback, so only odd captures pay for ToLower.
	if f, ok := switchFieldKeys[key]; ok {
		key = f
	} else {
		key = strings.ToLower(key)
	}
	switch key {
	case "switch uptime":
		s.Uptime = val
	case "base ethernet mac address":
		s.MACAddress = val
	case "motherboard assembly number":
		s.MBAssemblyNum = val
	case "power supply part number":
		s.PowerSupplyPartNr = val
	case "motherboard serial number":
		s.MBSN = val
	case "power supply serial number":
		s.PowerSupplySN = val
	case "model revision number":
		s.ModelRevNum = val
	case "motherboard revision number":
		s.MBRevNum = val
	case "model number":
		s.ModelNum = val
	case "daughterboard assembly number":
		s.DBAssemblyNum = val
	case "daughterboard serial number":
		s.DBSN = val
	case "system serial number":
		s.SystemSN = val
	case "top assembly part number":
		s.TopAssemblyPartNum = val
	case "top assembly revision number":
		s.TopAssemblyRevNum = val
	case "system fpga version":
		s.SystemFPGAVersion = val
	case "version id":
		s.VersionID = val
	case "clei code number":
		s.CLEICodeNum = val
	case "daughterboard revision number":
		s.DBRevNum = val
	case "hardware board revision number":
		s.HBRevNum = val
	default:
		return false
	}
	return true
}

var switchFieldKeys = map[string]string{
	"Switch uptime": "switch uptime", "Base Ethernet MAC Address": "base ethernet mac address",
	"Motherboard Assembly Number": "motherboard assembly number", "Motherboard Serial Number": "motherboard serial number",
	"Model Revision Number": "model revision number", "Motherboard Revision Number": "motherboard revision number",
	"Model Number": "model number", "System Serial Number": "system serial number", "CLEI Code Number": "clei code number",
	"Top Assembly Part Number": "top assembly part number", "Top Assembly Revision Number": "top assembly revision number",
	"System FPGA version": "system fpga version", "Version ID": "version id",
}

// ParseShowVersion parses "show version".
func ParseShowVersion(out string) (*ShowVersion, error) {
	r, _, err := parseShowVersion(out, nil)
	return r, err
}

// parseShowVersion matches its line patterns by hand (version_scan.go):
// the regexp engine cost more than the rest of the parse.
func parseShowVersion(out string, _ core.Params) (*ShowVersion, []string, error) {
	var un core.Unparsed
	res := &ShowVersion{}
	v := &res.Version
	var fbuf [8]string
	var (
		top       *SwitchInfo // detail block before any "Switch NN" header
		cur       *SwitchInfo
		activeNum string
		found     bool
		licTable  int // 0 none, 3 or 4 columns
		suiteMod  string
		inBlurb   bool
	)
	sw := func(n string) *SwitchInfo {
		if v.SwitchNum == nil {
			v.SwitchNum = map[string]*SwitchInfo{}
		}
		s := v.SwitchNum[n]
		if s == nil {
			s = &SwitchInfo{}
			v.SwitchNum[n] = s
		}
		return s
	}
	// Only an output with a '#' or '>' can hold a prompt echo: one search
	// of the whole output spares two per line.
	mayEcho := strings.IndexByte(out, '#') >= 0 || strings.IndexByte(out, '>') >= 0
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" {
			// The IOS-XE copyright paragraph ends at the first blank line:
			// what follows is data again, and lines not understood there
			// must be reported.
			inBlurb = false
			continue
		}
		if isSeparator(l) || hasPre(l, "show ver") || mayEcho && (strings.IndexByte(l, '#') >= 0 || strings.IndexByte(l, '>') >= 0) && isEcho(l) || isBoilerplate(l) {
			continue
		}
		// Most patterns below start with a literal: c, the first byte,
		// lets a line skip those that cannot match without trying them
		// (each guard names the first bytes of the patterns it holds).
		c := l[0]
		if c == 'C' {
			if m := (scanM{}); matchVerXE(l, &m) {
				v.XEVersion = m[1]
				v.OS = "IOS-XE"
				found = true
				continue
			}
		}
		if m := (scanM{}); (c == 'C' || c == 'I') && matchVerIOS(l, &m) {
			found = true
			v.Location = m[1]
			v.Platform = joinFields(m[2])
			v.ImageID = m[3]
			v.Version = m[5]
			v.VersionShort = versionShort(m[5])
			rest := m[6]
			switch {
			case hasPre(l, "IOS (tm)"):
				v.ImageType = "developer image"
			case m[4] != "":
				v.ImageType = "developer image"
				v.Label = rest
				if i := strings.Index(rest, "BLD_"); i >= 0 {
					v.BuildLabel = cutBuildLabel(rest[i:])
				}
			default:
				v.ImageType = "production image"
				if strings.HasPrefix(raw, "Cisco IOS Software") && strings.Contains(l, "Version "+m[5]+",") {
					v.Label = rest
				}
			}
			if v.OS == "" {
				if strings.Contains(l, "IOS-XE") || strings.Contains(out, "IOS-XE") || strings.Contains(out, "IOS XE") {
					v.OS = "IOS-XE"
				} else {
					v.OS = "IOS"
				}
			}
			continue
		}
		if c == 'S' {
			if m := (scanM{}); matchSuiteHdr(l, &m) {
				suiteMod = m[1]
				licTable = 0
				continue
			}
		}
		switch {
		case c != 'C' && c != 'T' && c != 'S' && c != 'L':
		case hasPre(l, "Cisco Internetwork Operating System Software"),
			hasPre(l, "Technical Support:"),
			hasPre(l, "Cisco IOS-XE software, Copyright"),
			hasPre(l, "Smart Licensing Status"),
			hasPre(l, "Technology Package License Information"),
			hasPre(l, "Technology-package"), hasPre(l, "Technology "),
			hasPre(l, "Current "), hasPre(l, "Suite "),
			hasPre(l, "Switch Ports Model"),
			hasPre(l, "License Information for"):
			if hasPre(l, "Cisco IOS-XE software") {
				inBlurb = true
			}
			if hasPre(l, "Technology Package License") {
				licTable = 3
				suiteMod = ""
			}
			if hasPre(l, "Technology ") && strings.Contains(l, "Technology-package") {
				licTable = 4
			}
			if hasPre(l, "Technology") && strings.Contains(l, "Type") && strings.Count(l, "Technology") == 3 {
				licTable = 5 // Technology Type Current Next
			}
			continue
		}
		if c == 'C' {
			if m := (scanM{}); matchCopyright(l, &m) {
				v.CopyrightYears = m[1]
				continue
			}
			if m := (scanM{}); matchCompiled(l, &m) {
				v.CompiledDate, v.CompiledBy = m[1], m[2]
				continue
			}
		}
		if hasPre(l, "ROM:") {
			r := strings.TrimSpace(l[4:])
			if r == "" {
				res.rom = NullableString{Null: true}
				v.ROM = &res.rom
			} else {
				res.rom = NullableString{Value: r}
				v.ROM = &res.rom
			}
			continue
		}
		if hasPre(l, "BOOTLDR:") {
			v.Bootldr = strings.TrimSpace(l[8:])
			continue
		}
		if hasPre(l, "Uptime for this control processor is ") {
			v.UptimeThisCP = strings.TrimPrefix(l, "Uptime for this control processor is ")
			continue
		}
		// "HOST uptime is ...", HOST without spaces or colons: the
		// " uptime is " must follow the first space (indexSpaced would
		// find no earlier one), so no search of the line is needed.
		if i := strings.IndexByte(l, ' '); i > 0 && hasPre(l[i+1:], "uptime is ") && strings.IndexByte(l[:i], ':') < 0 {
			v.Hostname, v.Uptime = l[:i], strings.TrimSpace(l[i+len(" uptime is "):])
			continue
		}
		if c == 'S' {
			if m := (scanM{}); matchReturned(l, &m) {
				v.ReturnedToROMBy, v.ReturnedToROMAt = m[1], m[2]
				continue
			}
			if m := (scanM{}); matchRestarted(l, &m) {
				v.SystemRestartedAt = m[1]
				continue
			}
			if hasPre(l, "System restarted by ") {
				continue
			}
			if m := (scanM{}); matchImageFile(l, &m) {
				v.SystemImage = m[1]
				continue
			}
		}
		if c == 'L' || c == 'R' || c == 'J' || c == 'N' || c == 'A' || c == 'I' {
			if rest, ok := cutLit(l, "Last reload reason:"); ok {
				v.LastReloadReason = strings.TrimSpace(rest)
				continue
			}
			if rest, ok := cutLit(l, "Last reset from "); ok {
				v.LastReloadReason = strings.TrimSpace(rest)
				continue
			}
			if rest, ok := cutLit(l, "Last reload type:"); ok {
				v.LastReloadType = strings.TrimSpace(rest)
				continue
			}
			if l == "Running default software" {
				v.RunningDefaultSoftware = ptr(true)
				continue
			}
			if m := (scanM{}); matchJawa(l, &m) {
				v.JawaRevision, v.SnowtrooperRevision = m[1], m[2]
				continue
			}
			if m := (scanM{}); matchLicLevelTy(l, &m) {
				v.LicenseLevel, v.LicenseType = m[1], m[2]
				continue
			}
			if rest, ok := cutLit(l, "License Level:"); ok {
				setNonEmpty(&v.LicenseLevel, rest)
				continue
			}
			if rest, ok := cutLit(l, "License Type:"); ok {
				setNonEmpty(&v.LicenseType, rest)
				continue
			}
			if rest, ok := cutLit(l, "Next reload license Level:"); ok {
				setNonEmpty(&v.NextReloadLicenseLevel, rest)
				continue
			}
			if rest, ok := cutLit(l, "Next reboot license Level:"); ok {
				setNonEmpty(&v.NextReloadLicenseLevel, rest)
				continue
			}
			if rest, ok := cutLit(l, "AIR License Level:"); ok {
				v.AIRLicenseLevel = strings.TrimSpace(rest)
				continue
			}
			if rest, ok := cutLit(l, "Next reload AIR license Level:"); ok {
				v.NextReloadAIRLicenseLevel = strings.TrimSpace(rest)
				continue
			}
			if hasPre(l, "Addon License") || hasPre(l, "Next reload addon") || hasPre(l, "License Mode:") {
				continue
			}
			if rest, ok := cutLit(l, "Router operating mode:"); ok {
				v.RouterOperatingMode = strings.TrimSpace(rest)
				continue
			}
			if rest, ok := cutLit(l, "Installation mode is"); ok {
				v.InstallationMode = strings.TrimSpace(rest)
				continue
			}
		}
		if m := (scanM{}); (c == 'C' || c == 'c' || c == 'A') && matchProcessor(l, &m) {
			v.Chassis, v.ProcessorType, v.MainMem = m[1], m[2], m[3]
			v.RtrType = rtrType(m[1])
			licTable, suiteMod = 0, ""
			continue
		}
		if m := (scanM{}); c == 'P' && matchBoardID(l, &m) {
			v.ChassisSN = m[1]
			continue
		}
		if m := (scanM{}); matchCPU(l, &m) {
			v.Processor = &ProcessorInfo{CPUType: m[1], Speed: m[2], Core: m[3], L2Cache: m[4], Supervisor: m[5]}
			continue
		}
		if m := (scanM{}); c == 'I' && matchImageBase(l, &m) {
			v.Image = &ImageBase{TextBase: m[1], DataBase: m[2]}
			continue
		}
		if m := (scanM{}); c == 'C' && matchConfReg(l, &m) {
			v.CurrConfigRegister, v.NextConfigRegister = m[1], m[2]
			continue
		}
		if indexRare(l, "/IEEE 802.3 interface", 0) >= 0 {
			n, _ := strconv.Atoi(l[:strings.IndexByte(l, ' ')])
			if v.Interfaces == nil {
				v.Interfaces = &InterfaceCounts{}
			}
			switch {
			case strings.Contains(l, "FastEthernet/"):
				v.Interfaces.FastEthernet = ptr(n)
			case strings.Contains(l, "Gigabit Ethernet/"):
				v.Interfaces.GigabitEthernet = ptr(n)
			}
			if *v.Interfaces == (InterfaceCounts{}) {
				v.Interfaces = nil
			}
			continue
		}
		digit := l[0] >= '0' && l[0] <= '9'
		// countLine and kbytesLine need a leading digit: test it first.
		if digit {
			if n, what, ok := countLine(l); ok {
				if v.NumberOfIntfs == nil {
					v.NumberOfIntfs = map[string]string{}
				}
				v.NumberOfIntfs[what] = n
				continue
			}
			if size, rest, ok := kbytesLine(l); ok {
				mem := strings.TrimSuffix(rest, ".")
				switch {
				case strings.HasPrefix(rest, "processor board System flash"):
					v.ProcessorBoardFlash = size + "K"
				case strings.HasSuffix(mem, "non-volatile configuration memory") || strings.HasSuffix(mem, "physical memory"):
					if v.MemSize == nil {
						v.MemSize = map[string]string{}
					}
					v.MemSize[strings.TrimSuffix(mem, " memory")] = size
				default:
					i := strings.LastIndex(rest, "at ")
					if i < 0 || strings.ContainsAny(rest[i+3:], " \t") || i > 0 && rest[i-1] != ' ' {
						un.Add(raw)
						continue
					}
					if v.Disks == nil {
						v.Disks = map[string]Disk{}
					}
					v.Disks[rest[i+3:]] = Disk{DiskSize: size, TypeOfDisk: strings.TrimSpace(rest[:i])}
				}
				continue
			}
		}
		if m := (scanM{}); c == 'S' && matchSwitchHdr(l, &m) {
			cur = sw(m[1])
			continue
		}
		if digit || l[0] == '*' {
			f := fieldsInto(fbuf[:0], strings.TrimPrefix(l, "*"))
			if len(f) == 6 && isDigits(f[0]) && isDigits(f[1]) {
				s := sw(f[0])
				s.Active = ptr(l[0] == '*')
				if l[0] == '*' {
					activeNum = f[0]
				}
				s.Ports, s.Model, s.SWVer, s.SWImage, s.Mode = f[1], f[2], f[3], f[4], f[5]
				continue
			}
		}
		// "Motherboard Serial Number          : FOC1932..." detail rows.
		if i := indexSpaced(l, ":"); i > 0 {
			key, val := strings.TrimSpace(l[:i]), strings.TrimSpace(strings.TrimPrefix(l[i+2:], " "))
			target := cur
			if target == nil {
				if top == nil {
					top = &SwitchInfo{}
				}
				target = top
			}
			if val == "" || setSwitchField(target, key, val) {
				continue
			}
		}
		if suiteMod != "" {
			f := strings.Fields(l)
			if len(f) == 4 {
				if v.Module == nil {
					v.Module = map[string]map[string]SuiteInfo{}
				}
				if v.Module[suiteMod] == nil {
					v.Module[suiteMod] = map[string]SuiteInfo{}
				}
				v.Module[suiteMod][f[0]] = SuiteInfo{SuiteCurrent: f[1], Type: f[2], SuiteNextReboot: f[3]}
				continue
			}
			if len(f) == 1 {
				if v.Module == nil {
					v.Module = map[string]map[string]SuiteInfo{}
				}
				if v.Module[suiteMod] == nil {
					v.Module[suiteMod] = map[string]SuiteInfo{}
				}
				v.Module[suiteMod][f[0]] = SuiteInfo{}
				continue
			}
		}
		if licTable == 5 && isLicenceRow5(l) {
			// A row of the Technology / Type / Current / Next Reboot
			// layout (IOS-XE 16.x-17.x): Genie's schema has no place for
			// it and its output drops it, so it is read and left out.
			continue
		}
		if licTable != 0 {
			if lp, name, ok := licenseRow(l, licTable); ok {
				if v.LicensePackage == nil {
					v.LicensePackage = map[string]LicensePackage{}
				}
				v.LicensePackage[name] = lp
				if licTable == 3 && !strings.Contains(raw, "\t") && len(strings.Fields(l)) == 3 {
					v.LicenseLevel, v.LicenseType, v.NextReloadLicenseLevel = lp.LicenseLevel, lp.LicenseType, lp.NextReloadLicenseLevel
				}
				continue
			}
		}
		if inBlurb || isBoilerplate(l) || matchClassicCount(l) || matchClassicKV(l) {
			continue
		}
		un.Add(raw)
	}
	if !found && v.Hostname == "" && v.Chassis == "" {
		return nil, un.Lines(), core.ErrEmpty
	}
	if top != nil && *top != (SwitchInfo{}) {
		n := activeNum
		if n == "" {
			n = strconv.Itoa(len(v.SwitchNum) + 1)
		}
		s := sw(n)
		mergeSwitch(s, top)
	}
	if activeNum != "" && v.UptimeThisCP != "" {
		if s := v.SwitchNum[activeNum]; s.Uptime == "" {
			s.Uptime = v.UptimeThisCP
		}
	}
	return res, un.Lines(), nil
}

// isBoilerplate recognises the export-law and GPL paragraphs and other
// informational lines that carry no data.
func isBoilerplate(l string) bool {
	if l == "" {
		return false
	}
	for _, p := range boilerplateByFirst[l[0]] {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

var boilerplate = []string{"This product contains", "States and local", "use.", "third-party", "Importers,", "compliance with", "agree to comply", "to comply with", "A summary of U.S.", "http://www.cisco.com/wwl", "If you require", "export@cisco.com", "The current", "The password-recovery", "Running Standard Image", "Bridging software", "X.25 software", "SuperLAT", "TN3270", "M860 processor", "(http://www.gnu.org"}

// boilerplateByFirst files the boilerplate prefixes under their first
// byte, so a line is compared with the few that can match.
var boilerplateByFirst = func() (t [256][]string) {
	for _, p := range boilerplate {
		t[p[0]] = append(t[p[0]], p)
	}
	return t
}()

func mergeSwitch(dst, src *SwitchInfo) {
	d := dst
	s := *src
	if s.Uptime != "" {
		d.Uptime = s.Uptime
	}
	for _, p := range []struct {
		d *string
		s string
	}{
		{&d.MACAddress, s.MACAddress}, {&d.MBAssemblyNum, s.MBAssemblyNum}, {&d.PowerSupplyPartNr, s.PowerSupplyPartNr},
		{&d.MBSN, s.MBSN}, {&d.PowerSupplySN, s.PowerSupplySN}, {&d.ModelRevNum, s.ModelRevNum}, {&d.MBRevNum, s.MBRevNum},
		{&d.ModelNum, s.ModelNum}, {&d.DBAssemblyNum, s.DBAssemblyNum}, {&d.DBSN, s.DBSN}, {&d.SystemSN, s.SystemSN},
		{&d.TopAssemblyPartNum, s.TopAssemblyPartNum}, {&d.TopAssemblyRevNum, s.TopAssemblyRevNum},
		{&d.SystemFPGAVersion, s.SystemFPGAVersion}, {&d.VersionID, s.VersionID}, {&d.CLEICodeNum, s.CLEICodeNum},
		{&d.DBRevNum, s.DBRevNum}, {&d.HBRevNum, s.HBRevNum},
	} {
		if p.s != "" {
			*p.d = p.s
		}
	}
}

// isLicenceRow5 reports whether l is a row of the Technology / Type /
// Current / Next Reboot licence table: four or more words of letters,
// digits, '-', '_' and '.', such as "network-advantage Smart License
// network-advantage network-advantage".
func isLicenceRow5(l string) bool {
	f := strings.Fields(l)
	if len(f) < 4 || isBoilerplate(l) {
		return false
	}
	for _, w := range f {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
				return false
			}
		}
	}
	return true
}

// licenseRow splits a technology-package table row.
func licenseRow(l string, cols int) (LicensePackage, string, bool) {
	if strings.Contains(l, "\t") {
		f := strings.Split(l, "\t")
		if len(f) == 3 {
			a, b, c := strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2])
			return LicensePackage{LicenseLevel: a, LicenseType: b, NextReloadLicenseLevel: c}, a, true
		}
	}
	switch cols {
	case 4:
		if m := (scanM{}); matchLicRow4(l, &m) {
			return LicensePackage{LicenseLevel: m[2], LicenseType: m[3], NextReloadLicenseLevel: m[4]}, m[1], true
		}
	case 5:
		return LicensePackage{}, "", false
	default:
		// Columns are separated by two or more spaces; the type may hold one.
		parts := splitWide(l)
		if len(parts) == 3 {
			return LicensePackage{LicenseLevel: parts[0], LicenseType: parts[1], NextReloadLicenseLevel: parts[2]}, parts[0], true
		}
	}
	return LicensePackage{}, "", false
}

// splitWide splits on runs of two or more spaces.
func splitWide(l string) []string {
	var out []string
	for _, p := range strings.Split(l, "  ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cutBuildLabel(s string) string {
	end := len(s)
	for i, c := range s {
		if c == ' ' || c == ':' || c == ']' || c == '-' {
			end = i
			break
		}
	}
	return s[:end]
}

func versionShort(v string) string {
	// The major part, the dot and the minor part's leading digits: a
	// prefix of v, so no string is built.
	i := strings.IndexByte(v, '.')
	if i < 0 {
		return v
	}
	j := i + 1
	for j < len(v) && v[j] >= '0' && v[j] <= '9' {
		j++
	}
	return v[:j]
}

// joinFields is strings.Join(strings.Fields(s), " "): s itself when it is
// printable ASCII words separated by single spaces, as it nearly always is.
func joinFields(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') || c != ' ' && (c < 0x21 || c > 0x7e) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

func rtrType(chassis string) string {
	switch {
	case strings.Contains(chassis, "C3850"), strings.Contains(chassis, "C3650"):
		return "Edison"
	case strings.Contains(chassis, "ASR1"):
		return "ASR1K"
	case strings.Contains(chassis, "CSR1000V"):
		return "CSR1000V"
	case strings.HasPrefix(chassis, "C11"):
		return "ISR"
	}
	return chassis
}

func init() {
	registerTyped("ShowVersion", []string{"show version"}, parseShowVersion)
}

// countLine reads "20 Gigabit Ethernet interfaces", "1 terminal line",
// "8 Channelized T1 ports".
func countLine(l string) (n, what string, ok bool) {
	i := strings.IndexByte(l, ' ')
	if i <= 0 || !isDigits(l[:i]) {
		return "", "", false
	}
	rest := strings.TrimLeft(l[i:], " ")
	for _, suf := range []string{" interfaces", " interface", " lines", " line", " ports", " port"} {
		if w, found := strings.CutSuffix(rest, suf); found {
			w = strings.TrimRight(w, " ")
			return l[:i], w, w != ""
		}
	}
	return "", "", false
}

// kbytesLine reads "NNNK bytes of REST".
func kbytesLine(l string) (size, rest string, ok bool) {
	i := strings.Index(l, "K bytes of ")
	if i <= 0 || !isDigits(l[:i]) {
		return "", "", false
	}
	return l[:i], l[i+len("K bytes of "):], true
}

// setNonEmpty sets *dst to s trimmed unless that is empty (a label
// printed without a value keeps what an earlier line gave).
func setNonEmpty(dst *string, s string) {
	if r := strings.TrimSpace(s); r != "" {
		*dst = r
	}
}
