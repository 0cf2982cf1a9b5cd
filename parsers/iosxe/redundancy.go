package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowRedundancy is the result of "show redundancy" (Genie ShowRedundancy).
type ShowRedundancy struct {
	RedSysInfo RedSysInfo              `json:"red_sys_info"`
	Slot       map[string]*RedSlotInfo `json:"slot"`
}

// RedSysInfo is the "Redundant System Information" block.
type RedSysInfo struct {
	AvailableSystemUptime        string `json:"available_system_uptime"`
	SwitchoversSystemExperienced string `json:"switchovers_system_experienced"`
	StandbyFailures              string `json:"standby_failures,omitempty"`
	LastSwitchoverReason         string `json:"last_switchover_reason,omitempty"`
	HWMode                       string `json:"hw_mode"`
	ConfRedMode                  string `json:"conf_red_mode"`
	OperRedMode                  string `json:"oper_red_mode"`
	MaintMode                    string `json:"maint_mode"`
	Communications               string `json:"communications"`
	CommunicationsReason         string `json:"communications_reason,omitempty"`
}

// RedSlotInfo is the current or peer processor block, keyed by location.
type RedSlotInfo struct {
	CurrSWState       string `json:"curr_sw_state"`
	UptimeInCurrState string `json:"uptime_in_curr_state"`
	ImageVer          string `json:"image_ver"`
	Boot              string `json:"boot,omitempty"`
	ConfigFile        string `json:"config_file,omitempty"`
	Bootldr           string `json:"bootldr,omitempty"`
	ConfigRegister    string `json:"config_register,omitempty"`
}

// ParseShowRedundancy parses "show redundancy".
func ParseShowRedundancy(out string) (*ShowRedundancy, error) {
	r, _, err := parseShowRedundancy(out, nil)
	return r, err
}

