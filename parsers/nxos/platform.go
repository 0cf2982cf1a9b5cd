package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowInventory is "show inventory" (Genie ShowInventory), keyed by NAME.
type ShowInventory struct {
	Name map[string]*InventoryItem `json:"name"`
}

// InventoryItem is one NAME/DESCR + PID/VID/SN pair.
type InventoryItem struct {
	Description  string `json:"description"`
	Slot         string `json:"slot"`
	PID          string `json:"pid,omitempty"`
	VID          string `json:"vid,omitempty"`
	SerialNumber string `json:"serial_number,omitempty"`
}

// ShowBoot is "show boot" (Genie ShowBoot).
type ShowBoot struct {
	CurrentBootVariable    BootVariables `json:"current_boot_variable"`
	NextReloadBootVariable BootVariables `json:"next_reload_boot_variable"`
}

// BootVariables is one of the two sections of show boot: per supervisor
// (sup-1, sup-2) on dual-supervisor chassis, or flat otherwise.
type BootVariables struct {
	SupNumber map[string]*BootVariable `json:"sup_number,omitempty"`
	BootVariable
}

// BootVariable holds the images one supervisor boots. NX-OS 9000 "NXOS
// variable" is reported as system_variable.
type BootVariable struct {
	KickstartVariable string `json:"kickstart_variable,omitempty"`
	SystemVariable    string `json:"system_variable,omitempty"`
	BootPOAP          string `json:"boot_poap,omitempty"`
}

// Dir is "dir [directory]" (Genie Dir).
type Dir struct {
	DiskUsedSpace  string              `json:"disk_used_space"`
	DiskFreeSpace  string              `json:"disk_free_space"`
	DiskTotalSpace string              `json:"disk_total_space"`
	Dir            string              `json:"dir"`
	Files          map[string]*DirFile `json:"files,omitempty"`
}

// DirFile is one file or directory (name ends in "/") of Dir.
type DirFile struct {
	Size string `json:"size"`
	Date string `json:"date"`
	Time string `json:"time"`
}

// ShowInstallActive is "show install active" (Genie ShowInstallActive).
type ShowInstallActive struct {
	BootImages     InstallBootImages                `json:"boot_images"`
	ActivePackages map[string]*InstallActivePackage `json:"active_packages,omitempty"`
}

// InstallBootImages are the kickstart and system images in use.
type InstallBootImages struct {
	KickstartImage string `json:"kickstart_image,omitempty"`
	SystemImage    string `json:"system_image,omitempty"`
}

// InstallActivePackage is keyed active_package_module_<n> (0 for the
// supervisor's "Active Packages:").
type InstallActivePackage struct {
	ActivePackageName string `json:"active_package_name,omitempty"`
}

// ShowRedundancyStatus is "show redundancy status" (Genie
// ShowRedundancyStatus and ShowSystemRedundancyStatus). Supervisors are
// keyed supervisor_<n> at the top level of the JSON, as in Genie.
type ShowRedundancyStatus struct {
	RedundancyMode       RedundancyMode              `json:"redundancy_mode"`
	SystemStartTime      string                      `json:"system_start_time,omitempty"`
	SystemUptime         string                      `json:"system_uptime,omitempty"`
	KernelUptime         string                      `json:"kernel_uptime,omitempty"`
	ActiveSupervisorTime string                      `json:"active_supervisor_time,omitempty"`
	Supervisors          map[string]*SupervisorState `json:"-"`
}

// RedundancyMode is the administrative and operational redundancy mode.
type RedundancyMode struct {
	Administrative string `json:"administrative"`
	Operational    string `json:"operational"`
}

// SupervisorState is one supervisor block of show redundancy status.
type SupervisorState struct {
	RedundancyState string `json:"redundancy_state"`
	SupervisorState string `json:"supervisor_state,omitempty"`
	InternalState   string `json:"internal_state,omitempty"`
}

// MarshalJSON puts the supervisors beside the fixed keys, as Genie does.
func (s ShowRedundancyStatus) MarshalJSON() ([]byte, error) { return s.AppendJSON(nil) }

// redundancyFixedKeys are ShowRedundancyStatus's own keys.
var redundancyFixedKeys = [...]string{"redundancy_mode", "system_start_time", "system_uptime", "kernel_uptime", "active_supervisor_time"}

