package monitor

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock advances one step per call; the monitor calls its clock once
// at start, once per poll cycle and once at the end, so poll n runs at
// base + (n+1)*step.
type fakeClock struct {
	mu   sync.Mutex
	base time.Time
	t    time.Time
	step time.Duration
}

func newFakeClock(step time.Duration) *fakeClock {
	b := time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC)
	return &fakeClock{base: b, t: b, step: step}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(c.step)
	return c.t
}

// nxState is the state of a simulated NX-OS dual-sup chassis at one poll;
// output renders it in the device's formats (ISSU-DOMAIN 1.5-1.11, golden).
type nxState struct {
	down     bool              // management unreachable
	sup      int               // active sup: 1 or 2
	install  string            // "", "stale", "running", "ok", "fail"
	step     string            // current install step
	bgp      map[string]string // neighbor -> PfxRcd count or state word
	ospf     map[string]string // neighbor id -> state
	routes   map[string]bool   // prefix -> present
	logs     []string          // the log window (last lines)
	cores    []string          // show cores rows
	cpu      int
	pingRecv int // of 5
}

func baseNX() nxState {
	return nxState{sup: 1, install: "stale",
		bgp:      map[string]string{"10.1.1.2": "12", "10.1.1.6": "7", "10.1.1.10": "3"},
		ospf:     map[string]string{"10.0.0.3": "FULL"},
		routes:   map[string]bool{"10.99.0.0/24": true},
		logs:     []string{"2026 Nov 27 19:58:01 n9k-1 %ETHPORT-5-IF_UP: Interface Ethernet1/1 is up in mode access"},
		cpu:      12,
		pingRecv: 5,
	}
}

func (s nxState) output(cmd string) string {
	switch {
	case strings.HasPrefix(cmd, "show system redundancy status"):
		act, oth := s.sup, 3-s.sup
		return fmt.Sprintf(`Redundancy mode
---------------
      administrative:   HA
         operational:   HA

This supervisor (sup-%d)
-----------------------
    Redundancy state:   Active
    Supervisor state:   Active
      Internal state:   Active with HA standby

Other supervisor (sup-%d)
------------------------
    Redundancy state:   Standby
    Supervisor state:   HA standby
      Internal state:   HA standby
`, act, oth)
	case strings.HasPrefix(cmd, "show module"):
		a, b := "active *", "ha-standby"
		if s.sup == 2 {
			a, b = b, a
		}
		return fmt.Sprintf(`Mod Ports             Module-Type                       Model          Status
--- ----- ------------------------------------- --------------------- ---------
1    52   48x1/10G SFP+ 4x40G Ethernet Module   N9K-X9564PX           ok
27   0    Supervisor Module                     N9K-SUP-A             %s
28   0    Supervisor Module                     N9K-SUP-A             %s

Mod  Sw                Hw     Slot
---  ----------------  ------ ----
1    10.2(3)           1.3    LC1
27   10.2(3)           1.4    SUP1
28   10.2(3)           1.4    SUP2
`, a, b)
	case strings.HasPrefix(cmd, "show install all status"):
		head := "<Fri Nov 27 19:59:21>\n Setting boot variables.\n -- SUCCESS <Fri Nov 27 20:00:14>\n\n"
		switch s.install {
		case "stale":
			return head + "Install has been successful.\n"
		case "running":
			return "There is an on-going installation... \nEnter Ctrl-C to go back to the prompt.\n\n" + head + " " + s.step + "\n"
		case "ok":
			return head + "Non-disruptive upgrading.\n[####################] 100% -- SUCCESS\n\nInstall has been successful.\n"
		case "fail":
			return head + "<Fri Nov 27 20:01:00>\n Notifying services about system upgrade.\n -- FAIL. <Fri Nov 27 20:01:13>\nReturn code 0x437F0001 ((null)).\n"
		}
		return "No install all data found\n"
	case strings.HasPrefix(cmd, "show bgp vrf all all summary"):
		var b strings.Builder
		b.WriteString("BGP summary information for VRF default, address family IPv4 Unicast\n" +
			"BGP router identifier 10.0.0.1, local AS number 65001\n" +
			"BGP table version is 174, IPv4 Unicast config peers 3, capable peers 3\n\n" +
			"Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n")
		for _, n := range sortedKeys(s.bgp) {
			fmt.Fprintf(&b, "%-15s 4 65002     841      28      174    0    0 00:20:33 %s\n", n, s.bgp[n])
		}
		return b.String()
	case strings.HasPrefix(cmd, "show ip ospf neighbors detail"):
		var b strings.Builder
		for _, n := range sortedKeys(s.ospf) {
			fmt.Fprintf(&b, " Neighbor %s, interface address 10.2.0.2\n    Process ID 1 VRF default, in area 0.0.0.0 via interface Ethernet1/2\n    State is %s, 6 state changes, last change 08:38:39\n    Neighbor priority is 1\n    DR is 10.2.0.1 BDR is 10.2.0.2\n    Hello options 0x12, dbd options 0x52\n    Last non-hello packet received never\n      Dead timer due in 00:00:38\n", n, s.ospf[n])
		}
		return b.String()
	case strings.HasPrefix(cmd, "show ip route"):
		f := strings.Fields(cmd)
		pfx := f[3]
		if !s.routes[pfx] {
			return "IP Route Table for VRF \"default\"\n'*' denotes best ucast next-hop\n'**' denotes best mcast next-hop\n\nRoute not found\n"
		}
		return fmt.Sprintf("IP Route Table for VRF \"default\"\n'*' denotes best ucast next-hop\n'**' denotes best mcast next-hop\n'[x/y]' denotes [preference/metric]\n'%%<string>' in via output denotes VRF <string>\n\n%s, ubest/mbest: 1/0\n    *via 10.1.1.6, [20/0], 00:20:33, bgp-65001, external, tag 65002\n", pfx)
	case strings.HasPrefix(cmd, "show logging"):
		return strings.Join(s.logs, "\n") + "\n"
	case strings.HasPrefix(cmd, "show cores"):
		out := "VDC  Module  Instance  Process-name     PID       Date(Year-Month-Day Time)\n---  ------  --------  ---------------  --------  -------------------------\n"
		for _, c := range s.cores {
			out += c + "\n"
		}
		return out
	case strings.HasPrefix(cmd, "show processes cpu"):
		return fmt.Sprintf("CPU utilization for five seconds: %d%%/5%%; one minute: %d%%; five minutes: %d%%\n", s.cpu, s.cpu, s.cpu)
	case strings.HasPrefix(cmd, "ping"):
		loss := float64(5-s.pingRecv) * 20
		out := fmt.Sprintf("PING 10.99.0.1 (10.99.0.1) from 10.0.0.1: 56 data bytes\n\n--- 10.99.0.1 ping statistics ---\n5 packets transmitted, %d packets received, %.2f%% packet loss\n", s.pingRecv, loss)
		if s.pingRecv > 0 {
			out += "round-trip min/avg/max = 0.512/0.734/1.021 ms\n"
		}
		return out
	}
	return "% Invalid command at '^' marker.\n"
}

