package iosxr

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowBgpInstanceSummary is the parsed output of "show bgp instance ...
// summary", "show bgp summary" and "show bgp l2vpn evpn summary": per BGP
// instance and VRF, the address-family state and the neighbors.
type ShowBgpInstanceSummary struct {
	Instance map[string]*BgpInstance `json:"instance"`
}

// BgpInstance is one BGP instance.
type BgpInstance struct {
	Vrf map[string]*BgpVrf `json:"vrf,omitempty"`
}

// BgpVrf is one VRF of an instance.
type BgpVrf struct {
	AddressFamily map[string]*BgpAddressFamily `json:"address_family,omitempty"`
	Neighbor      map[string]*BgpNeighbor      `json:"neighbor,omitempty"`
}

// BgpAddressFamily is the header block of one address family.
type BgpAddressFamily struct {
	RouteDistinguisher        string                 `json:"route_distinguisher,omitempty"`
	BgpTableVersion           *int                   `json:"bgp_table_version,omitempty"`
	LocalAS                   ASNumber               `json:"local_as,omitempty"`
	RouterID                  string                 `json:"router_id,omitempty"`
	NonStopRouting            string                 `json:"non_stop_routing,omitempty"`
	TableState                string                 `json:"table_state,omitempty"`
	TableID                   string                 `json:"table_id,omitempty"`
	RDVersion                 *int                   `json:"rd_version,omitempty"`
	GenericScanInterval       *int                   `json:"generic_scan_interval,omitempty"`
	NSRInitialInitsyncVersion *int                   `json:"nsr_initial_initsync_version,omitempty"`
	NSRInitialInitVerStatus   string                 `json:"nsr_initial_init_ver_status,omitempty"`
	NSRIssuSyncGroupVersions  string                 `json:"nsr_issu_sync_group_versions,omitempty"`
	ScanInterval              *int                   `json:"scan_interval,omitempty"`
	OperationMode             string                 `json:"operation_mode,omitempty"`
	VrfID                     string                 `json:"vrf_id,omitempty"`
	Process                   map[string]*BgpProcess `json:"process,omitempty"`

	// storage for the optional ints, so that the block is one allocation
	tblVer, rdVer, genScan, nsrInit, scan int
}

// BgpProcess is one row of the Process/RcvTblVer table.
type BgpProcess struct {
	RcvTblVer  int `json:"rcvtblver"`
	BribRib    int `json:"brib_rib"`
	LabelVer   int `json:"labelver"`
	ImportVer  int `json:"importver"`
	SendTblVer int `json:"sendtblver"`
	StandbyVer int `json:"standbyver"`
}

// BgpNeighbor is one peer, with a row per address family.
type BgpNeighbor struct {
	RemoteAS      ASNumber       `json:"remote_as"`
	AddressFamily BgpNeighborAFs `json:"address_family"`
}

// BgpNeighborAF is one neighbor row. StatePfxRcd is the received prefix
// count when the session is up, else the state ("Idle (Admin)").
type BgpNeighborAF struct {
	TblVer      int    `json:"tbl_ver"`
	Spk         int    `json:"spk"`
	MsgRcvd     int    `json:"msg_rcvd"`
	MsgSent     int    `json:"msg_sent"`
	InputQueue  int    `json:"input_queue"`
	OutputQueue int    `json:"output_queue"`
	UpDown      string `json:"up_down"`
	StatePfxRcd string `json:"state_pfxrcd"`

	family string // the key in BgpNeighborAFs
}

// Family is the address family the row is filed under.
func (n *BgpNeighborAF) Family() string { return n.family }

// Established reports whether the session is up (St/PfxRcd is a count).
func (n *BgpNeighborAF) Established() bool { return isDigits(n.StatePfxRcd) }

// BgpSummaryOptions say where a summary's data belongs when the output
// does not say it: Genie takes them from the command.
type BgpSummaryOptions struct {
	Instance string // "all" when empty
	Vrf      string // "default" when empty; "VRF:" sections name their own
	// AddressFamily files the data when the output has no "Address
	// Family:" line, e.g. "ipv4 unicast"; in "VRF:" sections ipv4/ipv6
	// become "vpnv4 unicast"/"vpnv6 unicast" as in Genie.
	AddressFamily string
}

