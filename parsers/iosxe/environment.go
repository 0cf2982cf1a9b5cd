package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowEnvironment is the result of "show environment" (Genie
// ShowEnvironment): alarm counts and sensors per slot.
type ShowEnvironment struct {
	CriticalLarams *int                `json:"critical_larams,omitempty"` // sic: Genie's key
	MajorAlarms    *int                `json:"major_alarms,omitempty"`
	MinorAlarms    *int                `json:"minor_alarms,omitempty"`
	Slot           map[string]*EnvSlot `json:"slot"`
}

// EnvSlot holds a slot's sensors keyed by sensor name.
type EnvSlot struct {
	Sensor map[string]*EnvSensor `json:"sensor"`
}

// EnvSensor is one sensor reading.
type EnvSensor struct {
	State     string        `json:"state"`
	Reading   string        `json:"reading"`
	Threshold *EnvThreshold `json:"threshold,omitempty"`
}

// EnvThreshold is a sensor's alarm thresholds.
type EnvThreshold struct {
	Minor    *int `json:"minor,omitempty"`
	Major    *int `json:"major,omitempty"`
	Critical *int `json:"critical,omitempty"`
	Shutdown *int `json:"shutdown,omitempty"`
	Celsius  bool `json:"celsius"`
}

// Line patterns are matched by hand (misc_scan.go).

// ParseShowEnvironment parses "show environment".
func ParseShowEnvironment(out string) (*ShowEnvironment, error) {
	r, _, err := parseShowEnvironment(out, nil)
	return r, err
}

func parseShowEnvironment(out string, _ core.Params) (*ShowEnvironment, []string, error) {
	var un core.Unparsed
	res := &ShowEnvironment{Slot: map[string]*EnvSlot{}}
	stateCol := -1
	found := false
	var (
		sensors slab[EnvSensor]
		thrs    slab[EnvThreshold]
		ints    slab[int]
	)
	num := func(v string) *int {
		p := ints.next()
		*p = atoi(v)
		return p
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "show env") || strings.HasPrefix(l, "Load for ") || strings.HasPrefix(l, "Time source") || mayBePrompt(l) && core.IsPromptEcho(l) {
			continue
		}
		if onlyDashes(l) {
			continue
		}
		if m := (scanM{}); matchEnvAlarm(l, &m) {
			n := ptr(atoi(m[2]))
			switch m[1] {
			case "Critical":
				res.CriticalLarams = n
			case "Major":
				res.MajorAlarms = n
			default:
				res.MinorAlarms = n
			}
			found = true
			continue
		}
		if strings.HasPrefix(l, "Slot ") && strings.Contains(l, "Sensor") {
			stateCol = strings.Index(raw, "Current State")
			continue
		}
		var fb [3]string
		f, _ := fieldsN(fb[:0], l, 3)
		if len(f) < 3 {
			un.Add(raw)
			continue
		}
		slot := f[0]
		head, reading, rest, ok := envReading(trimRightSpTab(raw))
		if !ok {
			un.Add(raw)
			continue
		}
		// head holds slot, sensor and state.
		slotEnd := strings.Index(head, slot) + len(slot)
		var sensor, state string
		if stateCol > slotEnd && stateCol < len(head) && head[stateCol-1] == ' ' {
			sensor, state = trimLine(head[slotEnd:stateCol]), trimLine(head[stateCol:])
		} else {
			parts := splitWide(head[slotEnd:])
			if len(parts) < 2 {
				un.Add(raw)
				continue
			}
			sensor, state = parts[0], strings.Join(parts[1:], " ")
		}
		if sensor == "" || state == "" {
			un.Add(raw)
			continue
		}
		s := sensors.next()
		*s = EnvSensor{State: state, Reading: reading}
		if t, ok := envThreshold(trimLine(rest)); ok {
			s.Threshold = thrs.next()
			*s.Threshold = EnvThreshold{Minor: num(t[0]), Major: num(t[1]), Critical: num(t[2]), Shutdown: num(t[3]), Celsius: t[4] == "Celsius"}
		}
		e := res.Slot[slot]
		if e == nil {
			e = &EnvSlot{Sensor: map[string]*EnvSensor{}}
			res.Slot[slot] = e
		}
		e.Sensor[sensor] = s
		found = true
	}
	if !found || len(res.Slot) == 0 && res.CriticalLarams == nil {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ShowEnvironmentAll is the result of "show environment all" on Catalyst
// switches, keyed by switch number.
type ShowEnvironmentAll struct {
	Switch map[string]*EnvSwitch `json:"switch"`
}

// EnvSwitch is one stack member's fans, power supplies and temperatures.
type EnvSwitch struct {
	Fan                    map[string]*EnvFan `json:"fan,omitempty"`
	PowerSupply            map[string]*EnvPSU `json:"power_supply,omitempty"`
	SystemTemperatureState string             `json:"system_temperature_state,omitempty"`
	InletTemperature       *EnvTemp           `json:"inlet_temperature,omitempty"`
	HotspotTemperature     *EnvTemp           `json:"hotspot_temperature,omitempty"`
	ASICTemperature        *EnvTemp           `json:"asic_temperature,omitempty"`
	OutletTemperature      *EnvTemp           `json:"outlet_temperature,omitempty"`
	SystemTemperature      *EnvTemp           `json:"system_temperature,omitempty"`
}

// EnvFan is one fan.
type EnvFan struct {
	Speed     *int   `json:"speed,omitempty"`
	Direction string `json:"direction,omitempty"`
	State     string `json:"state,omitempty"`
}

// EnvPSU is one power supply.
type EnvPSU struct {
	State        string `json:"state,omitempty"`
	PID          string `json:"pid,omitempty"`
	SerialNumber string `json:"serial_number,omitempty"`
	Status       string `json:"status,omitempty"`
	SystemPower  string `json:"system_power,omitempty"`
	PoEPower     string `json:"poe_power,omitempty"`
	Watts        string `json:"watts,omitempty"`
}

// EnvTemp is a temperature with its state and thresholds.
type EnvTemp struct {
	Value           string `json:"value"`
	State           string `json:"state"`
	YellowThreshold string `json:"yellow_threshold"`
	RedThreshold    string `json:"red_threshold"`
}

// ParseShowEnvironmentAll parses "show environment all".
func ParseShowEnvironmentAll(out string) (*ShowEnvironmentAll, error) {
	r, _, err := parseShowEnvironmentAll(out, nil)
	return r, err
}

// parseShowEnvironmentAll matches its line patterns by hand
// (misc_scan.go).
func parseShowEnvironmentAll(out string, _ core.Params) (*ShowEnvironmentAll, []string, error) {
	var un core.Unparsed
	res := &ShowEnvironmentAll{Switch: map[string]*EnvSwitch{}}
	cur := ""
	var temp *EnvTemp
	sw := func(n string) *EnvSwitch {
		s := res.Switch[n]
		if s == nil {
			s = &EnvSwitch{}
			res.Switch[n] = s
		}
		cur = n
		return s
	}
	psu := func(s *EnvSwitch, n string) *EnvPSU {
		if s.PowerSupply == nil {
			s.PowerSupply = map[string]*EnvPSU{}
		}
		p := s.PowerSupply[n]
		if p == nil {
			p = &EnvPSU{}
			s.PowerSupply[n] = p
		}
		return p
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "show env") || strings.HasPrefix(l, "Switch\t") || strings.HasPrefix(l, "Switch ") && strings.Contains(l, "FAN") ||
			strings.HasPrefix(l, "SW ") || onlyDashes(l) {
			continue
		}
		if l[0] >= '0' && l[0] <= '9' {
			// "  3  \t  1\t13760 \t  OK": tab-separated fan rows.
			var fb [8]string
			if f := fieldsInto(fb[:0], l); len(f) >= 4 && isDigits(f[0]) && isDigits(f[1]) && isDigits(f[2]) {
				s := sw(f[0])
				if s.Fan == nil {
					s.Fan = map[string]*EnvFan{}
				}
				s.Fan[f[1]] = &EnvFan{State: strings.ToLower(strings.Join(f[3:], " "))}
				continue
			}
		}
		if m := (scanM{}); matchEnvFanPS(l, &m) && cur != "" {
			psu(res.Switch[cur], m[1]).State = strings.ToLower(m[2])
			continue
		}
		if m := (scanM{}); matchEnvSysTemp(l, &m) {
			sw(m[1]).SystemTemperatureState = strings.ToLower(m[2])
			continue
		}
		if m := (scanM{}); matchEnvTempVal(l, &m) && cur != "" {
			temp = &EnvTemp{Value: m[2]}
			s := res.Switch[cur]
			switch strings.ToLower(m[1]) {
			case "inlet":
				s.InletTemperature = temp
			case "outlet":
				s.OutletTemperature = temp
			case "hotspot":
				s.HotspotTemperature = temp
			case "asic":
				s.ASICTemperature = temp
			case "system":
				s.SystemTemperature = temp
			default:
				temp = nil
				un.Add(raw)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Temperature State:"); ok && temp != nil {
			temp.State = strings.ToLower(trimLine(rest))
			continue
		}
		if m := (scanM{}); matchEnvThr(l, &m) && temp != nil {
			if m[1] == "Yellow" {
				temp.YellowThreshold = m[2]
			} else {
				temp.RedThreshold = m[2]
			}
			continue
		}
		if m := (scanM{}); matchEnvPSURow(l, &m) {
			p := psu(sw(m[1]), psuIndex(m[2]))
			p.PID, p.SerialNumber, p.Status, p.SystemPower, p.PoEPower, p.Watts = m[3], m[4], strings.ToLower(m[5]), strings.ToLower(m[6]), strings.ToLower(m[7]), m[8]
			continue
		}
		if m := (scanM{}); matchEnvPSUNP(l, &m) {
			psu(sw(m[1]), psuIndex(m[2])).Status = "not present"
			continue
		}
		un.Add(raw)
	}
	if len(res.Switch) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// psuIndex turns a power-supply letter (A, B) into Genie's index (1, 2).
func psuIndex(letter string) string {
	return string(rune('1' + letter[0] - 'A'))
}

func init() {
	registerTyped("ShowEnvironment", []string{"show environment", "show environment | include {include}"}, parseShowEnvironment)
	registerTyped("ShowEnvironmentAll", []string{"show environment all"}, parseShowEnvironmentAll)
}

var envUnits = []string{"mV", "Celsius", "RPM", "mA", "W", "V", "A", "%"}

// envReading finds the last "<2+ spaces><number> <unit>" in l: the text
// before it is slot, sensor and state, the text after it the thresholds.
func envReading(l string) (head, reading, rest string, ok bool) {
	for i := len(l) - 1; i >= 3; i-- {
		if l[i] < '0' || l[i] > '9' || l[i-1] != ' ' || l[i-2] != ' ' || l[i-3] == ' ' && isBlank(l[:i]) {
			continue
		}
		j := i
		for j < len(l) && l[j] >= '0' && l[j] <= '9' {
			j++
		}
		k := j
		for k < len(l) && l[k] == ' ' {
			k++
		}
		for _, u := range envUnits {
			if !strings.HasPrefix(l[k:], u) {
				continue
			}
			e := k + len(u)
			if strings.HasPrefix(l[e:], " AC") || strings.HasPrefix(l[e:], " DC") {
				e += 3
			}
			if e < len(l) && l[e] != ' ' && l[e] != '\t' {
				continue
			}
			h := trimRightSp(l[:i])
			if h == "" {
				break
			}
			return h, l[i:e], trimLine(l[e:]), true
		}
	}
	return "", "", "", false
}

// envThreshold reads the "(minor,major,critical,shutdown)(unit)" column
// the way `^\((\d+) *,(\d+) *,(\d+) *,(\d+) *\)\((\w+)\)` would,
// returning the four numbers and the unit; text after it is ignored.
func envThreshold(s string) ([5]string, bool) {
	var t [5]string
	if len(s) == 0 || s[0] != '(' {
		return t, false
	}
	i := 1
	for k := 0; k < 4; k++ {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return t, false
		}
		t[k] = s[i:j]
		for j < len(s) && s[j] == ' ' {
			j++
		}
		want := byte(',')
		if k == 3 {
			want = ')'
		}
		if j == len(s) || s[j] != want {
			return t, false
		}
		i = j + 1
	}
	if i == len(s) || s[i] != '(' {
		return t, false
	}
	i++
	j := i
	for j < len(s) && (isLetter(s[j]) || s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
		j++
	}
	if j == i || j == len(s) || s[j] != ')' {
		return t, false
	}
	t[4] = s[i:j]
	return t, true
}

// isBlank is strings.TrimSpace(s) == "", deciding ASCII text byte by byte.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 {
			return strings.TrimSpace(s) == ""
		} else if !asciiSpace(c) {
			return false
		}
	}
	return true
}

// onlyDashes is strings.Trim(l, "- ") == "" without building a cutset.
func onlyDashes(l string) bool {
	for i := 0; i < len(l); i++ {
		if l[i] != '-' && l[i] != ' ' {
			return false
		}
	}
	return true
}

// trimRightSp is strings.TrimRight(s, " ").
func trimRightSp(s string) string {
	i := len(s)
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	return s[:i]
}