// AppendJSON appends exactly what json.Marshal writes for s: without
// supervisors, the fields in struct order; with them, every key sorted as
// in a map, a supervisor replacing a fixed key of its name.
func (s ShowRedundancyStatus) AppendJSON(b []byte) ([]byte, error) {
	if len(s.Supervisors) == 0 {
		o := core.NewJSONObject(b)
		o.Key("redundancy_mode")
		o.B = s.RedundancyMode.appendJSON(o.B)
		o.Str("system_start_time", s.SystemStartTime)
		o.Str("system_uptime", s.SystemUptime)
		o.Str("kernel_uptime", s.KernelUptime)
		o.Str("active_supervisor_time", s.ActiveSupervisorTime)
		return o.End(), nil
	}
	keys := make([]string, 0, len(s.Supervisors)+len(redundancyFixedKeys))
	for k := range s.Supervisors {
		keys = append(keys, k)
	}
	for i, k := range redundancyFixedKeys {
		// omitempty strings are absent; redundancy_mode is always there
		if _, dup := s.Supervisors[k]; !dup && (i == 0 || s.fixedString(k) != "") {
			keys = append(keys, k)
		}
	}
	return core.AppendSortedObject(b, keys, func(b []byte, k string) ([]byte, error) {
		if sup, ok := s.Supervisors[k]; ok {
			return sup.appendJSON(b), nil
		}
		if k == "redundancy_mode" {
			return s.RedundancyMode.appendJSON(b), nil
		}
		return core.AppendJSONString(b, s.fixedString(k)), nil
	})
}

// fixedString returns the string field that has JSON key k.
func (s *ShowRedundancyStatus) fixedString(k string) string {
	switch k {
	case "system_start_time":
		return s.SystemStartTime
	case "system_uptime":
		return s.SystemUptime
	case "kernel_uptime":
		return s.KernelUptime
	case "active_supervisor_time":
		return s.ActiveSupervisorTime
	}
	return ""
}

// appendJSON appends what json.Marshal writes for m.
func (m *RedundancyMode) appendJSON(b []byte) []byte {
	b = append(b, `{"administrative":`...)
	b = core.AppendJSONString(b, m.Administrative)
	b = append(b, `,"operational":`...)
	b = core.AppendJSONString(b, m.Operational)
	return append(b, '}')
}