func parseShowRedundancy(out string, _ core.Params) (*ShowRedundancy, []string, error) {
	var un core.Unparsed
	res := &ShowRedundancy{Slot: map[string]*RedSlotInfo{}}
	var slot *RedSlotInfo
	found := false
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "show redundancy") || strings.HasSuffix(l, "Information :") ||
			strings.HasPrefix(l, "Technical Support:") || strings.HasPrefix(l, "Peer (slot:") || strings.HasPrefix(l, "Copyright") || strings.HasPrefix(l, "Compiled ") {
			continue
		}
		m := eqKV(l, keyWordsParen)
		if m == nil {
			un.Add(raw)
			continue
		}
		found = true
		k, v := m[1], strings.TrimSpace(m[2])
		s := &res.RedSysInfo
		switch k {
		case "Available system uptime":
			s.AvailableSystemUptime = v
		case "Switchovers system experienced":
			s.SwitchoversSystemExperienced = v
		case "Standby failures":
			s.StandbyFailures = v
		case "Last switchover reason":
			s.LastSwitchoverReason = v
		case "Hardware Mode":
			s.HWMode = v
		case "Configured Redundancy Mode":
			s.ConfRedMode = v
		case "Operating Redundancy Mode":
			s.OperRedMode = v
		case "Maintenance Mode":
			s.MaintMode = v
		case "Communications":
			c, reason, _ := strings.Cut(v, "Reason:")
			s.Communications, s.CommunicationsReason = strings.TrimSpace(c), strings.TrimSpace(reason)
		case "Active Location", "Standby Location":
			slot = &RedSlotInfo{}
			res.Slot[v] = slot
		default:
			if slot == nil {
				un.Add(raw)
				continue
			}
			switch k {
			case "Current Software state":
				slot.CurrSWState = v
			case "Uptime in current state":
				slot.UptimeInCurrState = v
			case "Image Version":
				slot.ImageVer = v
			case "BOOT":
				slot.Boot = v
			case "CONFIG_FILE":
				slot.ConfigFile = v
			case "BOOTLDR":
				slot.Bootldr = v
			case "Configuration register":
				slot.ConfigRegister = v
			default:
				un.Add(raw)
			}
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ShowRedundancyStates is the result of "show redundancy states".
type ShowRedundancyStates struct {
	MyState                   string `json:"my_state"`
	PeerState                 string `json:"peer_state"`
	Mode                      string `json:"mode"`
	Unit                      string `json:"unit,omitempty"`
	UnitID                    int    `json:"unit_id"`
	RedundancyModeOperational string `json:"redundancy_mode_operational"`
	RedundancyModeConfigured  string `json:"redundancy_mode_configured"`
	RedundancyState           string `json:"redundancy_state"`
	MaintenanceMode           string `json:"maintenance_mode,omitempty"`
	ManualSwact               string `json:"manual_swact"`
	ManualSwactReason         string `json:"manual_swact_reason,omitempty"`
	Communications            string `json:"communications"`
	CommunicationsReason      string `json:"communications_reason,omitempty"`
	ClientCount               int    `json:"client_count"`
	ClientNotificationTMRMsec int    `json:"client_notification_tmr_msec"`
	RFDebugMask               string `json:"rf_debug_mask,omitempty"`
}

// ParseShowRedundancyStates parses "show redundancy states".
func ParseShowRedundancyStates(out string) (*ShowRedundancyStates, error) {
	r, _, err := parseShowRedundancyStates(out, nil)
	return r, err
}

func parseShowRedundancyStates(out string, _ core.Params) (*ShowRedundancyStates, []string, error) {
	var un core.Unparsed
	res := &ShowRedundancyStates{}
	found := false
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show redundancy") || strings.HasPrefix(l, "Load for ") || strings.HasPrefix(l, "Time source") {
			continue
		}
		m := eqKV(l, keyWordsParen)
		if m == nil {
			un.Add(raw)
			continue
		}
		found = true
		v := strings.TrimSpace(m[2])
		switch strings.ToLower(m[1]) {
		case "my state":
			res.MyState = v
		case "peer state":
			res.PeerState = v
		case "mode":
			res.Mode = v
		case "unit":
			res.Unit = v
		case "unit id":
			res.UnitID = atoi(v)
		case "redundancy mode (operational)":
			res.RedundancyModeOperational = v
		case "redundancy mode (configured)":
			res.RedundancyModeConfigured = v
		case "redundancy state":
			res.RedundancyState = v
		case "maintenance mode":
			res.MaintenanceMode = v
		case "manual swact":
			sw, reason, ok := strings.Cut(v, " (")
			res.ManualSwact = sw
			if ok {
				res.ManualSwactReason = strings.TrimSuffix(reason, ")")
			}
		case "communications":
			c, reason, _ := strings.Cut(v, "Reason:")
			res.Communications, res.CommunicationsReason = strings.TrimSpace(c), strings.TrimSpace(reason)
		case "client count":
			res.ClientCount = atoi(v)
		case "client_notification_tmr":
			res.ClientNotificationTMRMsec = atoi(strings.TrimSuffix(v, " milliseconds"))
		case "rf debug mask":
			res.RFDebugMask = v
		default:
			un.Add(raw)
		}
	}
	if !found {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ShowRedundancySwitchoverHistory is the result of "show redundancy
// switchover history", keyed by index.
type ShowRedundancySwitchoverHistory struct {
	Index map[string]*Switchover `json:"index,omitempty"`
}

// Switchover is one row of the switchover history.
type Switchover struct {
	CurrentActive    int    `json:"current_active"`
	PreviousActive   int    `json:"previous_active"`
	SwitchoverReason string `json:"switchover_reason"`
	SwitchoverTime   string `json:"switchover_time"`
}

// ParseShowRedundancySwitchoverHistory parses "show redundancy switchover history".
func ParseShowRedundancySwitchoverHistory(out string) (*ShowRedundancySwitchoverHistory, error) {
	r, _, err := parseShowRedundancySwitchoverHistory(out, nil)
	return r, err
}

func parseShowRedundancySwitchoverHistory(out string, _ core.Params) (*ShowRedundancySwitchoverHistory, []string, error) {
	var un core.Unparsed
	res := &ShowRedundancySwitchoverHistory{}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "Index ") || strings.HasPrefix(l, "active ") || strings.HasPrefix(l, "show redundancy") {
			continue
		}
		if m := switchoverRow(l); m != nil {
			if res.Index == nil {
				res.Index = map[string]*Switchover{}
			}
			res.Index[m[1]] = &Switchover{PreviousActive: atoi(m[2]), CurrentActive: atoi(m[3]), SwitchoverReason: m[4], SwitchoverTime: m[5]}
			continue
		}
		un.Add(raw)
	}
	if res.Index == nil {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowRedundancy", []string{"show redundancy"}, parseShowRedundancy)
	registerTyped("ShowRedundancyStates", []string{"show redundancy states"}, parseShowRedundancyStates)
	registerTyped("ShowRedundancySwitchoverHistory", []string{"show redundancy switchover history"}, parseShowRedundancySwitchoverHistory)
}

// switchoverRow reads "INDEX PREV CUR REASON... hh:mm:ss ZONE DAY MON D YYYY".
func switchoverRow(l string) []string {
	var buf [16]string
	f := fieldsInto(buf[:0], l)
	if len(f) < 5 || !isDigits(f[0]) || !isDigits(f[1]) || !isDigits(f[2]) {
		return nil
	}
	for i := 4; i < len(f); i++ {
		c := f[i]
		if len(c) == 7 && c[1] == ':' {
			c = "0" + c
		}
		if isClock(c) {
			at := strings.Index(l, f[i])
			return []string{l, f[0], f[1], f[2], strings.Join(f[3:i], " "), l[at:]}
		}
	}
	return nil
}
