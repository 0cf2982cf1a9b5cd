package iosxe

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowIssuStateDetail is the result of "show issu state detail"
// (Genie ShowIssuStateDetail), keyed by RP slot (R0, R1).
type ShowIssuStateDetail struct {
	Slot map[string]*IssuSlotState `json:"slot"`
}

// IssuSlotState is the ISSU state of one RP.
type IssuSlotState struct {
	IssuInProgress        *bool            `json:"issu_in_progress,omitempty"`
	LoadversionTime       string           `json:"loadversion_time,omitempty"`
	Context               string           `json:"context,omitempty"`
	LastOperation         string           `json:"last_operation,omitempty"`
	RollbackState         string           `json:"rollback_state,omitempty"`
	RollbackTime          string           `json:"rollback_time,omitempty"`
	RollbackReason        string           `json:"rollback_reason,omitempty"`
	OriginalRollbackImage string           `json:"original_rollback_image,omitempty"`
	RunningImage          string           `json:"running_image,omitempty"`
	OperatingMode         string           `json:"operating_mode,omitempty"`
	TerminalStateReached  *bool            `json:"terminal_state_reached,omitempty"`
	RunversionExecuted    *bool            `json:"runversion_executed,omitempty"`
	BootVariable          string           `json:"boot_variable,omitempty"`
	PrimaryVersion        string           `json:"primary_version,omitempty"`
	SecondaryVersion      string           `json:"secondary_version,omitempty"`
	VariableStore         string           `json:"variable_store,omitempty"`
	IssuState             string           `json:"issu_state,omitempty"`
	RPState               string           `json:"rp_state,omitempty"`
	CurrentStatus         string           `json:"current_status,omitempty"`
	PreviousOperation     string           `json:"previous_operation,omitempty"`
	SystemCheck           *IssuSystemCheck `json:"system_check,omitempty"`
}

// IssuSystemCheck is the "System Check / Status" table of Catalyst ISSU.
type IssuSystemCheck struct {
	PlatformIssuSupport string `json:"platform_issu_support,omitempty"`
	StandbyOnline       string `json:"standby_online,omitempty"`
	AutobootEnabled     string `json:"autoboot_enabled,omitempty"`
	SSOMode             string `json:"sso_mode,omitempty"`
	InstallBoot         string `json:"install_boot,omitempty"`
	ValidBootMedia      string `json:"valid_boot_media,omitempty"`
	OpertionalMode      string `json:"opertional_mode,omitempty"`
}

// Line patterns are matched by hand (misc_scan.go).

// ParseShowIssuStateDetail parses "show issu state detail".
func ParseShowIssuStateDetail(out string) (*ShowIssuStateDetail, error) {
	r, _, err := parseShowIssuStateDetail(out, nil)
	return r, err
}