// appendJSON appends what json.Marshal writes for s (null when nil).
func (s *SupervisorState) appendJSON(b []byte) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"redundancy_state":`...)
	b = core.AppendJSONString(b, s.RedundancyState)
	if s.SupervisorState != "" {
		b = append(b, `,"supervisor_state":`...)
		b = core.AppendJSONString(b, s.SupervisorState)
	}
	if s.InternalState != "" {
		b = append(b, `,"internal_state":`...)
		b = core.AppendJSONString(b, s.InternalState)
	}
	return append(b, '}')
}

func init() {
	reg("ShowInventory", []string{"show inventory", "show inventory {option}"}, parseShowInventory)
	reg("ShowBoot", []string{"show boot"}, parseShowBoot)
	reg("Dir", []string{"dir", "dir {directory}"}, parseDir)
	reg("ShowInstallActive", []string{"show install active"}, parseShowInstallActive)
	reg("ShowRedundancyStatus", []string{"show redundancy status"}, parseShowRedundancyStatus)
	reg("ShowSystemRedundancyStatus", []string{"show system redundancy status", "show redundancy status"}, parseShowRedundancyStatus)
}

// ParseShowInventory parses "show inventory".
func ParseShowInventory(out string) (*ShowInventory, error) {
	return parse(out, nil, parseShowInventory)
}

// ParseShowBoot parses "show boot".
func ParseShowBoot(out string) (*ShowBoot, error) { return parse(out, nil, parseShowBoot) }

// ParseDir parses "dir" or "dir <directory>".
func ParseDir(out string) (*Dir, error) { return parse(out, nil, parseDir) }

// ParseShowInstallActive parses "show install active".
func ParseShowInstallActive(out string) (*ShowInstallActive, error) {
	return parse(out, nil, parseShowInstallActive)
}

// ParseShowRedundancyStatus parses "show redundancy status" and "show
// system redundancy status".
func ParseShowRedundancyStatus(out string) (*ShowRedundancyStatus, error) {
	return parse(out, nil, parseShowRedundancyStatus)
}

// inventorySlot derives Genie's slot value from an inventory NAME.
func inventorySlot(name string) string {
	if strings.HasPrefix(name, "FEX") {
		return "None"
	}
	i := strings.LastIndexByte(name, ' ')
	if i < 0 || !isInt(name[i+1:]) {
		return "None"
	}
	n := name[i+1:]
	switch name[:i] {
	case "Power Supply":
		return "PSU" + n
	case "Fan":
		return "FAN" + n
	case "Slot", "SAM":
		return n
	}
	return "None"
}

// quoted returns the text between the quotes after key ("NAME: \"x\"").
func quoted(line, key string) (string, bool) {
	i := strings.Index(line, key)
	if i < 0 {
		return "", false
	}
	rest := line[i+len(key):]
	a := strings.IndexByte(rest, '"')
	if a < 0 {
		return "", false
	}
	b := strings.IndexByte(rest[a+1:], '"')
	if b < 0 {
		return "", false
	}
	return rest[a+1 : a+1+b], true
}

func parseShowInventory(lines []string, _ core.Params, u *core.Unparsed) *ShowInventory {
	// An item per two lines at most (NAME then PID): the map is sized once
	// and the items come from one slab.
	r := &ShowInventory{Name: make(map[string]*InventoryItem, len(lines)/2+1)}
	var items slab[InventoryItem]
	items.reserve(len(lines)/2 + 1)
	var cur *InventoryItem
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		switch {
		case t == "" || isCommandEcho(t):
		case strings.HasPrefix(t, "NAME:"):
			name, ok1 := quoted(t, "NAME:")
			descr, ok2 := quoted(t, "DESCR:")
			if !ok1 || !ok2 {
				u.Add(raw)
				cur = nil
				continue
			}
			cur = items.new(InventoryItem{Description: descr, Slot: inventorySlot(name)})
			r.Name[name] = cur
		case strings.HasPrefix(t, "PID:") && cur != nil:
			// The comma-separated parts, as strings.Split gives them,
			// without building the slice.
			for rest, more := t, true; more; {
				var part string
				part, rest, more = strings.Cut(rest, ",")
				k, v, _ := strings.Cut(part, ":")
				v = strings.TrimSpace(v)
				if v == "" {
					continue
				}
				switch strings.TrimSpace(k) {
				case "PID":
					cur.PID = v
				case "VID":
					cur.VID = v
				case "SN":
					cur.SerialNumber = v
				}
			}
		default:
			u.Add(raw)
		}
	}
	if len(r.Name) == 0 {
		return nil
	}
	return r
}

func parseShowBoot(lines []string, _ core.Params, u *core.Unparsed) *ShowBoot {
	r := &ShowBoot{}
	var sec *BootVariables
	var cur *BootVariable
	found := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		switch {
		case t == "":
		case strings.HasPrefix(t, "Current Boot Variables"):
			sec, cur = &r.CurrentBootVariable, &r.CurrentBootVariable.BootVariable
		case strings.HasPrefix(t, "Boot Variables on next reload"):
			sec, cur = &r.NextReloadBootVariable, &r.NextReloadBootVariable.BootVariable
		case sec != nil && strings.HasPrefix(t, "sup-") && !strings.Contains(t, " "):
			if sec.SupNumber == nil {
				sec.SupNumber = map[string]*BootVariable{}
			}
			cur = &BootVariable{}
			sec.SupNumber[t] = cur
		case cur != nil && strings.Contains(t, " variable = "):
			k, v, _ := strings.Cut(t, " variable = ")
			switch strings.ToLower(k) {
			case "kickstart":
				cur.KickstartVariable = strings.TrimSpace(v)
			case "system", "nxos":
				cur.SystemVariable = strings.TrimSpace(v)
			default:
				u.Add(raw)
				continue
			}
			found = true
		case cur != nil && strings.HasPrefix(t, "Boot POAP "):
			cur.BootPOAP = strings.TrimSpace(strings.TrimPrefix(t, "Boot POAP "))
			found = true
		case strings.HasPrefix(t, "No module boot variable set"):
		default:
			u.Add(raw)
		}
	}
	if !found {
		return nil
	}
	return r
}

// isMonth reports a three-letter month name (a switch, not a map: no
// hashing per file line).
func isMonth(s string) bool {
	switch s {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

func parseDir(lines []string, p core.Params, u *core.Unparsed) *Dir {
	var fb fieldBuf
	var files slab[DirFile]
	// The dates ("Nov 27 2026", from three fields around the time) are
	// written back to back and cut from one string at the end, instead of
	// a string each; dateEnds[i] ends the date of the i-th slab entry.
	var dates []byte
	var dateEnds []int
	r := &Dir{}
	found := false
	for _, raw := range lines {
		t := trimSpace(raw)
		if t == "" {
			continue
		}
		f := fb.split(t)
		switch {
		case len(f) >= 6 && isInt(f[0]) && isMonth(f[1]) && strings.Count(f[3], ":") == 2 && isInt(f[4]):
			if r.Files == nil {
				// Sized once (a file per line at most) and the entries
				// carved from one slab: no rehash, no allocation per file.
				r.Files = make(map[string]*DirFile, len(lines))
				files.reserve(len(lines))
				dates = make([]byte, 0, 12*len(lines))
				dateEnds = make([]int, 0, len(lines))
			}
			name := strings.TrimSpace(t[strings.Index(t, f[4])+len(f[4]):])
			dates = append(append(append(append(append(dates, f[1]...), ' '), f[2]...), ' '), f[4]...)
			dateEnds = append(dateEnds, len(dates))
			r.Files[name] = files.new(DirFile{Size: f[0], Time: f[3]})
		case strings.HasPrefix(t, "Usage for "):
			d := strings.TrimSpace(strings.TrimPrefix(t, "Usage for "))
			r.Dir = strings.TrimSuffix(d, "//")
			found = true
		case len(f) == 3 && isInt(f[0]) && f[1] == "bytes":
			switch f[2] {
			case "used":
				r.DiskUsedSpace = f[0]
			case "free":
				r.DiskFreeSpace = f[0]
			case "total":
				r.DiskTotalSpace = f[0]
			default:
				u.Add(raw)
			}
			found = true
		default:
			u.Add(raw)
		}
	}
	if len(dateEnds) > 0 {
		// One chunk holds every entry, in the order of dateEnds.
		all, start := string(dates), 0
		for i, end := range dateEnds {
			files.buf[i].Date = all[start:end]
			start = end
		}
	}
	if !found && r.Files == nil {
		return nil
	}
	if r.Dir == "" {
		r.Dir = p["directory"]
	}
	return r
}

func parseShowInstallActive(lines []string, _ core.Params, u *core.Unparsed) *ShowInstallActive {
	r := &ShowInstallActive{}
	found := false
	module := ""
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		switch {
		case t == "":
		case t == "Boot Images:" || t == "Boot Image:":
			found = true
		case strings.HasPrefix(t, "NXOS Image:"):
			// N9K single image, reported as the system image.
			r.BootImages.SystemImage = cutAfter(t, ":")
			found = true
		case strings.HasPrefix(t, "Kickstart Image:"):
			r.BootImages.KickstartImage = cutAfter(t, ":")
			found = true
		case strings.HasPrefix(t, "System Image:"):
			r.BootImages.SystemImage = cutAfter(t, ":")
			found = true
		case t == "Active Packages:":
			module = "0"
			found = true
		case strings.HasPrefix(t, "Active Packages on Module #"):
			module = strings.TrimSuffix(strings.TrimPrefix(t, "Active Packages on Module #"), ":")
			found = true
		case module != "" && !strings.Contains(t, " "):
			if r.ActivePackages == nil {
				r.ActivePackages = map[string]*InstallActivePackage{}
			}
			r.ActivePackages["active_package_module_"+module] = &InstallActivePackage{ActivePackageName: t}
		default:
			u.Add(raw)
		}
	}
	if !found {
		return nil
	}
	return r
}

func parseShowRedundancyStatus(lines []string, _ core.Params, u *core.Unparsed) *ShowRedundancyStatus {
	r := &ShowRedundancyStatus{}
	var sup *SupervisorState
	found := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isSeparator(t) || t == "Redundancy mode" {
			continue
		}
		if strings.HasPrefix(t, "This supervisor (") || strings.HasPrefix(t, "Other supervisor (") {
			n := t[strings.IndexByte(t, '(')+1:]
			n = strings.TrimSuffix(strings.TrimPrefix(n, "sup-"), ")")
			sup = &SupervisorState{}
			if r.Supervisors == nil {
				r.Supervisors = map[string]*SupervisorState{}
			}
			r.Supervisors["supervisor_"+n] = sup
			found = true
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			u.Add(raw)
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "administrative":
			r.RedundancyMode.Administrative = v
		case "operational":
			r.RedundancyMode.Operational = v
		case "Redundancy state":
			if sup == nil {
				u.Add(raw)
				continue
			}
			sup.RedundancyState = v
		case "Supervisor state":
			if sup == nil {
				u.Add(raw)
				continue
			}
			sup.SupervisorState = v
		case "Internal state":
			if sup == nil {
				u.Add(raw)
				continue
			}
			sup.InternalState = v
		case "System start time":
			r.SystemStartTime = v
		case "System uptime":
			r.SystemUptime = v
		case "Kernel uptime":
			r.KernelUptime = v
		case "Active supervisor uptime":
			r.ActiveSupervisorTime = v
		default:
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
