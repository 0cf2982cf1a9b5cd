package iosxe

import (
	"regexp"
	"strings"
	"testing"
)

// handMatchers pairs each hand-written line matcher with the regexp it
// replaced; both must accept the same lines and capture the same groups.
var handMatchers = []struct {
	expr  string
	match func(string, *scanM) bool
}{
	{`^Syslog logging: (\w+) \((\d+) messages dropped, (\d+) messages rate-limited, (\d+) flushes, (\d+) overruns, xml (\w+), filtering (\w+)\)`, matchSyslog},
	{`^(Console|Monitor|Buffer) logging: +(?:level (\w+), (\d+) messages logged, xml (\w+),?|(disabled)(?:, xml (\w+),?)?)$`, matchLogDest},
	{`^filtering (\w+)`, matchLogFilter},
	{`^Exception Logging: size \((\d+) bytes\)`, matchLogExcSize},
	{`^Trap logging: level (\w+), (\d+) message lines logged`, matchLogTrap},
	{`^Logging to (\S+) +(?:\((\S+)\) +)?\((\w+) port (\d+), +audit (\w+),?$`, matchLogTo},
	{`^Log Buffer \((\d+) bytes\):`, matchLogBuf},
	{`^(\d+) message lines (logged|rate-limited|dropped-by-MD),?$`, matchLogLines},
	{`^(\S+)(?: +(\S+))?$`, matchTwoWords},
	{`^Cisco IOS XE Software, Version (\S+)`, matchVerXE},
	{`^(?:Cisco IOS Software|IOS \(tm\))(?: \[(.*?)\])?,? *(?:IOS-XE Software, )?(.+?) +Software \(([^)]+)\),(?: (Experimental))? Version ([^ ,]+)(?:,? *(.*))?$`, matchVerIOS},
	{`^Copyright \(c\) (\S+) by`, matchCopyright},
	{`^Compiled (.+) by (\S+)`, matchCompiled},
	{`^System returned to ROM by (.+?)(?: at (.+))?$`, matchReturned},
	{`^System restarted at (.+)$`, matchRestarted},
	{`^System image file is "([^"]*)"`, matchImageFile},
	{`^(?:[Cc]isco|Allen-Bradley) +(\S+) +\(([^)]+)\) +processor.* with +(\d+)K(?:/\d+K)? +bytes +of +(?:physical +)?memory`, matchProcessor},
	{`^Processor board ID ([^\s,]+)`, matchBoardID},
	{`^Configuration register is (\S+)(?: \(will be (\S+) at next reload\))?`, matchConfReg},
	{`^(\S+) CPU at (\S+?),(?: (\S+) core,)?(?: (\S+) L2 Cache)?(?: Supervisor (\S+))?`, matchCPU},
	{`^Image text-base: (\S+), data-base: (\S+)`, matchImageBase},
	{`^Switch +0*(\d+)$`, matchSwitchHdr},
	{`^Jawa Revision (\S+), Snowtrooper Revision (\S+)`, matchJawa},
	{`^(\S+) +(\S+) +(\S+) +(\S+)$`, matchLicRow4},
	{`^Suite License Information for Module:'(\S+)'`, matchSuiteHdr},
	{`^\d+ .*(?:interface|line|port)s?(?:\(s\))?\.?$`, func(s string, _ *scanM) bool { return matchClassicCount(s) }},
	{`^[A-Z][A-Za-z ]+(?:number|Address): \S+$`, func(s string, _ *scanM) bool { return matchClassicKV(s) }},
	{`^License Level: (\S+) +Type: (.+)$`, matchLicLevelTy},
	{`^Loadversion time: (.+?) on (.+)$`, matchIssuLoad},
	{`^Rollback: (\w+)(?:, (?:remaining time before rollback: (\S+)|(.+)))?$`, matchIssuRollback},
	{`^Operating mode: (\w+)(?:, terminal state (not )?reached)?`, matchIssuOpMode},
	{`lock acquisition on R(\d+)`, matchIssuLock},
	{`^\[ *(.+?) *\] .*Package\(s\) Information:`, matchInstLoc},
	{`^Auto abort timer: (.+?)(?:, time before rollback - (\S+))?$`, matchInstAbort},
	{`^Packet sent with a source address of (\S+)`, matchPingSource},
	{`^FAN PS-(\d+) is (.+)$`, matchEnvFanPS},
	{`^Switch (\d+): SYSTEM TEMPERATURE is (.+)$`, matchEnvSysTemp},
	{`^(\w+) Temperature Value: (\d+)`, matchEnvTempVal},
	{`^(Yellow|Red) Threshold *: *(\d+)`, matchEnvThr},
	{`^(\d+)([A-Z]) +(\S+) +(\S+) +(\S+) +(\S+) +(\S+) +(\d+)$`, matchEnvPSURow},
	{`^(\d+)([A-Z]) +Not Present$`, matchEnvPSUNP},
	{`^([0-9a-fA-F.:]+/\d+)(?:, epoch (\d+)(?:, flags \[(.*)\])?)?(?:, (per-destination sharing))?$`, matchCefPrefix},
	{`^(?:nexthop|attached to)(?: (\S+))?(?: (\S+))?(?: label (\S+?)(?:-\(local:(\d+)\))?)?(?: (\d+))?$`, matchCefNH},
	{`^\[?(\w+)(?:\((\w+)\))?(?:\|(\w+)\])?$`, matchCefLabel},
	{`^(?:SPA|IM|NIM|PVDM|SM) +subslot +(\d+)/(\d+)`, matchInvSubslot},
	{`^subslot +(\d+)/(.*)$`, matchInvTrans},
	{`^StackPort(\d+)/(\d+)$`, matchInvStack},
	{`^Modem +\S+ +on +Cellular(\d+)/(.*)$`, matchInvModem},
	{`^(?:Slot \d+ (?:Linecard|Supervisor)|Fan Tray(?: \d+)?)$`, func(s string, _ *scanM) bool { return matchInvSlotName(s) }},
	{`^(?:Switch|[Mm]odule) +(\S+)`, matchInvSwitch},
	{`^(Standby )?Configuration register is (\S+)(?: +\(will be (\S+) at next reload\))?`, matchBVConfig},
	{`^(Standby )?Configuration [Rr]egister is (\S+)`, matchConfReg2},
	{`^via DHCP: +(\w+)(?: \(next boot: (\w+)\))?`, matchBootDHCP},
	{`^Number of (Critical|Major|Minor) alarms: +(\d+)`, matchEnvAlarm},
	{`^Chassis(?: (\d+))? MAC address range: (\d+) addresses from (\S+) to (\S+)`, matchModChassisMAC},
	{`^(?:Core (\d+): )?CPU utilization for five seconds: (\d+)%(?:/(\d+)%)?; +one minute: (\d+)%; +five minutes: (\d+)%`, matchCPUUtil},
	{`^System memory: (\S+) total, (\S+) used, (\S+) free`, matchSysMem},
	{`^(\S+) +(\d+|N/A) +([\w.()]+|N/A)$`, matchPlatCPLD},
	{`url (\S+), disk space (\d+) bytes, file size (\d+) bytes, batch size (\d+) bytes(?:, threshold capacity (\d+))?`, matchLogPers},
}

