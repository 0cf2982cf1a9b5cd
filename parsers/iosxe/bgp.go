package iosxe

import (
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowBgpSummary is the result of the BGP summary commands (Genie
// ShowBgpSummary, ShowBgpAllSummary, ShowIpBgpSummary, ShowIpBgpAllSummary,
// which share one schema): per VRF, per neighbor, per address family.
type ShowBgpSummary struct {
	BGPID ASN                   `json:"bgp_id"`
	VRF   map[string]*BgpSumVRF `json:"vrf"`
}

// ShowBgpAllSummary is "show bgp all summary".
type ShowBgpAllSummary = ShowBgpSummary

// ShowIpBgpSummary is "show ip bgp summary".
type ShowIpBgpSummary = ShowBgpSummary

// ShowIpBgpAllSummary is "show ip bgp all summary".
type ShowIpBgpAllSummary = ShowBgpSummary

// ASN is an AS number as printed: plain ("65000", marshalled as a JSON
// number) or asdot ("304.304", marshalled as a string), as Genie does.
type ASN string

// MarshalJSON writes plain AS numbers as numbers.
func (a ASN) MarshalJSON() ([]byte, error) { return a.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for a.
func (a ASN) AppendJSON(b []byte) ([]byte, error) {
	// JSON numbers have no leading zeros.
	if _, err := strconv.ParseUint(string(a), 10, 64); err == nil && (len(a) == 1 || a[0] != '0') {
		return append(b, a...), nil
	}
	return core.AppendJSONString(b, string(a)), nil
}

// BgpSumVRF holds a VRF's neighbors keyed by address.
type BgpSumVRF struct {
	Neighbor map[string]*BgpSumNeighbor `json:"neighbor,omitempty"`
}

// BgpSumNeighbor holds a neighbor's per-address-family summary.
type BgpSumNeighbor struct {
	AddressFamily BgpSumAFs `json:"address_family"`
}

// BgpEntries is a count of entries and the memory they use.
type BgpEntries struct {
	TotalEntries int `json:"total_entries"`
	MemoryUsage  int `json:"memory_usage"`
}

// BgpSumAF is one neighbor row plus the address family's global counters.
type BgpSumAF struct {
	Version             int              `json:"version"`
	AS                  ASN              `json:"as"`
	MsgRcvd             int              `json:"msg_rcvd"`
	MsgSent             int              `json:"msg_sent"`
	TblVer              int              `json:"tbl_ver"`
	InputQueue          int              `json:"input_queue"`
	OutputQueue         int              `json:"output_queue"`
	UpDown              string           `json:"up_down"`
	StatePfxRcd         string           `json:"state_pfxrcd"`
	RouteIdentifier     string           `json:"route_identifier,omitempty"`
	LocalAS             ASN              `json:"local_as,omitempty"`
	BGPTableVersion     *int             `json:"bgp_table_version,omitempty"`
	RoutingTableVersion *int             `json:"routing_table_version,omitempty"`
	Prefixes            *BgpEntries      `json:"prefixes,omitempty"`
	Path                *BgpEntries      `json:"path,omitempty"`
	CacheEntries        BgpEntriesByName `json:"cache_entries,omitempty"`
	Entries             BgpEntriesByName `json:"entries,omitempty"`
	CommunityEntries    *BgpEntries      `json:"community_entries,omitempty"`
	AttributeEntries    string           `json:"attribute_entries,omitempty"`
	TotalMemory         *int             `json:"total_memory,omitempty"`
	ActivityPrefixes    string           `json:"activity_prefixes,omitempty"`
	ActivityPaths       string           `json:"activity_paths,omitempty"`
	ScanInterval        *int             `json:"scan_interval,omitempty"`

	family string // the key in BgpSumAFs
}

// Family is the address family the row is filed under.
func (a *BgpSumAF) Family() string { return a.family }

// ParseShowBgpSummary parses a BGP summary; vrf and addressFamily are
// the command's parameters ("" when absent).
func ParseShowBgpSummary(out, vrf, addressFamily string) (*ShowBgpSummary, error) {
	r, _, err := parseBgpSummary(out, core.Params{"vrf": vrf, "address_family": addressFamily})
	return r, err
}

// entriesLine parses "N <what> entries using M bytes of memory".
func entriesLine(l string) (n int, what string, mem int, ok bool) {
	i := strings.IndexByte(l, ' ')
	j := indexRare(l, " entries using ", 13) // at the "g"
	if i <= 0 || j <= i {
		return 0, "", 0, false
	}
	rest := l[j+len(" entries using "):]
	k := strings.IndexByte(rest, ' ')
	if k <= 0 {
		return 0, "", 0, false
	}
	m, ok := atoiFast(rest[:k])
	if !ok {
		return 0, "", 0, false
	}
	return atoi(l[:i]), l[i+1 : j], m, true
}

// lowerAF lower-cases an address family name; the names devices print
// come from a short list, so the usual ones need no new string.
func lowerAF(s string) string {
	// The names of s's length only (a switch spares most comparisons).
	var ks []string
	switch len(s) {
	case 0:
		return ""
	case 10:
		ks = []string{"l2vpn evpn", "l2vpn vpls"}
	case 12:
		ks = []string{"ipv4 unicast", "ipv6 unicast"}
	case 13:
		ks = []string{"vpnv4 unicast", "vpnv6 unicast", "ipv4 flowspec"}
	case 14:
		ks = []string{"ipv4 multicast"}
	}
	for _, k := range ks {
		// Equal lengths make a match ASCII only, where it is exactly
		// ToLower(s) == k.
		if asciiFoldEq(s, k) {
			return k
		}
	}
	return strings.ToLower(s)
}

// asciiFoldEq reports whether s equals the lower-case ASCII k once its
// ASCII upper-case letters are lowered: strings.EqualFold for strings of
// equal length, where only ASCII can match ASCII.
func asciiFoldEq(s, k string) bool {
	if len(s) != len(k) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != k[i] {
			return false
		}
	}
	return true
}

func parseBgpSummary(out string, p core.Params) (*ShowBgpSummary, []string, error) {
	var un core.Unparsed
	vrf := p["vrf"]
	if vrf == "" {
		vrf = "default"
	}
	af := lowerAF(p["address_family"])
	// The result, its first VRF, neighbor and row, and the first address
	// families' counters in one allocation: most outputs have one VRF and
	// a few families.
	blk := &struct {
		res   ShowBgpSummary
		vrf   BgpSumVRF
		ints  [8]int
		ents  [6]BgpEntries
		named [8]BgpNamedEntries
		byNm  [8]*BgpNamedEntries
		af    [1]BgpSumAF
		nb    [1]BgpSumNeighbor
		list  [1]*BgpSumAF
	}{}
	res := &blk.res
	res.VRF = map[string]*BgpSumVRF{}
	var (
		afs   = slab[BgpSumAF]{buf: blk.af[:0]} // a large row: most outputs have a few
		nbs   = slab[BgpSumNeighbor]{buf: blk.nb[:0]}
		lists = oneSlab[*BgpSumAF]{buf: blk.list[:0]}
		ints  slab[int]
		ents  slab[BgpEntries]
		named = slab[BgpNamedEntries]{buf: blk.named[:0]}
		byNm  = blk.byNm[:] // room for the families' named-entry lists
		// Rows copied from g while it had an entries list: Genie's rows
		// share the family's entries dict, so entries printed after the
		// table show in every row (relink updates them).
		sharers  int
		curV     *BgpSumVRF
		fbuf     [16]string
		g        BgpSumAF // the address family's global counters
		inTable  bool
		pendingN string // IPv6 neighbor printed alone on its line
		found    bool
	)
	nInts, nEnts := 0, 0
	nextInt := func() *int {
		if nInts < len(blk.ints) {
			nInts++
			return &blk.ints[nInts-1]
		}
		return ints.next()
	}
	nextEnt := func() *BgpEntries {
		if nEnts < len(blk.ents) {
			nEnts++
			return &blk.ents[nEnts-1]
		}
		return ents.next()
	}
	addNeighbor := func(addr string, f []string) bool {
		if len(f) < 8 {
			return false
		}
		ver, ok1 := atoiFast(f[0])
		rcvd, ok2 := atoiFast(f[2])
		sent, ok3 := atoiFast(f[3])
		tbl, ok4 := atoiFast(f[4])
		inq, ok5 := atoiFast(f[5])
		outq, ok6 := atoiFast(f[6])
		if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
			return false
		}
		e := afs.next()
		*e = g
		if g.CacheEntries != nil || g.Entries != nil {
			sharers++
		}
		e.Version, e.AS, e.MsgRcvd, e.MsgSent, e.TblVer, e.InputQueue, e.OutputQueue = ver, ASN(f[1]), rcvd, sent, tbl, inq, outq
		e.UpDown = f[7]
		if len(f) == 9 {
			e.StatePfxRcd = f[8]
		} else {
			e.StatePfxRcd = strings.Join(f[8:], " ")
		}
		v := curV
		if v == nil {
			if blk.vrf.Neighbor == nil {
				v = &blk.vrf
			} else {
				v = &BgpSumVRF{}
			}
			v.Neighbor = make(map[string]*BgpSumNeighbor, rowHint(out))
			res.VRF[vrf] = v
			curV = v
		}
		nb := v.Neighbor[addr]
		if nb == nil {
			nb = nbs.next()
			// Most neighbors have one row: it takes a slot of a
			// shared block instead of a list of its own.
			nb.AddressFamily = BgpSumAFs(lists.take(e))
			v.Neighbor[addr] = nb
			e.family = af
		} else {
			nb.AddressFamily = nb.AddressFamily.set(af, e)
		}
		return true
	}
	// setNamed files e under name in l; a family's first list takes room
	// for four entries from a shared block.
	setNamed := func(l BgpEntriesByName, name string, e BgpEntries) BgpEntriesByName {
		if l == nil {
			if len(byNm) < 4 {
				byNm = make([]*BgpNamedEntries, 32)
			}
			l, byNm = BgpEntriesByName(byNm[:0:4]), byNm[4:]
		}
		ne := named.next()
		*ne = BgpNamedEntries{BgpEntries: e, name: name}
		return BgpEntriesByName(core.KeyedSet(l, bgpNamedKey, ne))
	}
	// relink points the rows that share g's list old (the same array)
	// at its new version: rare (counts printed after the table), so it
	// walks the result rather than tracking the rows.
	relink := func(old, new BgpEntriesByName, field func(*BgpSumAF) *BgpEntriesByName) {
		if sharers == 0 || len(old) == 0 {
			return
		}
		for _, v := range res.VRF {
			for _, nb := range v.Neighbor {
				for _, a := range nb.AddressFamily {
					if l := field(a); len(*l) > 0 && &(*l)[0] == &old[0] {
						*l = new
					}
				}
			}
		}
	}
	// Only an output with a '#' can hold a prompt line: one search of the
	// whole output spares one per line.
	hasHash := strings.IndexByte(out, '#') >= 0
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" {
			continue
		}
		if inTable {
			f := fieldsInto(fbuf[:0], l)
			if pendingN != "" {
				if addNeighbor(pendingN, f) {
					pendingN = ""
					continue
				}
				pendingN = ""
			}
			if len(f) == 1 && (strings.IndexByte(f[0], ':') > 0 || strings.IndexByte(f[0], '.') > 0) {
				pendingN = f[0]
				continue
			}
			if len(f) >= 9 && addNeighbor(f[0], f[1:]) {
				continue
			}
			inTable = false
		}
		switch {
		case hasPre(l, "For address family:"):
			af = lowerAF(strings.TrimSpace(l[len("For address family:"):]))
			g = BgpSumAF{}
			sharers = 0
			continue
		case hasPre(l, "BGP router identifier "):
			// "BGP router identifier 1.1.1.1, local AS number 65000"
			rest := l[len("BGP router identifier "):]
			id, asPart, _ := strings.Cut(rest, ",")
			g.RouteIdentifier = id
			if i := strings.LastIndexByte(asPart, ' '); i >= 0 {
				g.LocalAS = ASN(asPart[i+1:])
				res.BGPID = g.LocalAS
			}
			found = true
			continue
		case hasPre(l, "BGP table version is "):
			rest := l[len("BGP table version is "):]
			a, b, _ := strings.Cut(rest, ", main routing table version ")
			g.BGPTableVersion, g.RoutingTableVersion = nextInt(), nextInt()
			*g.BGPTableVersion, *g.RoutingTableVersion = atoi(a), atoi(b)
			continue
		case hasPre(l, "BGP using "):
			f, _ := fieldsN(fbuf[:0], l, 3) // only the third is used
			if len(f) > 2 {
				g.TotalMemory = nextInt()
				*g.TotalMemory = atoi(f[2])
			}
			continue
		case hasPre(l, "BGP activity "):
			// "BGP activity 226/0 prefixes, 339/0 paths, scan interval 60 secs"
			f, _ := fieldsN(fbuf[:0], l, 9) // only the first nine are used
			if len(f) >= 9 {
				g.ActivityPrefixes, g.ActivityPaths, g.ScanInterval = f[2], f[4], nextInt()
				*g.ScanInterval = atoi(f[8])
			}
			continue
		case hasPre(l, "Neighbor ") && strings.Contains(l, "MsgRcvd"):
			inTable = true
			continue
		case hasPre(l, "Load for ") || hasPre(l, "Time source") || indexRare(l, "networks peaked at", 6) >= 0 ||
			hasPre(l, "show ") || hasHash && strings.IndexByte(l, '#') >= 0 && (core.IsBarePrompt(l) || core.IsPromptEcho(l)):
			continue
		}
		if n, what, mem, ok := entriesLine(l); ok {
			e := BgpEntries{TotalEntries: n, MemoryUsage: mem}
			switch {
			case what == "network":
				g.Prefixes = nextEnt()
				*g.Prefixes = e
			case what == "path":
				g.Path = nextEnt()
				*g.Path = e
			case strings.HasPrefix(what, "BGP path/bestpath attribute"):
				g.AttributeEntries = l[:strings.IndexByte(l, ' ')]
			case what == "BGP extended community":
				g.CommunityEntries = nextEnt()
				*g.CommunityEntries = e
			case strings.HasSuffix(what, " cache"):
				old := g.CacheEntries
				g.CacheEntries = setNamed(old, strings.TrimSuffix(strings.TrimPrefix(what, "BGP "), " cache"), e)
				relink(old, g.CacheEntries, func(a *BgpSumAF) *BgpEntriesByName { return &a.CacheEntries })
			case strings.HasPrefix(what, "BGP "):
				old := g.Entries
				g.Entries = setNamed(old, strings.TrimPrefix(what, "BGP "), e)
				relink(old, g.Entries, func(a *BgpSumAF) *BgpEntriesByName { return &a.Entries })
			default:
				un.Add(raw)
			}
			continue
		}
		un.Add(raw)
	}
	if !found && len(res.VRF) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("ShowBgpAllSummary", []string{"show bgp {address_family} all summary", "show bgp all summary", "show bgp vrf {vrf} all summary"}, parseBgpSummary)
	registerTyped("ShowBgpSummary", []string{"show bgp {address_family} vrf {vrf} summary", "show bgp {address_family} rd {rd} summary", "show bgp {address_family} summary", "show bgp summary"}, parseBgpSummary)
	registerTyped("ShowIpBgpAllSummary", []string{"show ip bgp {address_family} all summary", "show ip bgp all summary"}, parseBgpSummary)
	registerTyped("ShowIpBgpSummary", []string{"show ip bgp {address_family} rd {rd} summary", "show ip bgp {address_family} vrf {vrf} summary", "show ip bgp {address_family} summary", "show ip bgp summary"}, parseBgpSummary)
}