func init() {
	register(core.Entry{
		Class: "ShowBgpInstanceSummary",
		Commands: []string{
			"show bgp instance {instance} all all summary",
			"show bgp instance {instance} {vrf_type} {vrf} {address_family} summary",
			"show bgp instance {instance} {vrf_type} {vrf} summary",
		},
		Parse: func(out string, p core.Params) (any, []string, error) {
			return result(parseBgpSummary(out, BgpSummaryOptions{
				Instance: p["instance"], AddressFamily: p["address_family"],
			}))
		},
	})
	register(core.Entry{
		Class:    "ShowBgpL2vpnEvpnSummary",
		Commands: []string{"show bgp l2vpn evpn summary"},
		Parse: func(out string, p core.Params) (any, []string, error) {
			return result(parseBgpSummary(out, BgpSummaryOptions{AddressFamily: "l2vpn evpn"}))
		},
	})
	// Genie has no class for the plain command; it prints the default
	// instance's IPv4 unicast table (or the named family) in the same format.
	register(core.Entry{
		Class: "ShowBgpSummary",
		Commands: []string{
			"show bgp summary",
			"show bgp {afi} {safi} summary",
			"show bgp vrf {vrf} summary",
			"show bgp vrf {vrf} {afi} {safi} summary",
		},
		Parse: func(out string, p core.Params) (any, []string, error) {
			af := "ipv4 unicast"
			if p["afi"] != "" && p["safi"] != "" {
				af = strings.ToLower(p["afi"] + " " + p["safi"])
			}
			return result(parseBgpSummary(out, BgpSummaryOptions{Instance: "default", Vrf: p["vrf"], AddressFamily: af}))
		},
	})
}

// ParseShowBgpInstanceSummary parses "show bgp instance all all all
// summary": instance and family names come from the output.
func ParseShowBgpInstanceSummary(out string) (*ShowBgpInstanceSummary, error) {
	r, _, err := parseBgpSummary(out, BgpSummaryOptions{})
	return r, err
}

// ParseShowBgpInstanceSummaryOpts parses any BGP summary with the instance
// and family the command named, for output that does not print them.
func ParseShowBgpInstanceSummaryOpts(out string, opt BgpSummaryOptions) (*ShowBgpInstanceSummary, error) {
	r, _, err := parseBgpSummary(out, opt)
	return r, err
}

// ParseShowBgpSummary parses "show bgp summary": instance "default", VRF
// "default", family "ipv4 unicast" unless the output names others.
func ParseShowBgpSummary(out string) (*ShowBgpInstanceSummary, error) {
	r, _, err := parseBgpSummary(out, BgpSummaryOptions{Instance: "default", AddressFamily: "ipv4 unicast"})
	return r, err
}

// ParseShowBgpL2vpnEvpnSummary parses "show bgp l2vpn evpn summary".
func ParseShowBgpL2vpnEvpnSummary(out string) (*ShowBgpInstanceSummary, error) {
	r, _, err := parseBgpSummary(out, BgpSummaryOptions{AddressFamily: "l2vpn evpn"})
	return r, err
}

type bgpState struct {
	res       *ShowBgpInstanceSummary
	opt       BgpSummaryOptions
	instance  string
	vrf       string
	af        string
	pendingNb string // an IPv6 neighbor address alone on its line
	hint      int    // number of lines, to size the neighbor map once
	table     int    // 0 none, 1 process, 2 neighbor
	lineNo    int    // lines read so far
	nbs       slab[bgpNbAlloc]

	// The result with its first instance, VRF and family, allocated
	// together: most outputs have one of each.
	top *bgpTop

	// The VRF entry last returned and its names: every neighbor row needs
	// it, and looking it up costs two map hashes.
	cur               *BgpVrf
	curInst, curVrfNm string
	// The family entry last returned, of VRF curAFVrf.
	curAF     *BgpAddressFamily
	curAFVrf  *BgpVrf
	curAFName string
}

// bgpNbAlloc is a neighbor with its first family row and the backing of
// its family list.
type bgpNbAlloc struct {
	nb  BgpNeighbor
	af  BgpNeighborAF
	afs [1]*BgpNeighborAF
}

type bgpTop struct {
	res             ShowBgpInstanceSummary
	inst            BgpInstance
	vrf             BgpVrf
	af              BgpAddressFamily
	proc            BgpProcess
	vrfUsed, afUsed bool
	procUsed        bool
}