var handMatcherRes = func() []*regexp.Regexp {
	var res []*regexp.Regexp
	for _, h := range handMatchers {
		res = append(res, regexp.MustCompile(h.expr))
	}
	return res
}()

// checkHandMatchers reports the first disagreement between a matcher and
// its pattern on s.
func checkHandMatchers(t *testing.T, s string) {
	if strings.IndexByte(s, '\n') >= 0 {
		// Lines never hold a newline, and '.' does not match one.
		return
	}
	for i, h := range handMatchers {
		re := handMatcherRes[i]
		want := re.FindStringSubmatch(s)
		var m scanM
		ok := h.match(s, &m)
		if ok != (want != nil) {
			t.Fatalf("%s on %q: matched %v, pattern %q", h.expr, s, ok, want)
		}
		for i := 1; ok && i < len(want); i++ {
			if m[i] != want[i] {
				t.Fatalf("%s on %q: group %d = %q, pattern %q", h.expr, s, i, m[i], want[i])
			}
		}
	}
}

func TestHandMatchersMatchPatterns(t *testing.T) {
	cases := []string{
		"", "a", "a b", "a  b", "a b c", "a\tb", "a \tb", "a ", " a", "a\vb", "a\u00a0b",
		"Syslog logging: enabled (0 messages dropped, 149 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)",
		"Syslog logging: enabled (0 messages dropped, 149 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled",
		"Console logging: level debugging, 12 messages logged, xml disabled,", "Console logging: level debugging, 12 messages logged, xml disabled",
		"Monitor logging: disabled", "Buffer logging:  disabled, xml disabled,", "Buffer logging:  disabled, xml disabled,,",
		"Buffer logging:disabled", "Console logging: disabled, xml", "Console logging: level x, 1 messages logged, xml y, z",
		"filtering disabled", "filtering ", "filtering x-y", "Exception Logging: size (4096 bytes)", "Exception Logging: size ( bytes)",
		"Trap logging: level informational, 35 message lines logged", "Trap logging: level informational, 35 message lines",
		"Logging to 10.1.1.1  (udp port 514,  audit disabled,", "Logging to 10.1.1.1 (Mgmt-intf) (udp port 514, audit disabled,",
		"Logging to 10.1.1.1 (a)b) (tcp port 1, audit x", "Logging to 10.1.1.1 () (udp port 514, audit disabled",
		"Logging to 10.1.1.1 ()) (udp port 514, audit disabled", "Logging to 10.1.1.1 (x)\t(udp port 514, audit disabled",
		"Logging to 10.1.1.1 (x) (y) (udp port 514, audit disabled", "Logging to h (udp port 514,audit a",
		"Log Buffer (8192 bytes):", "Log Buffer (8192 bytes)", "12 message lines logged", "12 message lines rate-limited,",
		"12 message lines dropped-by-MD", "12 message lines dropped-by-MD,,", "12 message lines logged x",
		"Cisco IOS Software, IOS-XE Software, Catalyst 4500 L3 Switch  Software (cat4500e-UNIVERSALK9-M), Version 03.03.02.SG RELEASE SOFTWARE (fc1)",
		"Cisco IOS Software [Amsterdam], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.3.1a, RELEASE SOFTWARE (fc3)",
		"Cisco IOS Software [a] b], x Software (y), Version 1", "Cisco IOS Software [a]Software (y), Version 1", "Cisco IOS Software,  ,x Software (y),Experimental Version 1,",
		"IOS (tm) C2600 Software (C2600-I-M), Experimental Version 12.2(20010725:200023) [user-eve2 109]", "Cisco IOS Software, Software (a), Version 1", "Cisco IOS Software,x Software () , Version 1",
		"Cisco IOS Software, a Software (b) Software (c), Version 1", "Cisco IOS Software, a  Software (b), Version ,", "Cisco IOS Software, a Software (b), Version 1, , x",
		"Compiled Mon 28-Jun-10 by prod_rel_team", "Compiled x by by y", "Compiled  by x", "Compiled a by ", "Compiled a by b by c",
		"System returned to ROM by reload at 10:10:10 UTC", "System returned to ROM by  at ", "System returned to ROM by a at  at b", "System returned to ROM by x at",
		"cisco WS-C3850-24P (MIPS) processor (revision V07) with 866356K/6147K bytes of memory.", "Cisco ISR4451 (2RU) processor with 1795979K/6147K bytes of physical memory. with 5K bytes of memory",
		"Cisco x (y) processor with 12K/ bytes of memory", "Cisco x (y) processor with 12K/3K  bytes  of  physical  memory", "Cisco x (y) processorwith 1K bytes of memory",
		"Processor board ID FOC1,2", "Configuration register is 0x2102 (will be 0x2142 at next reload)", "Configuration register is 0x2102 (will be  at next reload)",
		"MPC8540 CPU at 800MHz, Supervisor 7", "Intel(R) CPU at 2.2GHz, 4 core, 8MB L2 Cache", "x CPU at ,1,", "x CPU at a b,", "x CPU at 1,, Supervisor ",
		"Image text-base: 0x1, data-base: 0x2", "Image text-base: 0x1,, data-base: 0x2", "Switch 00", "Switch 0", "Switch 010", "Switch  1 ",
		"Suite License Information for Module:'esg'", "Suite License Information for Module:'a'b' c'", "Suite License Information for Module:''",
		"16 terminal lines.", "1 Serial network interface(s)", "2 ports(s).", "1 x", "Model number: WS-C2940", "M number: x", "Base Ethernet MAC Address: 00:11",
		"License Level: ipbase  Type: Permanent", "License Level: a Type: ",
		"Loadversion time: 20180501 on vty 0", "Loadversion time:  on  on x", "Loadversion time: a on ", "Loadversion time: a on  on b",
		"Rollback: inactive", "Rollback: active, remaining time before rollback: 00:41:56", "Rollback: active, remaining time before rollback: 1 2",
		"Rollback: inactive, reason: install commit", "Rollback: x, ", "Rollback: x,", "Rollback: inactive x",
		"Operating mode: enabled, terminal state reached", "Operating mode: enabled, terminal state not reached", "Operating mode: x, terminal state not x",
		"Operating mode: x, terminal state notreached", "Operating mode: -", "No lock acquisition on R0", "lock acquisition on Rx lock acquisition on R12",
		"[ R0 ] Installed Package(s) Information:", "[R0] Package(s) Information:", "[ ] Package(s) Information:", "[  ] x] Package(s) Information:",
		"[] ] Package(s) Information:", "[ a  ] b ] Package(s) Information:", "[a] Package(s) Information:] x", "[ ]  ] Package(s) Information:",
		"[   ] Package(s) Information:", "[ ]] ] Package(s) Information:", "[x]] Package(s) Information:",
		"Auto abort timer: active , time before rollback - 01:59:42", "Auto abort timer: inactive", "Auto abort timer: a, time before rollback - x y",
		"Auto abort timer: , time before rollback - x", "Auto abort timer: a, time before rollback - , time before rollback - z",
		"Packet sent with a source address of 10.1.1.1", "Packet sent with a source address of ",
		"10.1.1.0/24", "10.1.1.0/24, epoch 2", "10.1.1.0/24, epoch 2, flags [rib only nolabel, rib defined all labels]", "10.1.1.0/24, epoch 2, flags [a], per-destination sharing",
		"10.1.1.0/24, epoch 2, flags [a] x", "10.1.1.0/24, per-destination sharing", "2001:db8::/64, epoch 0, flags [a]]", "10.1.1.0/24, epoch 2, flags [a], per-destination sharing]",
		"/24", "10.1.1.0/", "10.1.1.0/24,", "10.1.1.0/24, epoch , flags []",
		"nexthop 10.0.0.1 GigabitEthernet0/1 label 16-(local:17)", "nexthop 10.0.0.1 Gi0/1 label [16|17]-(local:18) 5", "nexthop 10.0.0.1 Gi0/1 label 16 99",
		"nexthop label 5 x", "nexthop a b c", "nexthop a b 7", "nexthop a 7", "nexthop", "nexthop ", "nexthop  a", "attached to Gi0/1", "nexthop a b label x-(local:)",
		"nexthop a b label -(local:5)", "nexthop a b label a-(local:x-(local:5)", "nexthop a b label a-(local:5) 6 7", "nexthop a label b label c", "nexthopx",
		"[16|17]", "16(a)", "16(a)|b]", "[x", "16(a", "16|b", "", "FAN PS-1 is ", "FAN PS-x is OK", "Switch 1: SYSTEM TEMPERATURE is OK", "Switch 1: SYSTEM TEMPERATURE is ",
		"Inlet Temperature Value: 34 Degree Celsius", "Inlet Temperature Value: x", "Yellow Threshold : 46 Degree Celsius", "Red Threshold:56", "Red Threshold  :  ",
		"1A  PWR-C1-715WAC       DCB1705B05B  OK              Good     Good     715", "1A  PWR-C1-715WAC       DCB1705B05B  OK              Good     Good     715x",
		"1A PWR a b c d 5 6", "1A PWR a b c	d 5", "1B  Not Present", "1B  Not Present ", "1b  Not Present", "A Not Present",
		"enabled, url bootflash:/syslog, disk space 1000 bytes, file size 100 bytes, batch size 10 bytes, threshold capacity 90, immediate",
		"url url a, disk space 1 bytes, file size 2 bytes, batch size 3 bytes", "url x,, disk space 1 bytes, file size 2 bytes, batch size 3 bytes, threshold capacity ",
		"url a, disk space 1 bytes, file size 2 bytes, batch size 3 bytesurl b, disk space 4 bytes, file size 5 bytes, batch size 6 bytes",
	}
	for _, s := range seedTexts(t) {
		for _, l := range strings.Split(s, "\n") {
			cases = append(cases, strings.TrimSpace(l), l)
		}
	}
	for _, s := range cases {
		checkHandMatchers(t, s)
	}
}

// FuzzHandMatchers compares the matchers with their patterns on any text.
func FuzzHandMatchers(f *testing.F) {
	for _, s := range []string{"Logging to 10.1.1.1 (Mgmt-intf) (udp port 514, audit disabled,", "Buffer logging:  disabled, xml disabled,", "a b"} {
		f.Add(s)
	}
	f.Fuzz(checkHandMatchers)
}
