package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowEnvironment is "show environment" (Genie ShowEnvironment).
type ShowEnvironment struct {
	Fans        *EnvFans                              `json:"fans,omitempty"`
	Power       *EnvPower                             `json:"power,omitempty"`
	Temperature map[string]map[string]*EnvTemperature `json:"temperature,omitempty"`
}

// EnvFans holds the fan table (by fan name) and the two fan summary lines.
type EnvFans struct {
	FanZoneSpeed string             `json:"-"`
	FanAirFilter string             `json:"-"`
	Fans         map[string]*EnvFan `json:"-"`
}

// MarshalJSON puts fans beside fan_zone_speed and fan_air_filter, as Genie does.
func (f EnvFans) MarshalJSON() ([]byte, error) { return f.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map Genie
// has: the fans by name and the two summary lines, sorted, a set summary
// line replacing a fan of its name.
func (f EnvFans) AppendJSON(b []byte) ([]byte, error) {
	keys := make([]string, 0, len(f.Fans)+2)
	for k := range f.Fans {
		if !(k == "fan_zone_speed" && f.FanZoneSpeed != "" || k == "fan_air_filter" && f.FanAirFilter != "") {
			keys = append(keys, k)
		}
	}
	if f.FanZoneSpeed != "" {
		keys = append(keys, "fan_zone_speed")
	}
	if f.FanAirFilter != "" {
		keys = append(keys, "fan_air_filter")
	}
	return core.AppendSortedObject(b, keys, func(b []byte, k string) ([]byte, error) {
		switch {
		case k == "fan_zone_speed" && f.FanZoneSpeed != "":
			return core.AppendJSONString(b, f.FanZoneSpeed), nil
		case k == "fan_air_filter" && f.FanAirFilter != "":
			return core.AppendJSONString(b, f.FanAirFilter), nil
		}
		return f.Fans[k].appendJSON(b), nil
	})
}

// appendJSON appends what json.Marshal writes for f (null when nil).
func (f *EnvFan) appendJSON(b []byte) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	o := core.NewJSONObject(b)
	o.Str("model", f.Model)
	o.Str("hw", f.HW)
	o.Str("direction", f.Direction)
	o.Str("status", f.Status)
	return o.End()
}

// EnvFan is one fan row.
type EnvFan struct {
	Model     string `json:"model,omitempty"`
	HW        string `json:"hw,omitempty"`
	Direction string `json:"direction,omitempty"`
	Status    string `json:"status,omitempty"`
}

// EnvPower is the power section.
type EnvPower struct {
	Voltage           *int                       `json:"voltage,omitempty"`
	PowerSupply       map[string]*EnvPowerSupply `json:"power_supply,omitempty"`
	Modules           map[string]*EnvPowerModule `json:"modules,omitempty"`
	PowerSupplyMode   *EnvPowerSupplyMode        `json:"power_supply_mode,omitempty"`
	PowerUsageSummary *EnvPowerUsageSummary      `json:"power_usage_summary,omitempty"`
}

// EnvPowerSupply is one power supply row.
type EnvPowerSupply struct {
	Model              string `json:"model,omitempty"`
	ActualOutputWatts  *int   `json:"actual_output_watts,omitempty"`
	ActualInputWatts   *int   `json:"actual_input_watts,omitempty"`
	TotalCapacityWatts *int   `json:"total_capacity_watts,omitempty"`
	Status             string `json:"status,omitempty"`
}

// EnvPowerModule is the power drawn and allocated for one module.
type EnvPowerModule struct {
	Model          string `json:"model,omitempty"`
	ActualDrawn    string `json:"actual_drawn,omitempty"`
	AllocatedPower *Float `json:"allocated_power,omitempty"`
	Status         string `json:"status,omitempty"`
}

// EnvPowerSupplyMode is the configured and operational redundancy mode.
type EnvPowerSupplyMode struct {
	ConfigMode string `json:"config_mode,omitempty"`
	OperMode   string `json:"oper_mode,omitempty"`
}