func (s *bgpState) vrfEntry() *BgpVrf {
	if s.cur != nil && s.curInst == s.instance && s.curVrfNm == s.vrf {
		return s.cur
	}
	in := s.res.Instance[s.instance]
	if in == nil {
		in = &BgpInstance{}
		if s.top.inst.Vrf == nil && len(s.res.Instance) == 0 {
			in = &s.top.inst
		}
		s.res.Instance[s.instance] = in
	}
	if in.Vrf == nil {
		in.Vrf = map[string]*BgpVrf{}
	}
	v := in.Vrf[s.vrf]
	if v == nil {
		v = &BgpVrf{}
		if !s.top.vrfUsed {
			v, s.top.vrfUsed = &s.top.vrf, true
		}
		in.Vrf[s.vrf] = v
	}
	s.cur, s.curInst, s.curVrfNm = v, s.instance, s.vrf
	return v
}

func (s *bgpState) afEntry() *BgpAddressFamily {
	v := s.vrfEntry()
	// Each header line asks for the family: keep the last one.
	if s.curAF != nil && s.curAFVrf == v && s.curAFName == s.af {
		return s.curAF
	}
	a := s.afLookup(v)
	s.curAF, s.curAFVrf, s.curAFName = a, v, s.af
	return a
}

func (s *bgpState) afLookup(v *BgpVrf) *BgpAddressFamily {
	if v.AddressFamily == nil {
		v.AddressFamily = map[string]*BgpAddressFamily{}
	}
	a := v.AddressFamily[s.af]
	if a == nil {
		a = &BgpAddressFamily{}
		if !s.top.afUsed {
			a, s.top.afUsed = &s.top.af, true
		}
		v.AddressFamily[s.af] = a
	}
	return a
}

// vrfAF is the family a "VRF:" section is filed under: Genie turns the
// command's ipv4/ipv6 into vpnv4/vpnv6.
func vrfAF(af string) string {
	switch {
	case strings.HasPrefix(af, "ipv4"), af == "":
		return "vpnv4 unicast"
	case strings.HasPrefix(af, "ipv6"):
		return "vpnv6 unicast"
	}
	return af
}

func parseBgpSummary(out string, opt BgpSummaryOptions) (*ShowBgpInstanceSummary, []string, error) {
	var un core.Unparsed
	top := &bgpTop{}
	top.res.Instance = map[string]*BgpInstance{}
	s := &bgpState{res: &top.res, top: top, opt: opt}
	s.instance = opt.Instance
	if s.instance == "" {
		s.instance = "all"
	}
	s.vrf = opt.Vrf
	if s.vrf == "" || strings.EqualFold(s.vrf, "all") {
		s.vrf = "default"
	}
	s.af = strings.ToLower(strings.TrimSpace(opt.AddressFamily))
	found := false
	s.hint = lineCount(out)
	for line := range lines(out) {
		s.lineNo++
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if (t[0] == '-' || t[0] == '=') && onlyDashesEquals(t) {
			continue
		}
		ok := s.line(t)
		if ok {
			found = true
			continue
		}
		if !isIgnorable(t) {
			un.Add(line)
		}
	}
	if !found || len(s.res.Instance) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return s.res, un.Lines(), nil
}