func parseShowIssuStateDetail(out string, _ core.Params) (*ShowIssuStateDetail, []string, error) {
	var un core.Unparsed
	res := &ShowIssuStateDetail{Slot: map[string]*IssuSlotState{}}
	var cur *IssuSlotState
	slot := func(name string) *IssuSlotState {
		s := res.Slot[name]
		if s == nil {
			s = &IssuSlotState{}
			res.Slot[name] = s
		}
		cur = s
		return s
	}
	get := func() *IssuSlotState {
		if cur == nil {
			return slot("R0")
		}
		return cur
	}
	sysCheck := func() *IssuSystemCheck {
		s := get()
		if s.SystemCheck == nil {
			s.SystemCheck = &IssuSystemCheck{}
		}
		return s.SystemCheck
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.HasPrefix(l, "show issu") || strings.HasPrefix(l, "--- Starting") || strings.HasPrefix(l, "Finished ") {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Slot being modified:"); ok {
			s := slot(strings.TrimSpace(rest))
			s.IssuInProgress = ptr(true)
			s.RunversionExecuted = ptr(false)
			continue
		}
		if m := (scanM{}); matchIssuLoad(l, &m) {
			get().LoadversionTime, get().Context = m[1], m[2]
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Last operation:"); ok {
			get().LastOperation = strings.TrimSpace(rest)
			continue
		}
		if m := (scanM{}); matchIssuRollback(l, &m) {
			s := get()
			s.RollbackState, s.RollbackTime, s.RollbackReason = m[1], m[2], m[3]
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Original (rollback) image:"); ok {
			get().OriginalRollbackImage = strings.TrimSpace(rest)
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Running image:"); ok {
			get().RunningImage = strings.TrimSpace(rest)
			continue
		}
		if m := (scanM{}); matchIssuOpMode(l, &m) {
			s := get()
			s.OperatingMode = m[1]
			if strings.Contains(l, "terminal state") {
				s.TerminalStateReached = ptr(m[2] == "")
			}
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Notes:"); ok {
			if strings.Contains(rest, "runversion executed") {
				get().RunversionExecuted = ptr(true)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Current ISSU Status:"); ok {
			get().CurrentStatus = strings.TrimSpace(rest)
			continue
		}
		if rest, ok := strings.CutPrefix(l, "Previous ISSU Operation:"); ok {
			get().PreviousOperation = strings.TrimSpace(rest)
			continue
		}
		if l == "No ISSU operation is in progress" {
			get().IssuInProgress = ptr(false)
			continue
		}
		if strings.HasPrefix(l, "System Check") {
			continue
		}
		if m := eqKV(l, func(c byte) bool { return isLetter(c) || c == ' ' }); m != nil {
			v := strings.TrimSpace(m[2])
			switch m[1] {
			case "Slot":
				slot("R" + v)
			case "RP State":
				get().RPState = v
			case "ISSU State":
				get().IssuState = v
			case "Boot Variable":
				get().BootVariable = v
			case "Operating Mode":
				get().OperatingMode = v
			case "Primary Version":
				get().PrimaryVersion = v
			case "Secondary Version":
				get().SecondaryVersion = v
			case "Current Version":
				get().RunningImage = v
			case "Variable Store":
				get().VariableStore = v
			default:
				un.Add(raw)
			}
			continue
		}
		if i := strings.LastIndex(l, " "); i > 0 {
			k, v := strings.TrimSpace(l[:i]), l[i+1:]
			done := true
			switch k {
			case "Platform ISSU Support":
				sysCheck().PlatformIssuSupport = v
			case "Standby Online":
				sysCheck().StandbyOnline = v
			case "Autoboot Enabled":
				sysCheck().AutobootEnabled = v
			case "SSO Mode":
				sysCheck().SSOMode = v
			case "Install Boot":
				sysCheck().InstallBoot = v
			case "Valid Boot Media":
				sysCheck().ValidBootMedia = v
			case "Operational Mode":
				sysCheck().OpertionalMode = v
			default:
				done = false
			}
			if done {
				continue
			}
		}
		un.Add(raw)
	}
	if len(res.Slot) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ShowIssuRollbackTimer is the result of "show issu rollback-timer".
type ShowIssuRollbackTimer struct {
	RollbackTimerState  string `json:"rollback_timer_state,omitempty"`
	RollbackTimerReason string `json:"rollback_timer_reason,omitempty"`
	RollbackTimerTime   string `json:"rollback_timer_time,omitempty"`
	Slot                string `json:"slot,omitempty"`
}

// ParseShowIssuRollbackTimer parses "show issu rollback-timer".
func ParseShowIssuRollbackTimer(out string) (*ShowIssuRollbackTimer, error) {
	r, _, err := parseShowIssuRollbackTimer(out, nil)
	return r, err
}

func parseShowIssuRollbackTimer(out string, _ core.Params) (*ShowIssuRollbackTimer, []string, error) {
	var un core.Unparsed
	res := &ShowIssuRollbackTimer{}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "show issu") || strings.HasPrefix(l, "Finished ") {
			continue
		}
		if m := (scanM{}); matchIssuLock(l, &m) {
			res.Slot = m[1]
			continue
		}
		if strings.HasPrefix(l, "--- Starting") {
			continue
		}
		if m := (scanM{}); matchIssuRollback(l, &m) {
			res.RollbackTimerState, res.RollbackTimerTime, res.RollbackTimerReason = m[1], m[2], m[3]
			continue
		}
		un.Add(raw)
	}
	if res.RollbackTimerState == "" {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowIssuStateDetail", []string{"show issu state detail"}, parseShowIssuStateDetail)
	registerTyped("ShowIssuRollbackTimer", []string{"show issu rollback-timer"}, parseShowIssuRollbackTimer)
}