// EnvPowerUsageSummary is the "Power Usage Summary" block, in watts.
type EnvPowerUsageSummary struct {
	TotalPowerCapacityWatts   *Float `json:"total_power_capacity_watts,omitempty"`
	TotalGridAPowerWatts      *Float `json:"total_grid_a_power_watts,omitempty"`
	TotalGridBPowerWatts      *Float `json:"total_grid_b_power_watts,omitempty"`
	TotalPowerCumulativeWatts *Float `json:"total_power_cumulative_watts,omitempty"`
	TotalPowerOutputWatts     *Float `json:"total_power_output_watts,omitempty"`
	TotalPowerInputWatts      *Float `json:"total_power_input_watts,omitempty"`
	TotalPowerAllocatedWatts  *Float `json:"total_power_allocated_watts,omitempty"`
	TotalPowerAvailableWatts  *Float `json:"total_power_available_watts,omitempty"`
}

// EnvTemperature is one sensor of one module.
type EnvTemperature struct {
	MajorThresholdCelsius *int   `json:"major_threshold_celsius,omitempty"`
	MinorThresholdCelsius *int   `json:"minor_threshold_celsius,omitempty"`
	CurrentTempCelsius    *int   `json:"current_temp_celsius,omitempty"`
	Status                string `json:"status,omitempty"`
}

func init() {
	reg("ShowEnvironment", []string{"show environment"}, parseShowEnvironment)
}

// ParseShowEnvironment parses "show environment".
func ParseShowEnvironment(out string) (*ShowEnvironment, error) {
	return parse(out, nil, parseShowEnvironment)
}

// isWord reports whether s has only letters, digits, '_' and parentheses,
// the sensor names Genie accepts (it skips names such as "Sone-1").
func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '(' || c == ')') {
			return false
		}
	}
	return s != ""
}

func wattsPtr(s string) *Float { f := atof(s); return &f }

var usageKeys = []struct {
	prefix string
	field  func(*EnvPowerUsageSummary) **Float
}{
	{"Total Power Capacity", func(s *EnvPowerUsageSummary) **Float { return &s.TotalPowerCapacityWatts }},
	{"Total Grid-A (first half of PS slots) Power Capacity", func(s *EnvPowerUsageSummary) **Float { return &s.TotalGridAPowerWatts }},
	{"Total Grid-B (second half of PS slots) Power Capacity", func(s *EnvPowerUsageSummary) **Float { return &s.TotalGridBPowerWatts }},
	{"Total Power of all Inputs", func(s *EnvPowerUsageSummary) **Float { return &s.TotalPowerCumulativeWatts }},
	{"Total Power Output", func(s *EnvPowerUsageSummary) **Float { return &s.TotalPowerOutputWatts }},
	{"Total Power Input", func(s *EnvPowerUsageSummary) **Float { return &s.TotalPowerInputWatts }},
	{"Total Power Allocated", func(s *EnvPowerUsageSummary) **Float { return &s.TotalPowerAllocatedWatts }},
	{"Total Power Available", func(s *EnvPowerUsageSummary) **Float { return &s.TotalPowerAvailableWatts }},
}

