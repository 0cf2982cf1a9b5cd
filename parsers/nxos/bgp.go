package nxos

import (
	"encoding/json"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowBgpVrfAllAllSummary is "show bgp vrf all all summary" and its
// per-VRF and per-family forms (Genie ShowBgpVrfAllAllSummary): neighbors
// by VRF, address and address family ("ipv4 unicast"), each carrying the
// family's summary figures as Genie does.
type ShowBgpVrfAllAllSummary struct {
	VRF map[string]*BgpSummaryVRF `json:"vrf"`
}

// ShowIpBgpSummary is "show ip bgp summary [vrf <vrf>]", which Genie lacks
// for NX-OS. NX-OS prints the same layout as "show bgp vrf all all
// summary", so the result has the same schema: vrf -> neighbor -> address
// family.
type ShowIpBgpSummary = ShowBgpVrfAllAllSummary

// BgpSummaryVRF is one VRF.
type BgpSummaryVRF struct {
	Neighbor map[string]*BgpSummaryNeighbor `json:"neighbor,omitempty"`
}

// BgpSummaryNeighbor holds one neighbor's address families.
type BgpSummaryNeighbor struct {
	AddressFamily BgpSummaryAFs `json:"address_family"`
}

// BgpSummaryAF is one neighbor row plus its family's summary.
type BgpSummaryAF struct {
	// NeighborTableVersion is the V column (BGP version), named as in Genie.
	NeighborTableVersion int         `json:"neighbor_table_version"`
	AS                   json.Number `json:"as"`
	MsgRcvd              int         `json:"msg_rcvd"`
	MsgSent              int         `json:"msg_sent"`
	TblVer               int         `json:"tbl_ver"`
	InQ                  int         `json:"inq"`
	OutQ                 int         `json:"outq"`
	UpDown               string      `json:"up_down"`
	// StatePfxRcd is the last column lower-cased ("idle", "3", "0 (no cap)").
	StatePfxRcd string `json:"state_pfxrcd"`
	// State is "established" when the last column is a prefix count.
	State          string `json:"state"`
	PrefixReceived string `json:"prefix_received,omitempty"`
	// BgpAFSummary is the family's summary; its fields appear at this
	// level in the JSON, as in Genie. All neighbors of one family share it.
	*BgpAFSummary

	family string // the key of the row in its neighbor's BgpSummaryAFs
}

// BgpAFSummary is the summary block of one VRF and address family.
type BgpAFSummary struct {
	RouteIdentifier            string         `json:"route_identifier,omitempty"`
	LocalAS                    *int           `json:"local_as,omitempty"`
	BgpTableVersion            *int           `json:"bgp_table_version,omitempty"`
	ConfigPeers                *int           `json:"config_peers,omitempty"`
	CapablePeers               *int           `json:"capable_peers,omitempty"`
	Prefixes                   *BgpEntriesMem `json:"prefixes,omitempty"`
	Path                       *BgpEntriesMem `json:"path,omitempty"`
	AttributeEntries           string         `json:"attribute_entries,omitempty"`
	ASPathEntries              string         `json:"as_path_entries,omitempty"`
	CommunityEntries           string         `json:"community_entries,omitempty"`
	ClusterlistEntries         string         `json:"clusterlist_entries,omitempty"`
	Dampening                  *bool          `json:"dampening,omitempty"`
	HistoryPaths               *int           `json:"history_paths,omitempty"`
	DampenedPaths              *int           `json:"dampened_paths,omitempty"`
	SoftReconfigRecvdPaths     *int           `json:"soft_reconfig_recvd_paths,omitempty"`
	SoftReconfigIdenticalPaths *int           `json:"soft_reconfig_identical_paths,omitempty"`
	SoftReconfigComboPaths     *int           `json:"soft_reconfig_combo_paths,omitempty"`
	SoftReconfigFilteredRecvd  *int           `json:"soft_reconfig_filtered_recvd,omitempty"`
	SoftReconfigBytes          *int           `json:"soft_reconfig_bytes,omitempty"`
}

// BgpEntriesMem is "N network entries ... using M bytes of memory".
type BgpEntriesMem struct {
	TotalEntries int `json:"total_entries"`
	MemoryUsage  int `json:"memory_usage"`
}

// ShowBgpL2vpnEvpnSummary is "show bgp l2vpn evpn summary" (Genie
// ShowBgpL2vpnEvpnSummary).
type ShowBgpL2vpnEvpnSummary struct {
	Instance map[string]*EvpnInstance `json:"instance"`
}

// EvpnInstance holds the VRFs of one BGP instance ("default").
type EvpnInstance struct {
	VRF map[string]*EvpnVRF `json:"vrf"`
}

// EvpnVRF is one VRF of the EVPN summary.
type EvpnVRF struct {
	VRFNameOut    string             `json:"vrf_name_out"`
	VRFRouterID   string             `json:"vrf_router_id"`
	VRFLocalAS    int                `json:"vrf_local_as"`
	AddressFamily map[string]*EvpnAF `json:"address_family"`
}

// EvpnAF is one address family with its neighbors.
type EvpnAF struct {
	TableVersion      int                      `json:"tableversion"`
	ConfiguredPeers   int                      `json:"configuredpeers"`
	CapablePeers      int                      `json:"capablepeers"`
	TotalNetworks     int                      `json:"totalnetworks"`
	TotalPaths        int                      `json:"totalpaths"`
	MemoryUsed        int                      `json:"memoryused"`
	NumberAttrs       int                      `json:"numberattrs"`
	BytesAttrs        int                      `json:"bytesattrs"`
	NumberPaths       int                      `json:"numberpaths"`
	BytesPaths        int                      `json:"bytespaths"`
	NumberCommunities int                      `json:"numbercommunities"`
	BytesCommunities  int                      `json:"bytescommunities"`
	NumberClusterlist int                      `json:"numberclusterlist"`
	BytesClusterlist  int                      `json:"bytesclusterlist"`
	Dampening         string                   `json:"dampening"`
	Neighbor          map[string]*EvpnNeighbor `json:"neighbor"`
}

// EvpnNeighbor is one neighbor row.
type EvpnNeighbor struct {
	Neighbor             string `json:"neighbor"`
	Version              int    `json:"version"`
	MsgRecvd             int    `json:"msgrecvd"`
	MsgSent              int    `json:"msgsent"`
	NeighborTableVersion int    `json:"neighbortableversion"`
	InQ                  int    `json:"inq"`
	OutQ                 int    `json:"outq"`
	RemoteAS             int    `json:"remoteas"`
	Time                 string `json:"time"`
	State                string `json:"state"`
	PrefixReceived       *int   `json:"prefixreceived,omitempty"`
}

func init() {
	reg("ShowBgpVrfAllAllSummary", []string{
		"show bgp vrf all all summary",
		"show bgp vrf {vrf} all summary",
		"show bgp vrf {vrf} {address_family} summary",
	}, parseShowBgpVrfAllAllSummary)
	reg("ShowIpBgpSummary", []string{
		"show ip bgp summary",
		"show ip bgp summary vrf {vrf}",
	}, parseShowBgpVrfAllAllSummary)
	reg("ShowBgpL2vpnEvpnSummary", []string{"show bgp l2vpn evpn summary"}, parseShowBgpL2vpnEvpnSummary)
}

// ParseShowBgpVrfAllAllSummary parses "show bgp vrf all all summary" (and
// "show bgp vrf <vrf> <af> summary").
func ParseShowBgpVrfAllAllSummary(out string) (*ShowBgpVrfAllAllSummary, error) {
	return parse(out, nil, parseShowBgpVrfAllAllSummary)
}

// ParseShowIpBgpSummary parses "show ip bgp summary [vrf <vrf>]".
func ParseShowIpBgpSummary(out string) (*ShowIpBgpSummary, error) {
	return parse(out, nil, parseShowBgpVrfAllAllSummary)
}

// ParseShowBgpL2vpnEvpnSummary parses "show bgp l2vpn evpn summary".
func ParseShowBgpL2vpnEvpnSummary(out string) (*ShowBgpL2vpnEvpnSummary, error) {
	return parse(out, nil, parseShowBgpL2vpnEvpnSummary)
}

// bgpSection is the summary block of one VRF and address family.
type bgpSection struct {
	vrf, af                          string
	routerID                         string
	localAS                          json.Number
	tableVersion, configPeers        int
	capablePeers                     int
	networks, paths, memory          int
	hasMemory                        bool
	attr, asPath, community, cluster string
	dampening                        bool
	history, dampened                int
	softRecvd                        *int
	softIdent, softCombo, softFilt   *int
	softBytes                        *int
	shared                           *BgpAFSummary // built once per section
}

// bgpRow is one neighbor row: address, V, AS, MsgRcvd, MsgSent, TblVer,
// InQ, OutQ, Up/Down and the State/PfxRcd text.
type bgpRow struct {
	// f is an array, not a slice of the scanner's buffer, so that the
	// buffer stays on the stack (no write barriers while a GC runs).
	f     [9]string
	state string
}

// scanBgpSummary walks NX-OS BGP summary output and calls row for each
// neighbor with its section. Neighbor rows may wrap after the address or
// after the AS (long IPv6 addresses, 4-byte AS numbers).
func scanBgpSummary(lines []string, u *core.Unparsed, row func(*bgpSection, bgpRow)) bool {
	var sec *bgpSection
	found := false
	inTable := false
	var pendBuf [24]string
	pending := pendBuf[:0] // tokens of the row being read
	var fb fieldBuf        // fields of header lines
	havePending := false
	for _, raw := range lines {
		t := trimSpace(raw)
		if t == "" {
			continue
		}
		// Neighbor rows are most of a large output: handle them first.
		if inTable && !strings.HasPrefix(t, "BGP ") {
			if raw[0] != ' ' && raw[0] != '\t' {
				// A row starts with the neighbor's address: a line that
				// cannot start one (a message, a syslog line on the
				// terminal) is not understood, and a row whose address
				// line came before it may still get its continuation.
				if !havePending {
					pending = pending[:0]
				}
				n := len(pending)
				pending = appendFields(pending, t)
				if !bgpRowPrefix(pending[n:]) {
					pending = pending[:n]
					u.Add(raw)
					continue
				}
				if havePending {
					u.Add(strings.Join(pending[:n], " "))
				}
				if n > 0 {
					pending = append(pending[:0], pending[n:]...)
				}
				havePending = true
			} else if havePending {
				n := len(pending)
				pending = appendFields(pending, t)
				if !bgpRowPrefix(pending) {
					pending = pending[:n]
					u.Add(raw)
					continue
				}
			} else {
				u.Add(raw)
				continue
			}
			if len(pending) >= 10 {
				state := pending[9]
				if len(pending) > 10 {
					state = joinState(pending[9:]) // "Shut (Admin)", "0 (No Cap)"
				}
				r := bgpRow{state: state}
				copy(r.f[:], pending[:9])
				row(sec, r)
				havePending, found = false, true
			}
			continue
		}
		if !scanBgpHeader(t, raw, &sec, &inTable, u, &fb) {
			continue
		}
		found = true
	}
	if havePending {
		u.Add(strings.Join(pending, " "))
	}
	return found
}

// bgpRowPrefix reports whether f can begin a neighbor row: an address
// (IPv4, IPv6, or a prefix for dynamic peers), then as far as f goes the
// version, the AS (plain or asdot) and the five counters MsgRcvd to OutQ.
// Up/Down and State/PfxRcd are free text.
func bgpRowPrefix(f []string) bool {
	if len(f) == 0 || !isAddrLike(f[0]) {
		return false
	}
	for i := 1; i < len(f) && i < 8; i++ {
		switch i {
		case 2:
			a, b, dot := strings.Cut(f[i], ".")
			if !isInt(a) || dot && !isInt(b) {
				return false
			}
		default:
			if !isInt(f[i]) {
				return false
			}
		}
	}
	return true
}

// isAddrLike is a cheap test that s is written like an IPv4 or IPv6
// address or prefix: it starts with a hex digit or ':', holds a '.' or ':',
// and has only hex digits, '.', ':' and '/' before any "%zone".
func isAddrLike(s string) bool {
	if s == "" {
		return false
	}
	sep := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
		case c == '.' || c == ':':
			sep = true
		case c == '/' && i > 0:
		case c == '%' && i > 0:
			return sep
		default:
			return false
		}
	}
	return sep
}