func (s *bgpState) line(t string) bool {
	// Neighbor rows are most of a large summary: try them first.
	if s.table == 2 && isHexDigit(t[0]) && s.neighborRow(t) {
		return true
	}
	// Every header line starts with one of these letters: table rows
	// skip the prefix tests.
	if c := t[0]; c == 'B' || c == 'V' || c == 'A' || c == 'N' || c == 'T' || c == 'P' {
		// "BGP ..." lines are told apart by their fifth byte first.
		c4 := byte(0)
		if len(t) > 4 {
			c4 = t[4]
		}
		switch {
		case c4 == 'i' && strings.HasPrefix(t, "BGP instance "):
			_, name, ok := strings.Cut(t, ": ")
			if !ok {
				return false
			}
			s.instance = strings.Trim(name, "'")
			s.vrf = "default"
			s.table = 0
			return true
		case strings.HasPrefix(t, "VRF: "):
			s.vrf = strings.TrimSpace(t[len("VRF: "):])
			s.af = vrfAF(strings.ToLower(s.opt.AddressFamily))
			s.table = 0
			s.vrfEntry()
			return true
		case strings.HasPrefix(t, "Address Family: "):
			s.af = lowerWord(strings.TrimSpace(t[len("Address Family: "):]))
			s.table = 0
			return true
		case c4 == 'V' && strings.HasPrefix(t, "BGP VRF "):
			// Genie does not report bgp_vrf or vrf_state from this line; it
			// names the VRF of "show bgp vrf X summary", which has no "VRF:".
			if name, _, ok := strings.Cut(t[len("BGP VRF "):], ","); ok && s.vrf == "default" {
				s.vrf = strings.TrimSpace(name)
			}
			return true
		case c4 == 'R' && strings.HasPrefix(t, "BGP Route Distinguisher: "):
			s.afEntry().RouteDistinguisher = strings.TrimSpace(t[len("BGP Route Distinguisher: "):])
			return true
		case strings.HasPrefix(t, "VRF ID: "):
			s.afEntry().VrfID = strings.TrimSpace(t[len("VRF ID: "):])
			return true
		case c4 == 'r' && strings.HasPrefix(t, "BGP router identifier "):
			id, as, ok := strings.Cut(t[len("BGP router identifier "):], ", local AS number ")
			if !ok {
				return false
			}
			a := s.afEntry()
			a.RouterID, a.LocalAS = id, ASNumber(strings.TrimSpace(as))
			return true
		case c4 == 'g' && strings.HasPrefix(t, "BGP generic scan interval "):
			n, ok := atoi(strings.TrimSuffix(t[len("BGP generic scan interval "):], " secs"))
			if !ok {
				return false
			}
			a := s.afEntry()
			a.genScan = n
			a.GenericScanInterval = &a.genScan
			return true
		case c4 == 's' && strings.HasPrefix(t, "BGP scan interval "):
			n, ok := atoi(strings.TrimSuffix(t[len("BGP scan interval "):], " secs"))
			if !ok {
				return false
			}
			a := s.afEntry()
			a.scan = n
			a.ScanInterval = &a.scan
			return true
		case strings.HasPrefix(t, "Non-stop routing is "):
			s.afEntry().NonStopRouting = strings.TrimSpace(t[len("Non-stop routing is "):])
			return true
		case c4 == 't' && strings.HasPrefix(t, "BGP table state: "):
			s.afEntry().TableState = lowerWord(strings.TrimSpace(t[len("BGP table state: "):]))
			return true
		case strings.HasPrefix(t, "Table ID: "):
			var fb [16]string
			f := fieldsInto(fb[:0], t[len("Table ID: "):])
			a := s.afEntry()
			if len(f) == 0 {
				return false
			}
			a.TableID = f[0]
			if len(f) == 4 && f[1] == "RD" && f[2] == "version:" {
				n, ok := atoi(f[3])
				if !ok {
					return false
				}
				a.rdVer = n
				a.RDVersion = &a.rdVer
			}
			return true
		case c4 == 'm' && strings.HasPrefix(t, "BGP main routing table version "):
			n, ok := atoi(t[len("BGP main routing table version "):])
			if !ok {
				return false
			}
			a := s.afEntry()
			a.tblVer = n
			a.BgpTableVersion = &a.tblVer
			return true
		case c4 == 'N' && strings.HasPrefix(t, "BGP NSR Initial initsync version "):
			var fb [16]string
			f := fieldsInto(fb[:0], t[len("BGP NSR Initial initsync version "):])
			if len(f) == 0 {
				return false
			}
			n, ok := atoi(f[0])
			if !ok {
				return false
			}
			a := s.afEntry()
			a.nsrInit = n
			a.NSRInitialInitsyncVersion = &a.nsrInit
			if len(f) > 1 {
				a.NSRInitialInitVerStatus = lowerWord(strings.Trim(tailJoined(t, f[1:]), "()"))
			}
			return true
		case c4 == 'N' && strings.HasPrefix(t, "BGP NSR/ISSU Sync-Group versions "):
			s.afEntry().NSRIssuSyncGroupVersions = strings.TrimSpace(t[len("BGP NSR/ISSU Sync-Group versions "):])
			return true
		case c4 == 'i' && strings.HasPrefix(t, "BGP is operating in "):
			m := strings.TrimSuffix(t[len("BGP is operating in "):], ".")
			s.afEntry().OperationMode = lowerWord(strings.TrimSuffix(m, " mode"))
			return true
		case strings.HasPrefix(t, "Process") && strings.Contains(t, "RcvTblVer"):
			s.table = 1
			return true
		case strings.HasPrefix(t, "Neighbor") && strings.Contains(t, "MsgRcvd"):
			s.table = 2
			s.pendingNb = ""
			return true
		}
	}
	switch s.table {
	case 1:
		var fb [16]string
		f := fieldsInto(fb[:0], t)
		if len(f) != 7 {
			return false
		}
		var v [6]int
		for i := range v {
			n, ok := atoi(f[i+1])
			if !ok {
				return false
			}
			v[i] = n
		}
		a := s.afEntry()
		if a.Process == nil {
			a.Process = map[string]*BgpProcess{}
		}
		p := &BgpProcess{}
		if !s.top.procUsed {
			p, s.top.procUsed = &s.top.proc, true
		}
		*p = BgpProcess{RcvTblVer: v[0], BribRib: v[1], LabelVer: v[2], ImportVer: v[3], SendTblVer: v[4], StandbyVer: v[5]}
		a.Process[f[0]] = p
		return true
	case 2:
		return s.neighborRow(t)
	}
	return false
}

