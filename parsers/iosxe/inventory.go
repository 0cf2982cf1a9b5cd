package iosxe

import (
	"errors"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowInventory is the result of "show inventory" (Genie ShowInventory):
// chassis and interface-like entries under Main, modules under Slot.
type ShowInventory struct {
	Main *InventoryMain            `json:"main,omitempty"`
	Slot map[string]*InventorySlot `json:"slot,omitempty"`
}

// InventoryMain holds entries not tied to a slot, keyed by name then PID
// (Genie keys the chassis as "chassis").
type InventoryMain struct {
	SWStack bool
	Items   map[string]map[string]InventoryItem
}

// MarshalJSON flattens Items beside the swstack flag as Genie does.
func (m InventoryMain) MarshalJSON() ([]byte, error) { return m.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map Genie
// has: the items by name and, when set, "swstack": true (replacing an item
// of that name), sorted.
func (m InventoryMain) AppendJSON(b []byte) ([]byte, error) {
	keys := make([]string, 0, len(m.Items)+1)
	for k := range m.Items {
		if !(m.SWStack && k == "swstack") {
			keys = append(keys, k)
		}
	}
	if m.SWStack {
		keys = append(keys, "swstack")
	}
	return core.AppendSortedObject(b, keys, func(b []byte, k string) ([]byte, error) {
		if m.SWStack && k == "swstack" {
			return append(b, "true"...), nil
		}
		return appendInventoryItems(b, m.Items[k], 0)
	})
}

// maxInventoryDepth bounds the subslot nesting appendInventoryItems
// follows: the parser builds one level, and a hand-built cycle must give
// an error (as json.Marshal's cycle check does) rather than exhaust the
// stack.
const maxInventoryDepth = 1000

// appendInventoryItems appends what json.Marshal writes for items (null
// when nil, sorted by PID) at subslot depth depth.
func appendInventoryItems(b []byte, items map[string]InventoryItem, depth int) ([]byte, error) {
	if items == nil {
		return append(b, "null"...), nil
	}
	if depth > maxInventoryDepth {
		return nil, errors.New("json: inventory subslots nested too deep (a cycle?)")
	}
	keys := make([]string, 0, len(items))
	for k := range items {
		keys = append(keys, k)
	}
	return core.AppendSortedObject(b, keys, func(b []byte, k string) ([]byte, error) {
		it := items[k]
		return it.appendJSON(b, depth)
	})
}

// appendJSON appends what json.Marshal writes for it.
func (it *InventoryItem) appendJSON(b []byte, depth int) ([]byte, error) {
	o := core.NewJSONObject(b)
	optStr := func(k string, v *string) {
		if v != nil {
			o.String(k, *v)
		}
	}
	optStr("name", it.Name)
	optStr("descr", it.Descr)
	optStr("pid", it.PID)
	optStr("vid", it.VID)
	optStr("sn", it.SN)
	if len(it.Subslot) > 0 {
		o.Key("subslot")
		keys := make([]string, 0, len(it.Subslot))
		for k := range it.Subslot {
			keys = append(keys, k)
		}
		var err error
		o.B, err = core.AppendSortedObject(o.B, keys, func(b []byte, k string) ([]byte, error) {
			return appendInventoryItems(b, it.Subslot[k], depth+1)
		})
		if err != nil {
			return nil, err
		}
	}
	return o.End(), nil
}

// InventorySlot groups a slot's entries by role: route processor, line
// card or other, each keyed by PID.
type InventorySlot struct {
	RP    map[string]*InventoryItem `json:"rp,omitempty"`
	LC    map[string]*InventoryItem `json:"lc,omitempty"`
	Other map[string]*InventoryItem `json:"other,omitempty"`
}

// InventoryItem is one NAME/DESCR/PID/VID/SN entry; Subslot holds the
// entries plugged into it, keyed by subslot then PID.
type InventoryItem struct {
	Name    *string                             `json:"name,omitempty"`
	Descr   *string                             `json:"descr,omitempty"`
	PID     *string                             `json:"pid,omitempty"`
	VID     *string                             `json:"vid,omitempty"`
	SN      *string                             `json:"sn,omitempty"`
	Subslot map[string]map[string]InventoryItem `json:"subslot,omitempty"`
}

// Item names are matched by hand (misc_scan.go).

// ParseShowInventory parses "show inventory".
func ParseShowInventory(out string) (*ShowInventory, error) {
	r, _, err := parseShowInventory(out, nil)
	return r, err
}

func parseShowInventory(out string, _ core.Params) (*ShowInventory, []string, error) {
	var un core.Unparsed
	res := &ShowInventory{}
	var (
		name, descr string
		strs        slab[string] // the items' optional fields, one block for many
	)
	str := func(v string) *string {
		p := strs.next()
		*p = v
		return p
	}
	haveName := false
	main := func() *InventoryMain {
		if res.Main == nil {
			res.Main = &InventoryMain{Items: map[string]map[string]InventoryItem{}}
		}
		return res.Main
	}
	slotOf := func(s string) *InventorySlot {
		if res.Slot == nil {
			res.Slot = map[string]*InventorySlot{}
		}
		sl := res.Slot[s]
		if sl == nil {
			sl = &InventorySlot{}
			res.Slot[s] = sl
		}
		return sl
	}
	// last entry put in each slot, per role, so subslots attach to it
	lastRP, lastLC := map[string]string{}, map[string]string{}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show inventory") || isNoise(l) || isEcho(l) {
			continue
		}
		if n, d, ok := invNameLine(l); ok {
			name, descr, haveName = trimLine(n), trimLine(d), true
			continue
		}
		pid, vid, sn, ok := invPIDLine(l)
		if !ok || !haveName {
			un.Add(raw)
			continue
		}
		haveName = false
		item := InventoryItem{Name: str(name), Descr: str(descr), PID: str(pid), VID: str(vid), SN: str(sn)}
		if strings.Contains(pid, "STACK") {
			main().SWStack = true
		}
		if strings.Contains(name, "Chassis") {
			main().Items["chassis"] = map[string]InventoryItem{pid: item}
			if strings.Contains(pid, "ASR-9") {
				sl := slotOf("0")
				if sl.RP == nil {
					sl.RP = map[string]*InventoryItem{}
				}
				it := item
				sl.RP[pid] = &it
				lastRP["0"] = pid
			}
			continue
		}
		addSub := func(slot, sub string) {
			sl := slotOf(slot)
			var parent *InventoryItem
			switch {
			case sl.RP != nil && sl.RP[lastRP[slot]] != nil:
				parent = sl.RP[lastRP[slot]]
			case sl.LC != nil && sl.LC[lastLC[slot]] != nil:
				parent = sl.LC[lastLC[slot]]
			default:
				if sl.Other == nil {
					sl.Other = map[string]*InventoryItem{}
				}
				parent = sl.Other[pid]
				if parent == nil {
					parent = &InventoryItem{}
					sl.Other[pid] = parent
				}
			}
			if parent.Subslot == nil {
				parent.Subslot = map[string]map[string]InventoryItem{}
			}
			if parent.Subslot[sub] == nil {
				parent.Subslot[sub] = map[string]InventoryItem{}
			}
			parent.Subslot[sub][pid] = item
		}
		put := func(slot, role string) {
			sl := slotOf(slot)
			it := item
			var mp *map[string]*InventoryItem
			switch role {
			case "rp":
				mp = &sl.RP
				lastRP[slot] = pid
			case "lc":
				mp = &sl.LC
				lastLC[slot] = pid
			default:
				mp = &sl.Other
			}
			if *mp == nil {
				*mp = map[string]*InventoryItem{}
			}
			if old := (*mp)[pid]; old != nil && old.Subslot != nil {
				it.Subslot = old.Subslot
			}
			(*mp)[pid] = &it
		}
		var mm scanM
		switch {
		case matchInvSubslot(name, &mm):
			addSub(mm[1], mm[2])
		case matchInvTrans(name, &mm):
			addSub(mm[1], mm[2])
		case matchInvStack(name, &mm):
			addSub(mm[1], mm[2])
		case matchInvModem(name, &mm):
			addSub(mm[1], mm[2])
		case strings.HasPrefix(name, "Power Supply Module "):
			put("P"+strings.TrimPrefix(name, "Power Supply Module "), "other")
		case matchInvSlotName(name):
			put(strings.ReplaceAll(name, " ", "_"), "other")
		case matchInvSwitch(name, &mm):
			slot := mm[1]
			role := "other"
			switch {
			case strings.HasPrefix(slot, "R"):
				role = "rp"
			case strings.HasPrefix(strings.ToLower(name), "module"):
				if !strings.Contains(descr, "Forwarding Processor") && !strings.Contains(pid, "-ESP") {
					role = "lc"
				}
			case name == "Switch "+slot && strings.HasPrefix(pid, "WS-C"):
				role = "rp"
			}
			put(slot, role)
		case name == "Supervisor":
			main().Items["supervisor"] = map[string]InventoryItem{pid: item}
		case name == "Expansion Module":
			main().Items["expansion_module"] = map[string]InventoryItem{pid: item}
		case strings.HasSuffix(name, " Stack"):
			// the stack summary entry repeats its members
		default:
			mi := main().Items
			if mi[name] == nil {
				mi[name] = map[string]InventoryItem{}
			}
			mi[name][pid] = item
		}
	}
	if res.Main == nil && res.Slot == nil {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowInventory", []string{"show inventory"}, parseShowInventory)
}

// invNameLine splits `NAME: "x", DESCR: "y"`.
func invNameLine(l string) (name, descr string, ok bool) {
	rest, ok := strings.CutPrefix(l, "NAME:")
	if !ok {
		return "", "", false
	}
	rest = strings.TrimLeft(rest, " ")
	i := strings.Index(rest, "DESCR:")
	if i < 0 || len(rest) < 2 || rest[0] != '"' || !strings.HasSuffix(rest, `"`) {
		return "", "", false
	}
	n := strings.TrimRight(rest[:i], " ")
	n = strings.TrimSuffix(n, ",")
	if len(n) < 2 || n[len(n)-1] != '"' {
		return "", "", false
	}
	d := strings.TrimLeft(rest[i+len("DESCR:"):], " ")
	if len(d) < 2 || d[0] != '"' {
		return "", "", false
	}
	return n[1 : len(n)-1], d[1 : len(d)-1], true
}

// invPIDLine splits `PID: x , VID: y , SN: z` (any field may be blank).
func invPIDLine(l string) (pid, vid, sn string, ok bool) {
	rest, ok := strings.CutPrefix(l, "PID:")
	if !ok {
		return "", "", "", false
	}
	iv := lastIndexLit(rest, "VID:")
	if iv < 0 {
		return "", "", "", false
	}
	is := lastIndexLit(rest, "SN:")
	if is < iv {
		return "", "", "", false
	}
	pid = trimLine(trimRightComma(trimLine(rest[:iv])))
	vid = trimLine(trimRightComma(trimLine(rest[iv+4 : is])))
	sn = trimLine(rest[is+3:])
	return pid, vid, sn, true
}

// lastIndexLit is strings.LastIndex(s, t) for a non-empty t: it looks for
// t's first byte from the end instead of hashing every window.
func lastIndexLit(s, t string) int {
	for end := len(s) - len(t); end >= 0; {
		i := strings.LastIndexByte(s[:end+1], t[0])
		if i < 0 {
			return -1
		}
		if s[i:i+len(t)] == t {
			return i
		}
		end = i - 1
	}
	return -1
}

// trimRightComma is strings.TrimRight(s, ",").
func trimRightComma(s string) string {
	for len(s) > 0 && s[len(s)-1] == ',' {
		s = s[:len(s)-1]
	}
	return s
}