// fakeTarget serves a scripted timeline: script(step) is the device state
// at its step-th poll. Steps advance per poll that reaches the device and
// per failed reconnect, not per monitor cycle, so a loaded machine that
// skips cycles still walks through every scripted state: a state with
// down=true fails one poll or one reconnect attempt.
type fakeTarget struct {
	name   string
	os     string
	clock  *fakeClock // unused by the script; kept for symmetry with the lab
	script func(step int) nxState

	mu         sync.Mutex
	step       int // current step
	lastPoll   int // monitor cycle of the current step
	execs      int
	reconnects int
	hook       func(poll int, cmd string) // called on every Execute with the cycle number
}

// stepFor advances the step when a new monitor cycle reaches the device.
func (f *fakeTarget) stepFor(poll int) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if poll != f.lastPoll {
		f.lastPoll = poll
		f.step++
	}
	return f.step
}

func (f *fakeTarget) Name() string { return f.name }
func (f *fakeTarget) OS() string   { return f.os }

func (f *fakeTarget) Execute(ctx context.Context, cmd string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	poll := PollNumber(ctx)
	step := f.stepFor(poll)
	f.mu.Lock()
	f.execs++
	hook := f.hook
	f.mu.Unlock()
	if hook != nil {
		hook(poll, cmd)
	}
	st := f.script(step)
	if st.down {
		return "", fmt.Errorf("%s: read: %w", f.name, io.EOF)
	}
	return st.output(cmd), nil
}

func (f *fakeTarget) Reconnect(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reconnects++
	if f.script(f.step + 1).down {
		f.step++
		return fmt.Errorf("dial %s: connection refused", f.name)
	}
	return nil
}

// checkNoLeak fails when goroutines started during the test outlive it.
func checkNoLeak(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<16)
				n := runtime.Stack(buf, true)
				t.Errorf("goroutine leak: %d > %d\n%s", runtime.NumGoroutine(), before, buf[:n])
				return
			}
			runtime.Gosched()
			time.Sleep(time.Millisecond)
		}
	})
}

// kinds lists the event kinds of a device, in order.
func kinds(evs []Event, dev string) []string {
	var out []string
	for _, e := range evs {
		if dev == "" || e.Device == dev {
			out = append(out, e.Kind)
		}
	}
	return out
}

func find(evs []Event, kind, subject string) (Event, bool) {
	for _, e := range evs {
		if e.Kind == kind && (subject == "" || e.Subject == subject) {
			return e, true
		}
	}
	return Event{}, false
}

func count(evs []Event, kind string) int {
	n := 0
	for _, e := range evs {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}