// scanBgpHeader handles a non-row line of a BGP summary; it reports
// whether the line was understood.
func scanBgpHeader(t, raw string, secp **bgpSection, inTable *bool, u *core.Unparsed, fb *fieldBuf) bool {
	sec := *secp
	if strings.HasPrefix(t, "BGP summary information for VRF ") {
		rest := strings.TrimPrefix(t, "BGP summary information for VRF ")
		vrf, af, _ := strings.Cut(rest, ", address family ")
		*secp = &bgpSection{vrf: strings.TrimSpace(vrf), af: lowerFamily(strings.TrimSpace(af))}
		*inTable = false
		return true
	}
	if sec == nil {
		if !isCommandEcho(t) {
			u.Add(raw)
		}
		return false
	}
	switch {
	case strings.HasPrefix(t, "BGP router identifier "):
		// "BGP router identifier 10.4.1.1, local AS number 100": the
		// fields after the prefix's three (t is trimmed, so there is one).
		f := fb.split(t[len("BGP router identifier "):])
		sec.routerID = strings.TrimSuffix(f[0], ",")
		if len(f) >= 5 {
			sec.localAS = json.Number(f[4])
		}
	case strings.HasPrefix(t, "BGP table version is "):
		// "BGP table version is 40, IPv4 Unicast config peers 1, capable
		// peers 0": the fields after the prefix's four (none of them is
		// "config").
		f := fb.split(t[len("BGP table version is "):])
		sec.tableVersion = atoi(strings.TrimSuffix(f[0], ","))
		for i := 0; i+2 < len(f); i++ {
			if f[i] == "config" && f[i+1] == "peers" {
				sec.configPeers = atoi(strings.TrimSuffix(f[i+2], ","))
			}
		}
		sec.capablePeers = atoi(f[len(f)-1])
	case strings.IndexByte(t, 'w') >= 0 && containsAfterSpace(t, "network entries and "):
		// (A byte search first: the other header lines have no 'w'.)
		// "5 network entries and 5 paths using 620 bytes of memory"
		f := fb.split(t)
		sec.networks = atoi(f[0])
		if len(f) >= 8 {
			sec.paths, sec.memory, sec.hasMemory = atoi(f[4]), atoi(f[7]), true
		}
	case strings.HasPrefix(t, "BGP attribute entries "):
		// "BGP attribute entries [3/384], BGP AS path entries [0/0]"
		sec.attr = bracket(t, 0)
		sec.asPath = bracket(t, 1)
	case strings.HasPrefix(t, "BGP community entries "):
		sec.community = bracket(t, 0)
		sec.cluster = bracket(t, 1)
	case strings.HasPrefix(t, "Dampening configured"):
		// "Dampening configured, 0 history paths, 0 dampened paths"
		f := fb.split(t)
		sec.dampening = true
		if a, ok := numberBefore(f, "history"); ok {
			sec.history = atoi(a)
		}
		if a, ok := numberBefore(f, "dampened"); ok {
			sec.dampened = atoi(a)
		}
	case strings.Contains(t, "nb") && strings.Contains(t, "received paths for inbound soft reconfiguration"):
		// (The short search first: the table header has no "nb".)
		f := fb.split(t)
		n := atoi(f[0])
		sec.softRecvd = &n
	case strings.IndexByte(t, ',') >= 0 && containsAfterSpace(t, "identical, ") &&
		containsAfterSpace(t, "filtered received paths using "):
		// "0 identical, 0 modified, 0 filtered received paths using 0 bytes"
		f := fb.split(t)
		a, b, c := atoi(f[0]), atoi(f[2]), atoi(f[4])
		var d int
		if x, ok := numberBefore(f, "bytes"); ok {
			d = atoi(x)
		}
		sec.softIdent, sec.softCombo, sec.softFilt, sec.softBytes = &a, &b, &c, &d
	case strings.HasPrefix(t, "Neighbor") && strings.Contains(t, "State/PfxRcd"):
		*inTable = true
	default:
		u.Add(raw)
		return false
	}
	return true
}