func parseShowEnvironment(lines []string, _ core.Params, u *core.Unparsed) *ShowEnvironment {
	var fb fieldBuf
	r := &ShowEnvironment{}
	section := ""
	sub := "" // within power: "psu" or "module"
	found := false
	power := func() *EnvPower {
		if r.Power == nil {
			r.Power = &EnvPower{}
		}
		return r.Power
	}
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isSeparator(t) {
			continue
		}
		f := fb.split(t)
		switch {
		case t == "Fan:":
			section = "fan"
			r.Fans = &EnvFans{Fans: map[string]*EnvFan{}}
			continue
		case t == "Power Supply:":
			section, sub = "power", ""
			power()
			continue
		case t == "Temperature:":
			section = "temp"
			continue
		case t == "Power Usage Summary:":
			section = "usage"
			continue
		case strings.HasPrefix(t, "N/A - "), strings.HasPrefix(t, "(Watts") || strings.HasPrefix(t, "(Celsius"):
			continue
		}
		switch section {
		case "fan":
			switch {
			case f[0] == "Fan" && len(f) > 1 && f[1] == "Model":
			case strings.HasPrefix(t, "Fan Zone Speed:"):
				r.Fans.FanZoneSpeed = cutAfter(t, ":")
			case strings.HasPrefix(t, "Fan Air Filter"):
				r.Fans.FanAirFilter = cutAfter(t, ":")
			case len(f) == 5:
				r.Fans.Fans[f[0]] = &EnvFan{Model: f[1], HW: f[2], Direction: f[3], Status: f[4]}
				found = true
			case len(f) == 4:
				r.Fans.Fans[f[0]] = &EnvFan{HW: f[1], Direction: f[2], Status: f[3]}
				found = true
			default:
				u.Add(raw)
			}
		case "power":
			switch {
			case strings.HasPrefix(t, "Voltage:"):
				v := atoi(strings.TrimSpace(strings.TrimSuffix(cutAfter(t, ":"), "Volts")))
				power().Voltage = &v
				found = true
			case f[0] == "Power" || f[0] == "Actual":
			case f[0] == "Supply" && len(f) > 1 && f[1] == "Model":
				sub = "psu"
			case f[0] == "Module" && len(f) > 1 && f[1] == "Model":
				sub = "module"
			case sub == "psu" && len(f) >= 9 && f[3] == "W" && f[5] == "W" && f[7] == "W":
				p := power()
				if p.PowerSupply == nil {
					p.PowerSupply = map[string]*EnvPowerSupply{}
				}
				o, i, c := atoi(f[2]), atoi(f[4]), atoi(f[6])
				p.PowerSupply[f[0]] = &EnvPowerSupply{Model: f[1], ActualOutputWatts: &o, ActualInputWatts: &i,
					TotalCapacityWatts: &c, Status: strings.Join(f[8:], " ")}
				found = true
			case sub == "module" && len(f) >= 7 && f[3] == "W" && f[5] == "W":
				p := power()
				if p.Modules == nil {
					p.Modules = map[string]*EnvPowerModule{}
				}
				p.Modules[f[0]] = &EnvPowerModule{Model: f[1], ActualDrawn: f[2], AllocatedPower: wattsPtr(f[4]),
					Status: strings.Join(f[6:], " ")}
				found = true
			case sub == "module" && len(f) >= 4 && f[2] == "N/A":
				// No per-module figure: Genie's schema has no place for it.
			default:
				u.Add(raw)
			}
		case "usage":
			p := power()
			switch {
			case strings.HasPrefix(t, "Power Supply redundancy mode (configured)"):
				if p.PowerSupplyMode == nil {
					p.PowerSupplyMode = &EnvPowerSupplyMode{}
				}
				p.PowerSupplyMode.ConfigMode = f[len(f)-1]
				found = true
			case strings.HasPrefix(t, "Power Supply redundancy mode (operational)"):
				if p.PowerSupplyMode == nil {
					p.PowerSupplyMode = &EnvPowerSupplyMode{}
				}
				p.PowerSupplyMode.OperMode = f[len(f)-1]
				found = true
			case strings.HasPrefix(t, "Total ") && len(f) >= 3 && f[len(f)-1] == "W":
				matched := false
				for _, k := range usageKeys {
					if strings.HasPrefix(t, k.prefix) {
						if p.PowerUsageSummary == nil {
							p.PowerUsageSummary = &EnvPowerUsageSummary{}
						}
						*k.field(p.PowerUsageSummary) = wattsPtr(f[len(f)-2])
						matched, found = true, true
						break
					}
				}
				if !matched {
					u.Add(raw)
				}
			default:
				u.Add(raw)
			}
		case "temp":
			switch {
			case f[0] == "Module" && len(f) > 1 && f[1] == "Sensor":
			case len(f) >= 6 && isInt(f[len(f)-4]) && isInt(f[len(f)-3]) && isInt(f[len(f)-2]):
				sensor := strings.Join(f[1:len(f)-4], " ")
				if !isWord(strings.ReplaceAll(sensor, " ", "")) {
					u.Add(raw) // a sensor name Genie does not report
					continue
				}
				if r.Temperature == nil {
					r.Temperature = map[string]map[string]*EnvTemperature{}
				}
				if r.Temperature[f[0]] == nil {
					r.Temperature[f[0]] = map[string]*EnvTemperature{}
				}
				a, b, c := atoi(f[len(f)-4]), atoi(f[len(f)-3]), atoi(f[len(f)-2])
				r.Temperature[f[0]][sensor] = &EnvTemperature{MajorThresholdCelsius: &a, MinorThresholdCelsius: &b,
					CurrentTempCelsius: &c, Status: f[len(f)-1]}
				found = true
			default:
				u.Add(raw)
			}
		default:
			u.Add(raw)
		}
	}
	if !found {
		return nil
	}
	return r
}
