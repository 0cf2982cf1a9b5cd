package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowModule is "show module" (Genie ShowModule): supervisors (rp) and
// other modules (lc) by slot and module type, fabric modules of NX-OS 7000
// (xbar) and service modules inside a slot (sam, by slot and DPU number).
type ShowModule struct {
	Slot ModuleSlots                       `json:"slot"`
	Xbar map[string]*ModuleUnit            `json:"xbar,omitempty"`
	Lem  map[string]*ModuleUnit            `json:"lem,omitempty"`
	SAM  map[string]map[string]*ModuleUnit `json:"sam,omitempty"`
}

// ModuleSlots splits modules into supervisors and the rest, by slot.
type ModuleSlots struct {
	RP map[string]SlotModule `json:"rp"`
	LC map[string]SlotModule `json:"lc,omitempty"`
}

// SlotModule is the module in a slot, which Genie keys by its module type
// ({"<module type>": {...}}). A slot holds one module: a pair instead of
// a one-entry map saves a map (two allocations) per module.
type SlotModule struct {
	ModuleType string
	*ModuleInfo
}

// MarshalJSON writes {"<module type>": <the module>}.
func (m SlotModule) MarshalJSON() ([]byte, error) { return m.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the one-entry
// map map[string]*ModuleInfo{m.ModuleType: m.ModuleInfo}.
func (m SlotModule) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	b = core.AppendJSONString(b, m.ModuleType)
	b = append(b, ':')
	if i := m.ModuleInfo; i == nil {
		b = append(b, "null"...)
	} else {
		o := core.NewJSONObject(b)
		o.Str("ports", i.Ports)
		o.String("slot", i.Slot)
		o.Str("model", i.Model)
		o.Str("status", i.Status)
		o.Str("software", i.Software)
		o.Str("hardware", i.Hardware)
		o.Str("mac_address", i.MACAddress)
		o.Str("serial_number", i.SerialNumber)
		o.Str("online_diag_status", i.OnlineDiagStatus)
		o.Str("slot/world_wide_name", i.SlotWWN)
		b = o.End()
	}
	return append(b, '}'), nil
}

// ModuleInfo is one module of ModuleSlots, keyed by its module type.
type ModuleInfo struct {
	Ports            string `json:"ports,omitempty"`
	Slot             string `json:"slot"`
	Model            string `json:"model,omitempty"`
	Status           string `json:"status,omitempty"`
	Software         string `json:"software,omitempty"`
	Hardware         string `json:"hardware,omitempty"`
	MACAddress       string `json:"mac_address,omitempty"`
	SerialNumber     string `json:"serial_number,omitempty"`
	OnlineDiagStatus string `json:"online_diag_status,omitempty"`
	SlotWWN          string `json:"slot/world_wide_name,omitempty"`
}

// ModuleUnit is an xbar, lem or sam entry (its module type is a field).
type ModuleUnit struct {
	Ports            string `json:"ports,omitempty"`
	Slot             string `json:"slot,omitempty"`
	ModuleType       string `json:"module_type,omitempty"`
	Model            string `json:"model,omitempty"`
	Status           string `json:"status,omitempty"`
	Software         string `json:"software,omitempty"`
	Hardware         string `json:"hardware,omitempty"`
	MACAddress       string `json:"mac_address,omitempty"`
	SerialNumber     string `json:"serial_number,omitempty"`
	OnlineDiagStatus string `json:"online_diag_status,omitempty"`
	SlotWWN          string `json:"slot/world_wide_name,omitempty"`
}

func init() {
	reg("ShowModule", []string{"show module"}, parseShowModule)
}

// ParseShowModule parses "show module".
func ParseShowModule(out string) (*ShowModule, error) {
	return parse(out, nil, parseShowModule)
}

type tok struct {
	s          string
	start, end int
}

// appendTokens appends the fields of line with their byte positions.
func appendTokens(out []tok, line string) []tok {
	i := 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i == len(line) {
			return out
		}
		j := i + 1
		for j < len(line) && line[j] != ' ' && line[j] != '\t' {
			j++
		}
		out = append(out, tok{line[i:j], i, j})
		i = j
	}
}