// lowerFamily is strings.ToLower for an address family name, without a
// new string for the families NX-OS prints.
func lowerFamily(s string) string {
	switch s {
	case "IPv4 Unicast":
		return "ipv4 unicast"
	case "IPv6 Unicast":
		return "ipv6 unicast"
	case "IPv4 Multicast":
		return "ipv4 multicast"
	case "IPv6 Multicast":
		return "ipv6 multicast"
	case "VPNv4 Unicast":
		return "vpnv4 unicast"
	case "VPNv6 Unicast":
		return "vpnv6 unicast"
	case "L2VPN EVPN":
		return "l2vpn evpn"
	case "IPv4 MVPN":
		return "ipv4 mvpn"
	case "IPv6 MVPN":
		return "ipv6 mvpn"
	case "IPv4 Label Unicast":
		return "ipv4 label unicast"
	case "IPv6 Label Unicast":
		return "ipv6 label unicast"
	case "Link-State":
		return "link-state"
	}
	return strings.ToLower(s)
}

// containsAfterSpace is strings.Contains(s, " "+w): w's first letter is a
// rarer byte to search for than a space.
func containsAfterSpace(s, w string) bool {
	for off := 1; off < len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		if s[off+i-1] == ' ' {
			return true
		}
		off += i + 1
	}
	return false
}

