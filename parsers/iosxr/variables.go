package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowVariablesBoot is the parsed output of "show variables boot": the
// kernel command line of the RP.
type ShowVariablesBoot struct {
	BootVariables BootVariables `json:"boot_variables"`
}

// BootVariables are the known keys of the boot line. Words without "="
// belong to the previous value ("vmtype=xr-vm quiet virtvm").
type BootVariables struct {
	Root               string  `json:"root"`
	Platform           string  `json:"platform"`
	BoardType          string  `json:"boardtype"`
	CardType           string  `json:"cardtype"`
	IPUType            string  `json:"iputype"`
	VMType             string  `json:"vmtype"`
	BigPhysArea        string  `json:"bigphysarea"`
	ChassisType        string  `json:"chassis_type"`
	IntelIdleMaxCstate int     `json:"intel_idle_max_cstate"`
	ProcessorMaxCstate int     `json:"processor_max_cstate"`
	ChassisSerial      string  `json:"chassis_serial"`
	ChassisPID         string  `json:"chassis_pid"`
	PrimaryConsole     string  `json:"primary_console"`
	SecondaryConsole   string  `json:"secondary_console,omitempty"`
	Prod               int     `json:"prod"`
	PCI                BootPCI `json:"pci"`
}

// BootPCI is "pci=hpmemsize=0M,hpiosize=0M".
type BootPCI struct {
	HPMemSize string `json:"hpmemsize"`
	HPIOSize  string `json:"hpiosize"`
}

func init() {
	register(core.Entry{
		Class:    "ShowVariablesBoot",
		Commands: []string{"show variables boot"},
		Parse: func(out string, _ core.Params) (any, []string, error) {
			return result(parseShowVariablesBoot(out))
		},
	})
}

// ParseShowVariablesBoot parses "show variables boot".
func ParseShowVariablesBoot(out string) (*ShowVariablesBoot, error) {
	r, _, err := parseShowVariablesBoot(out)
	return r, err
}

func parseShowVariablesBoot(out string) (*ShowVariablesBoot, []string, error) {
	var un core.Unparsed
	res := &ShowVariablesBoot{}
	b := &res.BootVariables
	found := false
	for line := range lines(out) {
		t := strings.TrimSpace(line)
		if t == "" || isIgnorable(t) {
			continue
		}
		if !strings.Contains(t, "=") {
			un.Add(line)
			continue
		}
		// Pair up key=value words; bare words extend the previous value.
		var kb, vb [32]string
		keys, vals := kb[:0], vb[:0]
		// A value extended by words one space apart is a substring of t
		// ("xr-vm quiet virtvm"): take it as such instead of
		// concatenating. valAt is where the last value starts in t, or -1
		// once it is a concatenation.
		valAt := -1
		tabs := strings.IndexByte(t, '\t') >= 0
		for next := 0; ; {
			i, j := nextWord(t, next, tabs)
			if i == j {
				break
			}
			w := t[i:j]
			eq := strings.IndexByte(w, '=')
			if eq < 0 {
				if n := len(vals); n > 0 {
					if valAt >= 0 && valAt+len(vals[n-1])+1 == i && t[i-1] == ' ' {
						vals[n-1] = t[valAt:j]
					} else {
						vals[n-1] += " " + w
						valAt = -1
					}
				}
				next = j
				continue
			}
			keys = append(keys, w[:eq])
			vals = append(vals, w[eq+1:])
			valAt = i + eq + 1
			next = j
		}
		lineOK := false
		for i, k := range keys {
			v := vals[i]
			if v != "" && (v[0] == '"' || v[len(v)-1] == '"') {
				v = strings.Trim(v, `"`)
			}
			lineOK = true
			switch k {
			case "root":
				b.Root = v
			case "platform":
				b.Platform = v
			case "boardtype":
				b.BoardType = v
			case "cardtype":
				b.CardType = v
			case "iputype":
				b.IPUType = v
			case "vmtype":
				b.VMType = v
			case "bigphysarea":
				b.BigPhysArea = v
			case "chassis_type":
				b.ChassisType = v
			case "intel_idle.max_cstate":
				b.IntelIdleMaxCstate, _ = atoi(v)
			case "processor.max_cstate":
				b.ProcessorMaxCstate, _ = atoi(v)
			case "chassis_serial":
				b.ChassisSerial = v
			case "chassis_pid":
				b.ChassisPID = v
			case "console":
				if b.PrimaryConsole == "" {
					b.PrimaryConsole = v
				} else {
					b.SecondaryConsole = v
				}
			case "prod":
				b.Prod, _ = atoi(v)
			case "pci":
				for rest, more := v, true; more; {
					var kv string
					kv, rest, more = strings.Cut(rest, ",")
					pk, pv, _ := strings.Cut(kv, "=")
					switch pk {
					case "hpmemsize":
						b.PCI.HPMemSize = pv
					case "hpiosize":
						b.PCI.HPIOSize = pv
					}
				}
			}
		}
		if lineOK {
			found = true
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}