// joinToks returns the original text spanning toks (inner spacing kept).
func joinToks(line string, toks []tok) string {
	if len(toks) == 0 {
		return ""
	}
	return line[toks[0].start:toks[len(toks)-1].end]
}

type moduleTable int

const (
	mtNone moduleTable = iota
	mtModules
	mtSw
	mtMAC
	mtDiag
	mtSAMModules
	mtSAMSw
)

func isSupervisor(moduleType string) bool {
	return strings.Contains(moduleType, "Supervisor") || strings.Contains(moduleType, "Sup-") ||
		strings.HasSuffix(moduleType, " Sup")
}

func parseShowModule(lines []string, _ core.Params, u *core.Unparsed) *ShowModule {
	var tb tokBuf
	var infos slab[ModuleInfo]
	var units slab[ModuleUnit]
	r := &ShowModule{Slot: ModuleSlots{RP: map[string]SlotModule{}}}
	slots := map[string]*ModuleInfo{} // slot -> entry, for the later tables
	var (
		table     moduleTable
		kind      string // "slot", "xbar", "lem"
		modelCol  = -1   // start of the Model column, from the dashes
		expectSep bool
		found     bool
	)
	unit := func(slot string) *ModuleUnit {
		m := r.Xbar
		if kind == "lem" {
			m = r.Lem
		}
		if m == nil {
			return nil
		}
		return m[slot]
	}
	for _, raw := range lines {
		line := trimRightBlank(raw)
		t, off := trimSpaceAt(line)
		if t == "" {
			continue
		}
		// Separator lines first, before any tokenising (a separator is
		// never a header): only the one under a module table is split,
		// for the start of its Model column.
		if isSeparator(t) {
			if expectSep && (table == mtModules || table == mtSAMModules) {
				sp := tb.split(line)
				if idx := len(sp) - 2; idx >= 2 {
					modelCol = sp[idx].start
				}
			}
			expectSep = false
			continue
		}
		// One tokenisation per line serves the header test and the rows:
		// the fields of t, with positions in line for the column checks.
		tk := tb.splitIn(line, off, off+len(t))
		// TrimSpace trims more than blanks (\f, \v, Unicode spaces): then
		// the fields of line differ from those of t, and the column checks
		// and rows below read the fields of line, as they always have.
		lineToks := func() []tok {
			if off+len(t) == len(line) && isBlanks(line[:off]) {
				return tk
			}
			return tb.split(line)
		}
		first := tk[0].s
		// Header lines.
		if first == "Mod" || first == "Xbar" || first == "LFM" || first == "Lem" || first == "LEM" {
			if len(tk) > 1 && !isInt(tk[1].s) {
				kind = "slot"
				switch first {
				case "Xbar":
					kind = "xbar"
				case "Lem", "LEM":
					kind = "lem"
				}
				sam := tk[1].s == "DPU" || tk[1].s == "SAM"
				switch {
				case strings.Contains(t, "Module-Type") && sam:
					table = mtSAMModules
				case strings.Contains(t, "Module-Type"):
					table = mtModules
				case strings.Contains(t, " Sw") && sam:
					table = mtSAMSw
				case strings.Contains(t, " Sw"):
					table = mtSw
				case strings.Contains(t, "MAC-Address"):
					table = mtMAC
				case strings.Contains(t, "Online Diag Status"):
					table = mtDiag
				default:
					table = mtNone
					u.Add(raw)
				}
				modelCol = -1
				expectSep = true
				continue
			}
		}
		expectSep = false
		if strings.HasSuffix(t, "this terminal session") || isCommandEcho(t) {
			continue
		}
		if table == mtNone || !isInt(first) {
			u.Add(raw)
			continue
		}
		tk = lineToks()
		switch table {
		case mtModules:
			if len(tk) < 4 {
				u.Add(raw)
				continue
			}
			slot, ports := tk[0].s, tk[1].s
			rest := tk[2:]
			if rest[len(rest)-1].s == "*" {
				rest = rest[:len(rest)-1]
			}
			if len(rest) < 2 {
				u.Add(raw)
				continue
			}
			status := rest[len(rest)-1].s
			rest = rest[:len(rest)-1]
			model := ""
			if m := rest[len(rest)-1]; len(rest) > 1 && (modelCol < 0 || m.start >= modelCol-2) {
				model = m.s
				rest = rest[:len(rest)-1]
			}
			mtype := joinToks(line, rest)
			found = true
			switch kind {
			case "xbar", "lem":
				e := units.new(ModuleUnit{Ports: ports, Slot: slot, ModuleType: mtype, Model: model, Status: status})
				if kind == "xbar" {
					if r.Xbar == nil {
						r.Xbar = map[string]*ModuleUnit{}
					}
					r.Xbar[slot] = e
				} else {
					if r.Lem == nil {
						r.Lem = map[string]*ModuleUnit{}
					}
					r.Lem[slot] = e
				}
			default:
				e := infos.new(ModuleInfo{Ports: ports, Slot: slot, Model: model, Status: status})
				group := r.Slot.LC
				if isSupervisor(mtype) {
					group = r.Slot.RP
				} else if group == nil {
					r.Slot.LC = map[string]SlotModule{}
					group = r.Slot.LC
				}
				group[slot] = SlotModule{mtype, e}
				slots[slot] = e
			}
		case mtSw:
			if len(tk) < 3 {
				u.Add(raw)
				continue
			}
			wwn := joinToks(line, tk[3:])
			if e := slots[tk[0].s]; kind == "slot" && e != nil {
				e.Software, e.Hardware, e.SlotWWN = tk[1].s, tk[2].s, wwn
			} else if x := unit(tk[0].s); x != nil {
				x.Software, x.Hardware = tk[1].s, tk[2].s
				if kind == "lem" {
					x.SlotWWN = wwn
				}
			} else {
				u.Add(raw)
			}
		case mtMAC:
			if len(tk) < 3 {
				u.Add(raw)
				continue
			}
			mac, serial := joinToks(line, tk[1:len(tk)-1]), tk[len(tk)-1].s
			if e := slots[tk[0].s]; kind == "slot" && e != nil {
				e.MACAddress, e.SerialNumber = mac, serial
			} else if x := unit(tk[0].s); x != nil {
				x.MACAddress, x.SerialNumber = mac, serial
			} else {
				u.Add(raw)
			}
		case mtDiag:
			if len(tk) < 2 {
				u.Add(raw)
				continue
			}
			if e := slots[tk[0].s]; kind == "slot" && e != nil {
				e.OnlineDiagStatus = joinToks(line, tk[1:])
			} else if x := unit(tk[0].s); x != nil {
				x.OnlineDiagStatus = joinToks(line, tk[1:])
			} else {
				u.Add(raw)
			}
		case mtSAMModules:
			if len(tk) < 4 || !isInt(tk[1].s) {
				u.Add(raw)
				continue
			}
			rest := tk[2:]
			status := rest[len(rest)-1].s
			rest = rest[:len(rest)-1]
			model := ""
			if m := rest[len(rest)-1]; len(rest) > 1 && (modelCol < 0 || m.start >= modelCol-2) {
				model = m.s
				rest = rest[:len(rest)-1]
			}
			if r.SAM == nil {
				r.SAM = map[string]map[string]*ModuleUnit{}
			}
			if r.SAM[tk[0].s] == nil {
				r.SAM[tk[0].s] = map[string]*ModuleUnit{}
			}
			r.SAM[tk[0].s][tk[1].s] = units.new(ModuleUnit{ModuleType: joinToks(line, rest), Model: model, Status: status})
			found = true
		case mtSAMSw:
			var x *ModuleUnit
			if len(tk) >= 5 && r.SAM[tk[0].s] != nil {
				x = r.SAM[tk[0].s][tk[1].s]
			}
			if x == nil {
				u.Add(raw)
				continue
			}
			x.Software = tk[2].s
			x.SerialNumber = tk[len(tk)-2].s
			x.OnlineDiagStatus = tk[len(tk)-1].s
			if len(tk) >= 6 {
				x.Hardware = tk[3].s
			}
		}
	}
	if !found {
		return nil
	}
	return r
}