// bgpCount is the number of neighbor rows of one section.
type bgpCount struct {
	vrf string
	n   int
}

// bgpRowCounts appends the neighbor row count of each section to dst (a
// neighbor in several address families counts once per family), to size
// the neighbor maps: a count per section, not a map update per row.
func bgpRowCounts(dst []bgpCount, lines []string) []bgpCount {
	cur := -1
	for _, l := range lines {
		switch {
		case l == "" || l[0] == ' ' || l[0] == '\t':
		case strings.HasPrefix(l, "BGP summary information for VRF "):
			vrf, _, _ := strings.Cut(strings.TrimPrefix(l, "BGP summary information for VRF "), ",")
			dst = append(dst, bgpCount{vrf: vrf})
			cur = len(dst) - 1
		case strings.HasPrefix(l, "BGP "), strings.HasPrefix(l, "Dampening"):
		case l[0] >= '0' && l[0] <= '9' || l[0] >= 'a' && l[0] <= 'f' || l[0] >= 'A' && l[0] <= 'F':
			if cur < 0 {
				dst = append(dst, bgpCount{})
				cur = 0
			}
			dst[cur].n++
		}
	}
	return dst
}

// bgpVRFRows sums the row counts of vrf's sections. It runs once per VRF;
// past a few dozen sections a map keeps that linear.
type bgpVRFRows struct {
	counts []bgpCount
	byVRF  map[string]int
}