// neighborRow parses "10.16.2.2  0  100  59  56  43  0  0  00:50:38  10";
// a long IPv6 address may stand alone with the numbers on the next line.
func (s *bgpState) neighborRow(t string) bool {
	var fb [16]string
	f := fieldsInto(fb[:0], t)
	if len(f) == 1 && (strings.Count(f[0], ".") == 3 || strings.Contains(f[0], ":")) {
		s.pendingNb = f[0]
		return true
	}
	if s.pendingNb != "" && len(f) >= 9 && isDigits(f[0]) {
		f = append([]string{s.pendingNb}, f...)
	}
	s.pendingNb = ""
	if len(f) < 10 {
		return false
	}
	var v [6]int
	idx := [6]int{1, 3, 4, 5, 6, 7} // spk, rcvd, sent, tblver, inq, outq
	for i, j := range idx {
		n, ok := atoi(f[j])
		if !ok {
			return false
		}
		v[i] = n
	}
	// St/PfxRcd is the rest of the line after Up/Down ("Idle (Admin)").
	state := f[9]
	if len(f) > 10 {
		state = tailJoined(t, f[9:])
	}
	vrf := s.vrfEntry()
	if vrf.Neighbor == nil {
		// The rows are at most the lines left: size the map by them when
		// they are many. A hint over 8 allocates a full table, which a
		// short table (or one followed by other sections) would not fill.
		hint := s.hint - s.lineNo + 1
		if hint <= 64 {
			hint = 0
		}
		vrf.Neighbor = make(map[string]*BgpNeighbor, hint)
	}
	// A neighbor and its first family row share one slot of a slab.
	nb := vrf.Neighbor[f[0]]
	var af *BgpNeighborAF
	if nb == nil {
		a := s.nbs.next(s.hint - s.lineNo + 1)
		nb, af = &a.nb, &a.af
		nb.AddressFamily = a.afs[:0:1]
		vrf.Neighbor[f[0]] = nb
	} else {
		af = &BgpNeighborAF{}
	}
	nb.RemoteAS = ASNumber(f[2])
	// Field by field into the zeroed row: a struct copy into the heap
	// takes the bulk write barrier while the GC runs.
	af.Spk, af.MsgRcvd, af.MsgSent, af.TblVer, af.InputQueue, af.OutputQueue = v[0], v[1], v[2], v[3], v[4], v[5]
	af.UpDown, af.StatePfxRcd = f[8], state
	nb.AddressFamily = nb.AddressFamily.set(s.af, af)
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// tailJoined is strings.Join(f, " ") for fields f that end trimmed line t,
// given as the substring of t when they stand one space apart there (as
// they nearly always do), so that it costs no allocation.
func tailJoined(t string, f []string) string {
	n := len(f) - 1
	for _, w := range f {
		n += len(w)
	}
	if n <= len(t) {
		c, pos := t[len(t)-n:], 0
		ok := true
		for i, w := range f {
			if i > 0 {
				if c[pos] != ' ' {
					ok = false
					break
				}
				pos++
			}
			if c[pos:pos+len(w)] != w {
				ok = false
				break
			}
			pos += len(w)
		}
		if ok {
			return c
		}
	}
	return strings.Join(f, " ")
}

// lowerWord is strings.ToLower, with the usual state words as constants
// so that they cost no allocation.
func lowerWord(s string) string {
	for _, w := range lowerWords {
		if len(s) == len(w) && strings.EqualFold(s, w) {
			return w
		}
	}
	return strings.ToLower(s)
}

var lowerWords = []string{"active", "reached", "not reached", "standalone", "distributed",
	"ipv4 unicast", "ipv6 unicast", "vpnv4 unicast", "vpnv6 unicast", "l2vpn evpn", "l2vpn vpls",
	"ipv4 multicast", "ipv6 multicast", "ipv4 labeled-unicast", "ipv6 labeled-unicast"}
