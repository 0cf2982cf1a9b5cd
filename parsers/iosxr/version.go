package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowVersion is the parsed output of "show version".
type ShowVersion struct {
	OperatingSystem      string `json:"operating_system"`
	SoftwareVersion      string `json:"software_version"`
	Uptime               string `json:"uptime"`
	Image                string `json:"image,omitempty"`
	DeviceFamily         string `json:"device_family,omitempty"`
	Processor            string `json:"processor,omitempty"`
	ProcessorMemoryBytes string `json:"processor_memory_bytes,omitempty"`
	ChassisDetail        string `json:"chassis_detail,omitempty"`
	ConfigRegister       string `json:"config_register,omitempty"`
	RPConfigRegister     string `json:"rp_config_register,omitempty"`
	MainMem              string `json:"main_mem,omitempty"`
	BuiltBy              string `json:"built_by,omitempty"`
	BuiltOn              string `json:"built_on,omitempty"`
	BuiltHost            string `json:"built_host,omitempty"`
}

func init() {
	register(core.Entry{
		Class:    "ShowVersion",
		Commands: []string{"show version"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowVersion(out))
		},
	})
}

// ParseShowVersion parses "show version" (IOS-XR 6 and the 7.x "Build
// Information" layout).
func ParseShowVersion(out string) (*ShowVersion, error) {
	r, _, err := parseShowVersion(out)
	return r, err
}

// versionIgnored are lines Genie does not report.
var versionIgnored = []string{
	"Copyright (c)", "ROM:", "Boot device on node", "Package active on node", "Workspace", "Version  ",
	"Version :", "Location", "Label", "Build Information:", "Build File", "cisco ",
}

func parseShowVersion(out string) (*ShowVersion, []string, error) {
	var un core.Unparsed
	v := &ShowVersion{}
	found := false
	inPackages := false
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		// The package list that ends the output is not reported; skip it
		// cheaply, except the next node's configuration register.
		if inPackages && !strings.HasPrefix(t, "Configuration register on node ") {
			continue
		}
		switch {
		case strings.HasPrefix(t, "Cisco IOS XR Software, Version "):
			ver := strings.TrimSpace(t[len("Cisco IOS XR Software, Version "):])
			if i := strings.IndexByte(ver, '['); i >= 0 {
				ver = ver[:i]
			}
			var fb [16]string
			if f := fieldsInto(fb[:0], ver); len(f) > 0 {
				ver = f[0]
			}
			v.OperatingSystem, v.SoftwareVersion = "IOSXR", ver
			found = true
		case strings.Contains(t, " uptime is "):
			_, up, _ := strings.Cut(t, " uptime is ")
			v.Uptime = strings.TrimSpace(up)
			found = true
		case strings.HasPrefix(t, `System image file is "`):
			v.Image = strings.TrimSuffix(t[len(`System image file is "`):], `"`)
		case strings.HasPrefix(t, "cisco ") && strings.Contains(t, " processor"):
			// cisco ASR9K Series (Intel 686 F6M14S4) processor with 6291456K bytes of memory.
			body := t[len("cisco "):]
			if i := strings.Index(body, " ("); i >= 0 {
				v.DeviceFamily = body[:i]
				if j := strings.Index(body[i:], ") processor"); j >= 0 {
					v.Processor = body[i+2 : i+j]
				}
			} else if i := strings.Index(body, " processor"); i >= 0 {
				v.DeviceFamily = body[:i]
			}
			if _, mem, ok := strings.Cut(t, " processor with "); ok {
				var fb [16]string
				if f := fieldsInto(fb[:0], mem); len(f) > 0 {
					v.ProcessorMemoryBytes = f[0]
				}
				v.MainMem = t
			}
		case strings.HasPrefix(t, "Configuration register on node "):
			if _, reg, ok := strings.Cut(t, " is "); ok {
				v.ConfigRegister = strings.TrimSpace(reg)
				v.RPConfigRegister = v.ConfigRegister
			}
		case strings.Contains(t, "Chassis") && !inPackages:
			v.ChassisDetail = t
		case strings.HasPrefix(t, "Built By"):
			v.BuiltBy = afterColon(t)
		case strings.HasPrefix(t, "Built On"):
			v.BuiltOn = afterColon(t)
		case strings.HasPrefix(t, "Built Host"):
			v.BuiltHost = afterColon(t)
		case strings.Contains(t, " processor at "), strings.Contains(t, "bytes of "),
			strings.Contains(t, " Ethernet"), isCountLine(t):
			// hardware inventory lines: "2 Management Ethernet", "54 TenGigE"
		default:
			if strings.HasPrefix(line, "Package active on node") || strings.HasPrefix(t, "Boot device on node") {
				inPackages = true
				continue
			}
			ignored := false
			for _, p := range versionIgnored {
				// The first byte rules most out without a compare call.
				if p[0] == t[0] && strings.HasPrefix(t, p) {
					ignored = true
					break
				}
			}
			if ignored || isIgnorable(t) || inPackages {
				continue
			}
			un.Add(line)
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return v, un.Lines(), nil
}

// isCountLine reports interface count lines ("54 TenGigE", "59 DWDM controller(s)").
func isCountLine(t string) bool {
	var fb [2]string
	f := fieldsIntoN(fb[:0], t, 2)
	return len(f) >= 2 && isDigits(f[0])
}

func afterColon(t string) string {
	_, v, _ := strings.Cut(t, ":")
	return strings.TrimSpace(v)
}