func (c *bgpVRFRows) get(vrf string) int {
	if len(c.counts) > 32 {
		if c.byVRF == nil {
			c.byVRF = make(map[string]int, len(c.counts))
			for _, x := range c.counts {
				c.byVRF[x.vrf] += x.n
			}
		}
		return c.byVRF[vrf]
	}
	n := 0
	for _, x := range c.counts {
		if x.vrf == vrf {
			n += x.n
		}
	}
	return n
}

// lowerASCII lower-cases s, returning s itself when it has no upper case.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			// The states a neighbor row shows, without a new string each.
			switch s {
			case "Idle":
				return "idle"
			case "Active":
				return "active"
			case "Connect":
				return "connect"
			case "OpenSent":
				return "opensent"
			case "OpenConfirm":
				return "openconfirm"
			case "Shut (Admin)":
				return "shut (admin)"
			case "Idle (Admin)":
				return "idle (admin)"
			case "0 (No Cap)":
				return "0 (no cap)"
			}
			return strings.ToLower(s)
		}
	}
	return s
}

// joinState is strings.Join(toks, " ") for the state column, without a
// new string for the states NX-OS prints in several words.
func joinState(toks []string) string {
	var b [32]byte
	n := 0
	for i, t := range toks {
		if i > 0 {
			if n == len(b) {
				return strings.Join(toks, " ")
			}
			b[n] = ' '
			n++
		}
		if n+len(t) > len(b) {
			return strings.Join(toks, " ")
		}
		n += copy(b[n:], t)
	}
	switch string(b[:n]) {
	case "Shut (Admin)":
		return "Shut (Admin)"
	case "Idle (Admin)":
		return "Idle (Admin)"
	case "0 (No Cap)":
		return "0 (No Cap)"
	}
	return string(b[:n])
}

// summary returns the section's summary, built on first use and shared by
// the section's neighbor rows: one allocation per section, not ten per row.
func (sec *bgpSection) summary() *BgpAFSummary {
	if sec.shared != nil {
		return sec.shared
	}
	var x struct {
		BgpAFSummary
		localAS, tableVersion, configPeers, capablePeers, history, dampened int
		dampening                                                           bool
		prefixes, path                                                      BgpEntriesMem
	}
	sm := &x.BgpAFSummary
	if sec.routerID != "" {
		sm.RouteIdentifier = sec.routerID
		if n, ok := core.Atoi(string(sec.localAS)); ok {
			x.localAS = n
			sm.LocalAS = &x.localAS
		}
		x.tableVersion, x.configPeers, x.capablePeers = sec.tableVersion, sec.configPeers, sec.capablePeers
		sm.BgpTableVersion, sm.ConfigPeers, sm.CapablePeers = &x.tableVersion, &x.configPeers, &x.capablePeers
	}
	if sec.hasMemory {
		x.prefixes = BgpEntriesMem{TotalEntries: sec.networks, MemoryUsage: sec.memory}
		x.path = BgpEntriesMem{TotalEntries: sec.paths, MemoryUsage: sec.memory}
		sm.Prefixes, sm.Path = &x.prefixes, &x.path
	}
	sm.AttributeEntries, sm.ASPathEntries = sec.attr, sec.asPath
	sm.CommunityEntries, sm.ClusterlistEntries = sec.community, sec.cluster
	if sec.dampening {
		x.dampening, x.history, x.dampened = true, sec.history, sec.dampened
		sm.Dampening, sm.HistoryPaths, sm.DampenedPaths = &x.dampening, &x.history, &x.dampened
	}
	sm.SoftReconfigRecvdPaths = sec.softRecvd
	sm.SoftReconfigIdenticalPaths, sm.SoftReconfigComboPaths = sec.softIdent, sec.softCombo
	sm.SoftReconfigFilteredRecvd, sm.SoftReconfigBytes = sec.softFilt, sec.softBytes
	sec.shared = sm
	return sm
}

// bracket returns the n-th "[a/b]" group of s.
func bracket(s string, n int) string {
	for i := 0; ; i++ {
		a := strings.IndexByte(s, '[')
		if a < 0 {
			return ""
		}
		b := strings.IndexByte(s[a:], ']')
		if b < 0 {
			return ""
		}
		if i == n {
			return s[a : a+b+1]
		}
		s = s[a+b+1:]
	}
}

func parseShowBgpVrfAllAllSummary(lines []string, _ core.Params, u *core.Unparsed) *ShowBgpVrfAllAllSummary {
	r := &ShowBgpVrfAllAllSummary{VRF: map[string]*BgpSummaryVRF{}}
	var afs slab[BgpSummaryAF]
	var nbrs slab[BgpSummaryNeighbor]
	var lists []*BgpSummaryAF // carved into one-row AddressFamily lists
	var cbuf [8]bgpCount
	rows := bgpVRFRows{counts: bgpRowCounts(cbuf[:0], lines)}
	total := 0
	for _, x := range rows.counts {
		total += x.n
	}
	afs.reserve(total)
	nbrs.reserve(total)
	lists = make([]*BgpSummaryAF, 0, total)
	// The VRF of the last row's section: rows come in runs of one section.
	var (
		lastSec *bgpSection
		lastVRF *BgpSummaryVRF
	)
	found := scanBgpSummary(lines, u, func(sec *bgpSection, row bgpRow) {
		f := &row.f
		af := afs.alloc()
		af.NeighborTableVersion = atoi(f[1])
		af.AS = asNumber(f[2])
		af.MsgRcvd, af.MsgSent, af.TblVer = atoi(f[3]), atoi(f[4]), atoi(f[5])
		af.InQ, af.OutQ = atoi(f[6]), atoi(f[7])
		af.UpDown = f[8]
		af.StatePfxRcd = lowerASCII(row.state)
		first, _, _ := strings.Cut(row.state, " ")
		if isInt(first) {
			af.State, af.PrefixReceived = "established", first
		} else {
			af.State = af.StatePfxRcd
		}
		af.BgpAFSummary = sec.summary()
		v := lastVRF
		if sec != lastSec {
			v = r.VRF[sec.vrf]
			if v == nil {
				v = &BgpSummaryVRF{Neighbor: make(map[string]*BgpSummaryNeighbor, rows.get(sec.vrf))}
				r.VRF[sec.vrf] = v
			}
			lastSec, lastVRF = sec, v
		}
		af.family = sec.af
		n := v.Neighbor[f[0]]
		if n == nil {
			n = nbrs.alloc()
			if len(lists) == cap(lists) {
				lists = make([]*BgpSummaryAF, 0, 64) // more rows than counted
			}
			// A one-row list with no room to grow into the next one's.
			lists = append(lists, af)
			n.AddressFamily = lists[len(lists)-1 : len(lists) : len(lists)]
			v.Neighbor[f[0]] = n
			return
		}
		n.AddressFamily = n.AddressFamily.set(af)
	})
	if !found {
		return nil
	}
	return r
}

// asNumber returns a plain ("65001") or asdot ("1.100") AS number as a
// valid JSON number (no leading zeros), or 0 when s is neither.
func asNumber(s string) json.Number {
	a, b, dot := strings.Cut(s, ".")
	if !isInt(a) || dot && !isInt(b) {
		return "0"
	}
	if len(a) > 1 && a[0] == '0' {
		a = strings.TrimLeft(a, "0")
		if a == "" {
			a = "0"
		}
		if !dot {
			return json.Number(a)
		}
		return json.Number(a + "." + b)
	}
	return json.Number(s)
}

func parseShowBgpL2vpnEvpnSummary(lines []string, _ core.Params, u *core.Unparsed) *ShowBgpL2vpnEvpnSummary {
	inst := &EvpnInstance{VRF: map[string]*EvpnVRF{}}
	afs := map[*bgpSection]*EvpnAF{}
	found := scanBgpSummary(lines, u, func(sec *bgpSection, row bgpRow) {
		v := inst.VRF[sec.vrf]
		if v == nil {
			v = &EvpnVRF{VRFNameOut: sec.vrf, VRFRouterID: sec.routerID, AddressFamily: map[string]*EvpnAF{}}
			v.VRFLocalAS, _ = core.Atoi(string(sec.localAS))
			inst.VRF[sec.vrf] = v
		}
		af := afs[sec]
		if af == nil {
			af = &EvpnAF{
				TableVersion: sec.tableVersion, ConfiguredPeers: sec.configPeers, CapablePeers: sec.capablePeers,
				TotalNetworks: sec.networks, TotalPaths: sec.paths, MemoryUsed: sec.memory,
				Dampening: "disabled", Neighbor: map[string]*EvpnNeighbor{},
			}
			af.NumberAttrs, af.BytesAttrs = bracketPair(sec.attr)
			af.NumberPaths, af.BytesPaths = bracketPair(sec.asPath)
			af.NumberCommunities, af.BytesCommunities = bracketPair(sec.community)
			af.NumberClusterlist, af.BytesClusterlist = bracketPair(sec.cluster)
			if sec.dampening {
				af.Dampening = "enabled"
			}
			afs[sec] = af
			v.AddressFamily[sec.af] = af
		}
		f := &row.f
		n := &EvpnNeighbor{
			Neighbor: f[0], Version: atoi(f[1]), RemoteAS: atoi(f[2]), MsgRecvd: atoi(f[3]), MsgSent: atoi(f[4]),
			NeighborTableVersion: atoi(f[5]), InQ: atoi(f[6]), OutQ: atoi(f[7]), Time: f[8],
		}
		first, _, _ := strings.Cut(row.state, " ")
		if isInt(first) {
			p := atoi(first)
			n.State, n.PrefixReceived = "established", &p
		} else {
			n.State = strings.ToLower(row.state)
		}
		af.Neighbor[f[0]] = n
	})
	if !found || len(inst.VRF) == 0 {
		return nil
	}
	return &ShowBgpL2vpnEvpnSummary{Instance: map[string]*EvpnInstance{"default": inst}}
}

// bracketPair splits "[110/18920]" into 110 and 18920.
func bracketPair(s string) (int, int) {
	a, b, _ := strings.Cut(strings.Trim(s, "[]"), "/")
	return atoi(a), atoi(b)
}
