package nxos

import (
	"slices"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowIpRoute is "show ip route" in all its forms (vrf all, vrf <vrf>,
// <prefix>, protocol, interface), Genie ShowIpRoute: routes by VRF,
// address family ("ipv4") and prefix.
type ShowIpRoute struct {
	VRF map[string]*RouteVRF `json:"vrf"`
}

// RouteVRF is one routing table.
type RouteVRF struct {
	AddressFamily map[string]*RouteAF `json:"address_family,omitempty"`
}

// RouteAF holds the routes of one address family, by prefix.
type RouteAF struct {
	Routes map[string]*Route `json:"routes,omitempty"`
}

// Route is one prefix. Preference, metric, protocol and tag are those of
// its last next hop, as in Genie. Like a next hop's, its pointer fields
// may be shared with other routes of the same result (see RouteNextHop).
type Route struct {
	Route                string    `json:"route,omitempty"`
	UBest                *int      `json:"ubest,omitempty"`
	MBest                *int      `json:"mbest,omitempty"`
	ProcessID            string    `json:"process_id,omitempty"`
	RoutePreference      *int      `json:"route_preference,omitempty"`
	Metric               *int      `json:"metric,omitempty"`
	Tag                  *int64    `json:"tag,omitempty"`
	Hidden               bool      `json:"hidden,omitempty"`
	SourceProtocol       string    `json:"source_protocol,omitempty"`
	SourceProtocolStatus string    `json:"source_protocol_status,omitempty"`
	Attached             bool      `json:"attached,omitempty"`
	Active               bool      `json:"active,omitempty"`
	Direct               bool      `json:"direct,omitempty"`
	Pervasive            bool      `json:"pervasive,omitempty"`
	AllBest              string    `json:"all_best,omitempty"`
	NextHop              RouteNext `json:"next_hop,omitzero"`
}

// RouteNext holds next hops with an address (NextHopList, in JSON an
// object keyed "1", "2", ...) and interface-only next hops by interface.
type RouteNext struct {
	OutgoingInterface map[string]*RouteIntfHop `json:"outgoing_interface,omitempty"`
	NextHopList       IndexedNextHops          `json:"next_hop_list,omitempty"`
}

// IsZero reports a route without next hops (next_hop is then omitted).
func (n RouteNext) IsZero() bool { return len(n.OutgoingInterface) == 0 && len(n.NextHopList) == 0 }

// IndexedNextHops is a list of next hops that marshals as Genie's
// index-keyed object; NextHop.Index is the key. The hops are values: a
// route table has a next hop or two per route, and a pointer per hop
// would be one more word for the GC to mark and one more cell to zero.
type IndexedNextHops []RouteNextHop

// MarshalJSON writes {"1": {...}, "2": {...}}.
func (l IndexedNextHops) MarshalJSON() ([]byte, error) { return l.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for l, without its
// reflection: a route table has a next hop per route, and a snapshot
// writes every route table (issu's artifact encoder calls it directly).
func (l IndexedNextHops) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	for i := range l {
		h := &l[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = core.AppendInt(b, int64(h.Index))
		b = append(b, '"', ':')
		b = h.appendJSON(b)
	}
	return append(b, '}'), nil
}

// MarshalJSON writes h as Genie does: the fields of h and of h.Extra
// interleaved in Genie's key order, empty ones omitted. Value receivers,
// so a hop marshalled alone or as a map value (not addressable) is
// written the same way.
func (h RouteNextHop) MarshalJSON() ([]byte, error) { return h.appendJSON(nil), nil }

// AppendJSON appends what MarshalJSON returns.
func (h RouteNextHop) AppendJSON(b []byte) ([]byte, error) { return h.appendJSON(b), nil }

// appendJSON appends h in Genie's key order (TestRouteNextHopJSON checks
// it against encoding/json on a struct with every field in that order).
func (h *RouteNextHop) appendJSON(b []byte) []byte {
	x := h.Extra
	if x == nil {
		x = &noExtra
	}
	o := core.NewJSONObject(b)
	if h.Index != 0 {
		o.Int(`,"index":`, h.Index)
	}
	o.Str(`,"source_protocol":`, h.SourceProtocol)
	o.Str(`,"source_protocol_status":`, h.SourceProtocolStatus)
	o.Str(`,"next_hop":`, h.NextHop)
	o.Str(`,"next_hop_vrf":`, x.NextHopVRF)
	o.Str(`,"next_hop_af":`, x.NextHopAF)
	o.Flag(`,"best_ucast_nexthop":`, h.BestUcastNexthop)
	o.Flag(`,"best_mcast_nexthop":`, h.BestMcastNexthop)
	o.Str(`,"outgoing_interface":`, h.OutgoingInterface)
	o.Str(`,"updated":`, h.Updated)
	o.OptInt(`,"route_preference":`, h.RoutePreference)
	o.OptInt(`,"metric":`, h.Metric)
	o.Flag(`,"mpls":`, x.MPLS)
	o.Flag(`,"mpls_vpn":`, x.MPLSVPN)
	o.Flag(`,"stale":`, x.Stale)
	o.Flag(`,"evpn":`, x.EVPN)
	o.OptInt(`,"segid":`, x.SegID)
	o.Flag(`,"asymmetric":`, x.Asymmetric)
	o.Str(`,"tunnelid":`, x.TunnelID)
	o.Str(`,"encap":`, x.Encap)
	return o.End()
}

// isZero reports x == NextHopExtra{}, field by field (inlined, where
// the generated struct comparison is a call).
func (x *NextHopExtra) isZero() bool {
	return x.NextHopVRF == "" && x.NextHopAF == "" && !x.MPLS && !x.MPLSVPN && !x.Stale && !x.EVPN &&
		!x.Asymmetric && x.SegID == nil && x.TunnelID == "" && x.Encap == ""
}

// noExtra stands for a nil Extra.
var noExtra NextHopExtra

// RouteIntfHop is a next hop that is only an interface (Null0, ...).
type RouteIntfHop struct {
	OutgoingInterface string `json:"outgoing_interface,omitempty"`
	Updated           string `json:"updated,omitempty"`
	BestUcastNexthop  bool   `json:"best_ucast_nexthop,omitempty"`
	BestMcastNexthop  bool   `json:"best_mcast_nexthop,omitempty"`
}

// RouteNextHop is one "*via" line. The attributes most next hops lack are
// in Extra (nil when the line has none of them), which keeps the hop at
// 120 bytes: a 10,000-route table has over 13,000 of them. MarshalJSON
// writes both in Genie's key order (the json tags name the keys).
//
// The pointer fields of routes and next hops (*int, Tag, Extra) may
// point at values shared with other routes and hops of the same result
// (repeated figures are not allocated per route): writing through one
// changes them all; set a new pointer instead. No value is shared between
// two parses.
type RouteNextHop struct {
	Index                int           `json:"index,omitempty"`
	SourceProtocol       string        `json:"source_protocol,omitempty"`
	SourceProtocolStatus string        `json:"source_protocol_status,omitempty"`
	NextHop              string        `json:"next_hop,omitempty"`
	OutgoingInterface    string        `json:"outgoing_interface,omitempty"`
	Updated              string        `json:"updated,omitempty"`
	RoutePreference      *int          `json:"route_preference,omitempty"`
	Metric               *int          `json:"metric,omitempty"`
	BestUcastNexthop     bool          `json:"best_ucast_nexthop,omitempty"`
	BestMcastNexthop     bool          `json:"best_mcast_nexthop,omitempty"`
	Extra                *NextHopExtra `json:"-"` // written by MarshalJSON among the keys above
}

// NextHopExtra holds the attributes of a next hop that few have: a VRF
// ("%vrf"), labels and tunnel details.
type NextHopExtra struct {
	NextHopVRF string `json:"next_hop_vrf,omitempty"`
	NextHopAF  string `json:"next_hop_af,omitempty"`
	MPLS       bool   `json:"mpls,omitempty"`
	MPLSVPN    bool   `json:"mpls_vpn,omitempty"`
	Stale      bool   `json:"stale,omitempty"`
	EVPN       bool   `json:"evpn,omitempty"`
	Asymmetric bool   `json:"asymmetric,omitempty"`
	SegID      *int   `json:"segid,omitempty"`
	TunnelID   string `json:"tunnelid,omitempty"`
	Encap      string `json:"encap,omitempty"`
}

func init() {
	regSrc("ShowIpRoute", []string{
		"show ip route {route} {protocol} interface {interface} vrf {vrf}",
		"show ip route {route} {protocol} interface {interface}",
		"show ip route {route} {protocol} vrf {vrf}",
		"show ip route {protocol} interface {interface} vrf {vrf}",
		"show ip route {route} interface {interface} vrf {vrf}",
		"show ip route {route} {protocol}",
		"show ip route {protocol} interface {interface}",
		"show ip route {protocol} vrf {vrf}",
		"show ip route {route} interface {interface}",
		"show ip route {route} vrf {vrf}",
		"show ip route interface {interface} vrf {vrf}",
		"show ip route {protocol}",
		"show ip route {route}",
		"show ip route interface {interface}",
		"show ip route vrf {vrf}",
		"show ip route vrf all",
		"show ip route",
	}, parseShowIpRoute)
}

// ParseShowIpRoute parses "show ip route" output. vrf names the table
// when the output has no "IP Route Table for VRF" header ("" = default).
func ParseShowIpRoute(out, vrf string) (*ShowIpRoute, error) {
	r, _, err := runSrc(out, core.Params{"vrf": vrf}, parseShowIpRoute)
	return r, err
}

// vrfCell is a routing table and its address family, allocated together.
type vrfCell struct {
	vrf RouteVRF
	af  RouteAF
}

// routeBlock is the result of a parse allocated with its first table
// and room for a few tags and extras: most outputs are one short table,
// and these would otherwise be four allocations.
type routeBlock struct {
	res    ShowIpRoute
	cell   vrfCell
	tags   [4]int64
	extras [2]NextHopExtra
}

// routeAlloc batches the small allocations of one parse.
type routeAlloc struct {
	routes slab[Route]
	hops   []RouteNextHop // backing store carved into NextHopList slices
	extras slab[NextHopExtra]
	ints   slab[int]
	tags   slab[int64]
	cache  intfCache
	// Routes repeat figures, tags and extras (the same preference and
	// metric, the same AS, the same "%vrf"): a repeat shares the pointer
	// of an earlier one of this parse. Figures are looked up by value in
	// a small direct-mapped table; tags and extras compare with the last.
	recentInts [32]*int
	lastTag    *int64
	lastExtra  *NextHopExtra
}

// intRef returns a pointer to the value v, shared with the routes of this
// parse that have the same figure. Never shared across parses: a caller
// that writes through one changes its own result only, and concurrent
// parses share nothing.
func (al *routeAlloc) intRef(v int) *int {
	slot := &al.recentInts[uint(v)%uint(len(al.recentInts))]
	if p := *slot; p != nil && *p == v {
		return p
	}
	p := al.ints.alloc()
	*p = v
	*slot = p
	return p
}

// tagRef returns a pointer to the value v.
func (al *routeAlloc) tagRef(v int64) *int64 {
	if al.lastTag != nil && *al.lastTag == v {
		return al.lastTag
	}
	p := al.tags.alloc()
	*p = v
	al.lastTag = p
	return p
}

// extraRef returns a pointer to the value x.
func (al *routeAlloc) extraRef(x *NextHopExtra) *NextHopExtra {
	if al.lastExtra != nil && *al.lastExtra == *x {
		return al.lastExtra
	}
	p := al.extras.alloc()
	*p = *x
	al.lastExtra = p
	return p
}

// hopList returns an empty next-hop list with room for n entries, carved
// from a shared chunk.
func (al *routeAlloc) hopList(n int) IndexedNextHops {
	if n <= 0 || n > 64 {
		return nil
	}
	if cap(al.hops)-len(al.hops) < n {
		// At least n: a route may claim more next hops than the first chunk.
		al.hops = make([]RouteNextHop, 0, max(min(max(2*cap(al.hops), 16), 1024), n))
	}
	l := al.hops[len(al.hops) : len(al.hops) : len(al.hops)+n]
	al.hops = al.hops[:len(al.hops)+n]
	return l
}

// intfCache memoises convertIntf within one parse: route tables repeat a
// handful of interfaces thousands of times, often on consecutive lines.
// The first few live in an array (no map to build for a short output).
type intfCache struct {
	small           [8][2]string // abbreviated name, long name
	n               int
	m               map[string]string
	lastIn, lastOut string
}

func (c *intfCache) get(s string) string {
	if s == c.lastIn && s != "" {
		return c.lastOut
	}
	// The array first (it holds abbreviated names only): next hops
	// alternate between a few interfaces, and a hit there is cheaper
	// than telling whether s is abbreviated.
	for i := 0; i < c.n; i++ {
		if c.small[i][0] == s {
			c.lastIn, c.lastOut = s, c.small[i][1]
			return c.lastOut
		}
	}
	if !intfAbbreviated(s) {
		// convertIntf would return s itself: no need to remember it.
		c.lastIn, c.lastOut = s, s
		return s
	}
	v, ok := c.m[s]
	if !ok {
		v = convertIntf(s)
		if c.n < len(c.small) {
			c.small[c.n] = [2]string{s, v}
			c.n++
		} else {
			if c.m == nil {
				c.m = map[string]string{}
			}
			c.m[s] = v
		}
	}
	c.lastIn, c.lastOut = s, v
	return v
}

// routeCounts counts the route lines of each table in order, so that each
// routes map is sized once instead of growing, and returns upper bounds
// for all routes and next-hop lines, so the slabs are allocated once.
// The figures only size allocations: a look at the first byte of each
// line is close enough (an indented line or a '*' is a next hop, other
// lines but table headers count as routes).
func routeCounts(lines lineSrc, counts []int) (_ []int, routes, hops int) {
	counts = append(counts, 0)
	if lines.more {
		return countRoutes(lines.body, counts)
	}
	for _, l := range lines.lines {
		var r, h int
		counts, r, h = countRoutes(l, counts)
		routes, hops = routes+r, hops+h
	}
	return counts, routes, hops
}

// tableHeader starts each table of a "vrf all" output.
const tableHeader = "IP Route Table for VRF "

// countRoutes adds the lines of s to the counts (see routeCounts).
func countRoutes(s string, counts []int) (_ []int, routes, hops int) {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '*':
			hops++
		case c == '\n':
		case c == 'I' && strings.HasPrefix(s[i:], tableHeader):
			counts = append(counts, 0)
		default:
			counts[len(counts)-1]++
			routes++
		}
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return counts, routes, hops
}

func parseShowIpRoute(lines lineSrc, p core.Params, u *core.Unparsed) *ShowIpRoute {
	blk := &routeBlock{}
	r := &blk.res
	r.VRF = map[string]*RouteVRF{}
	al := &routeAlloc{}
	al.tags.buf, al.extras.buf = blk.tags[:0], blk.extras[:0]
	firstCell := &blk.cell // the first table's
	var (
		af    *RouteAF
		route *Route
		found bool
	)
	vrfName := p["vrf"]
	if vrfName == "" || vrfName == "all" {
		vrfName = "default"
	}
	cur := ""
	var cbuf [4]int // the counts of a few tables, in this frame
	counts, nRoutes, nHops := routeCounts(lines, cbuf[:0])
	al.routes.reserve(nRoutes)
	if nHops > 0 {
		al.hops = make([]RouteNextHop, 0, nHops)
	}
	table := 0 // tables seen so far: index into counts
	// A table's VRF and address family are one allocation (an output has
	// few tables, so their allocations count on small outputs); newCell
	// is the cell of the VRF made last, whose family may still be unused.
	var newCell *vrfCell
	setVRF := func(name string) {
		cur, af = name, nil
		if r.VRF[name] == nil {
			if firstCell != nil {
				newCell, firstCell = firstCell, nil
			} else {
				newCell = &vrfCell{}
			}
			r.VRF[name] = &newCell.vrf
		}
	}
	routeAF := func() *RouteAF {
		if af != nil {
			return af
		}
		if cur == "" {
			setVRF(vrfName)
		}
		v := r.VRF[cur]
		if v.AddressFamily == nil {
			v.AddressFamily = map[string]*RouteAF{}
		}
		af = v.AddressFamily["ipv4"]
		if af == nil {
			hint := 0
			if table < len(counts) {
				hint = counts[table]
			}
			if newCell != nil && v == &newCell.vrf {
				af, newCell = &newCell.af, nil
			} else {
				af = &RouteAF{}
			}
			af.Routes = make(map[string]*Route, hint)
			v.AddressFamily["ipv4"] = af
		}
		return af
	}
	finish := func() {
		if route != nil {
			orderNextHops(route.NextHop.NextHopList)
		}
		route = nil
	}
	for {
		raw, ok := lines.next()
		if !ok {
			break
		}
		t := trimSpace(raw)
		if t == "" {
			continue
		}
		// Next-hop lines are most of a table: test for them first. A line
		// starting with '*' or 'v' is neither a legend line nor
		// "Route not found", so the order of the tests is unchanged.
		stars := 0
		for stars < len(t) && t[stars] == '*' {
			stars++
		}
		if len(t)-stars >= 4 && t[stars:stars+4] == "via " {
			if route == nil {
				u.Add(raw)
			} else if !parseVia(t, stars, route, al) {
				u.Add(raw)
			}
			continue
		}
		if t[0] == '\'' && strings.Contains(t, "denotes") || t == "Route not found" {
			continue // legend
		}
		if i := indexRouteSep(t); i >= 0 {
			finish()
			route = parseRouteLine(t, i, al)
			if route == nil {
				u.Add(raw)
				continue
			}
			routeAF().Routes[route.Route] = route
			found = true
			continue
		}
		if strings.HasPrefix(t, "IP Route Table for VRF ") {
			finish()
			table++
			setVRF(strings.Trim(strings.TrimPrefix(t, "IP Route Table for VRF "), `"`))
			continue
		}
		u.Add(raw)
	}
	finish()
	if !found {
		return nil
	}
	return r
}

// routeSep follows the prefix on a route line.
const routeSep = ", ubest/mbest: "

// indexRouteSep is strings.Index(t, routeSep), looking first after the
// first comma, where the separator is on a route line.
func indexRouteSep(t string) int {
	i := strings.IndexByte(t, ',')
	if i < 0 {
		return -1
	}
	if strings.HasPrefix(t[i:], routeSep) {
		return i
	}
	if j := strings.Index(t[i+1:], routeSep); j >= 0 {
		return i + 1 + j
	}
	return -1
}

// parseRouteLine reads "10.1.1.0/24, ubest/mbest: 1/0, attached, direct";
// sep is the index of routeSep in t.
func parseRouteLine(t string, sep int, al *routeAlloc) *Route {
	prefix, rest := t[:sep], t[sep+len(routeSep):]
	var arr [8]int32 // part ends, in this frame
	it := partIter{ends: partEnds(arr[:0], rest)}
	ub, mb, ok := strings.Cut(trimPart(it.next(rest)), "/")
	if !ok {
		return nil
	}
	if i := strings.IndexByte(mb, ' '); i >= 0 {
		mb = mb[:i]
	}
	rt := al.routes.alloc()
	ubest, mbest := atoi(ub), atoi(mb)
	rt.Route, rt.Active, rt.UBest, rt.MBest = prefix, true, al.intRef(ubest), al.intRef(mbest)
	rt.NextHop.NextHopList = al.hopList(ubest + mbest)
	for it.more() {
		switch trimPart(it.next(rest)) {
		case "attached":
			rt.Attached = true
		case "direct":
			rt.Direct = true
		case "pervasive":
			rt.Pervasive = true
		case "hidden":
			rt.Hidden = true
		case "all-best":
			rt.AllBest = "all-best"
		}
	}
	return rt
}

// partIter walks the ", "-separated parts of a line (splitComma's parts)
// without storing them: the ends of the parts come from one pass
// (partEnds). The line is passed to next, not kept here: escape analysis
// would otherwise let the parts (which go to the heap) carry ends, and
// its array, along.
type partIter struct {
	i, k int     // start of the next part, index of its end in ends
	ends []int32 // from partEnds
}

// more reports whether a part is left.
func (it *partIter) more() bool { return it.k < len(it.ends) }

// next returns the next part of s; call it only when more().
func (it *partIter) next(s string) string {
	end := int(it.ends[it.k])
	it.k++
	p := s[it.i:end]
	it.i = end + 2
	return p
}

// nextPart returns the part of s that starts at i and ends before the
// next ", ", and the index after that separator; the last part ends at
// len(s) and comes with len(s)+1.
func nextPart(s string, i int) (string, int) {
	for j := i; j+1 < len(s); j++ {
		if s[j] == ',' && s[j+1] == ' ' {
			return s[i:j], j + 2
		}
	}
	return s[i:], len(s) + 1
}

// trimPart is strings.TrimSpace for the parts of a line, which rarely
// have blanks around them: a part that starts and ends with a printable
// ASCII byte is returned as it is.
func trimPart(s string) string {
	if n := len(s); n > 0 && s[0] < 0x80 && !asciiSpace[s[0]] && s[n-1] < 0x80 && !asciiSpace[s[n-1]] {
		return s
	}
	return strings.TrimSpace(s)
}

// parseVia reads one next-hop line:
// "*via 10.1.1.2%vrf, Eth1/1, [110/2], 1w3d, ospf-1, intra, tag 5 (mpls)",
// and adds the hop to rt; it reports false, and leaves rt alone, when the
// line is not one.
func parseVia(t string, stars int, rt *Route, al *routeAlloc) bool {
	var arr [16]int32 // part ends, in this frame
	s := t[stars+4:]
	it := partIter{ends: partEnds(arr[:0], s)}
	addr := it.next(s)
	if !it.more() {
		return false // fewer than two parts
	}
	// The hop is built in this frame (stores there need no write
	// barrier) and copied into the route's list at the end.
	var h RouteNextHop
	var x NextHopExtra
	// The mark is the run of '*' before "via" (TrimSpace of it is itself).
	h.BestUcastNexthop, h.BestMcastNexthop = stars == 1, stars == 2
	if j := strings.IndexByte(addr, '%'); j >= 0 {
		vrf := addr[j+1:]
		addr = addr[:j]
		if k := strings.IndexByte(vrf, ':'); k >= 0 {
			x.NextHopAF = vrf[k+1:]
			vrf = vrf[:k]
		}
		x.NextHopVRF = vrf
		if vrf == "default" {
			x.NextHopVRF = "default" // a constant: see internRouteWord
		}
	}
	h.NextHop = addr
	part := it.next(s)
	if !strings.HasPrefix(part, "[") {
		h.OutgoingInterface = al.cache.get(part)
		if !it.more() {
			return false
		}
		part = it.next(s)
	}
	if !strings.HasPrefix(part, "[") {
		return false
	}
	pm := part[1:] // "[110/41]" without the "["
	if n := len(pm); n > 0 && pm[n-1] == ']' {
		pm = pm[:n-1]
	}
	pref, met := pm, ""
	for j := 0; j < len(pm); j++ {
		if pm[j] == '/' {
			pref, met = pm[:j], pm[j+1:]
			break
		}
	}
	h.RoutePreference, h.Metric = al.intRef(atoi(pref)), al.intRef(atoi(met))
	if it.more() {
		h.Updated = it.next(s)
	}
	var tag *int64
	processID := ""
	if it.more() {
		proto := it.next(s)
		if j := strings.IndexByte(proto, '-'); j >= 0 {
			processID = proto[j+1:]
			proto = proto[:j]
		}
		h.SourceProtocol = internRouteWord(proto)
	}
	for k := 0; it.more(); k++ {
		part := trimPart(it.next(s))
		switch {
		case strings.HasPrefix(part, "tag "):
			v, extra, _ := strings.Cut(trimPart(part[4:]), " ")
			if n, ok := parseInt64(v); ok {
				tag = al.tagRef(n)
			}
			if extra != "" {
				// A buffer in this frame, zeroed only for such lists.
				var xb [8]string
				viaExtras(appendFields(xb[:0], extra), &x, al)
			}
		case strings.HasPrefix(part, "segid:") || len(part) >= len("tunnelid:") && strings.Contains(part, "tunnelid:") ||
			strings.HasPrefix(part, "("):
			var xb [8]string
			viaExtras(appendFields(xb[:0], part), &x, al)
		case k == 0:
			h.SourceProtocolStatus = internRouteWord(part)
		default:
			var xb [8]string
			viaExtras(appendFields(xb[:0], part), &x, al)
		}
	}
	isAddr := looksLikeAddr(addr)
	if !isAddr && h.OutgoingInterface == "" && addr != "" {
		// "*via Null0, [220/0], ...": the interface is the next hop.
		h.OutgoingInterface = al.cache.get(addr)
	}
	if h.OutgoingInterface != "" && (addr == "" || !isAddr) {
		// An interface-only next hop.
		if rt.NextHop.OutgoingInterface == nil {
			rt.NextHop.OutgoingInterface = map[string]*RouteIntfHop{}
		}
		rt.NextHop.OutgoingInterface[h.OutgoingInterface] = &RouteIntfHop{OutgoingInterface: h.OutgoingInterface,
			Updated: h.Updated, BestUcastNexthop: h.BestUcastNexthop, BestMcastNexthop: h.BestMcastNexthop}
	} else {
		if !x.isZero() {
			h.Extra = al.extraRef(&x)
		}
		rt.NextHop.NextHopList = append(rt.NextHop.NextHopList, h)
	}
	// The route takes its preference, metric, protocol and process from
	// its last next hop, as Genie reports them: each hop overwrites them.
	if tag != nil {
		rt.Tag = tag
	}
	rt.RoutePreference, rt.Metric = h.RoutePreference, h.Metric
	rt.SourceProtocol, rt.SourceProtocolStatus = h.SourceProtocol, h.SourceProtocolStatus
	rt.ProcessID = processID
	return true
}

// internRouteWord returns the protocol or status word s as a constant when
// it is a common one: a constant lives outside the heap, so the GC, which
// runs while a large table is parsed, neither marks through it (twice per
// next hop and twice per route) nor pays a write barrier for it. Other
// words are returned as they are.
func internRouteWord(s string) string {
	switch s {
	case "ospf":
		return "ospf"
	case "bgp":
		return "bgp"
	case "local":
		return "local"
	case "direct":
		return "direct"
	case "static":
		return "static"
	case "hsrp":
		return "hsrp"
	case "eigrp":
		return "eigrp"
	case "isis":
		return "isis"
	case "am":
		return "am"
	case "intra":
		return "intra"
	case "inter":
		return "inter"
	case "internal":
		return "internal"
	case "external":
		return "external"
	case "type-1":
		return "type-1"
	case "type-2":
		return "type-2"
	case "discard":
		return "discard"
	}
	return s
}

// viaExtras reads the trailing attributes of a via line.
func viaExtras(f []string, h *NextHopExtra, al *routeAlloc) {
	for i := 0; i < len(f); i++ {
		switch strings.ToLower(f[i]) {
		case "(mpls)":
			h.MPLS = true
		case "(mpls-vpn)":
			h.MPLSVPN = true
		case "(evpn)":
			h.EVPN = true
		case "(stale)":
			h.Stale = true
		case "(asymmetric)":
			h.Asymmetric = true
		case "segid:":
			if i+1 < len(f) {
				h.SegID = al.intRef(atoi(f[i+1]))
				i++
			}
		case "tunnelid:":
			if i+1 < len(f) {
				h.TunnelID = f[i+1]
				i++
			}
		case "encap:":
			if i+1 < len(f) {
				h.Encap = strings.ToLower(f[i+1])
				i++
			}
		}
	}
}

// looksLikeAddr reports an IPv4 or IPv6 address.
func looksLikeAddr(s string) bool {
	// A digit first and then a '.' or a ':', or a ':' anywhere: one pass
	// over a short string.
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		for i := 1; i < len(s); i++ {
			if s[i] == '.' || s[i] == ':' {
				return true
			}
		}
		return false
	}
	return strings.IndexByte(s, ':') >= 0
}

// orderNextHops numbers next hops. Genie lists several protocols for the
// same address and interface (local and direct for a connected address)
// in protocol order; other next hops keep the device's order.
func orderNextHops(l IndexedNextHops) {
	if len(l) > 1 {
		for i := 1; i < len(l); i++ {
			for j := i; j > 0; j-- {
				a, b := &l[j-1], &l[j]
				if a.NextHop == b.NextHop && a.OutgoingInterface == b.OutgoingInterface && b.SourceProtocol < a.SourceProtocol {
					l[j-1], l[j] = l[j], l[j-1]
					continue
				}
				break
			}
		}
	}
	for i := range l {
		l[i].Index = i + 1
	}
}

// AppendJSON appends exactly what json.Marshal writes for a, without its
// reflection: the routes map is the largest of a snapshot, and sorting its
// prefixes as reflected values cost more than writing the routes
// (core.AppendMapObject sorts them as plain strings, cheaply).
func (a *RouteAF) AppendJSON(b []byte) ([]byte, error) {
	return core.AppendMapObject(b, `,"routes":`, a.Routes, (*Route).AppendJSON)
}

// AppendJSON appends exactly what json.Marshal writes for r, without its
// reflection: a snapshot writes every route of every device (issu's
// artifact encoder calls it; json.Marshal itself does not, so it stays the
// oracle in TestRouteJSON).
func (r *Route) AppendJSON(b []byte) ([]byte, error) {
	o := core.NewJSONObject(b)
	o.Str(`,"route":`, r.Route)
	o.OptInt(`,"ubest":`, r.UBest)
	o.OptInt(`,"mbest":`, r.MBest)
	o.Str(`,"process_id":`, r.ProcessID)
	o.OptInt(`,"route_preference":`, r.RoutePreference)
	o.OptInt(`,"metric":`, r.Metric)
	if r.Tag != nil {
		o.Key(`,"tag":`)
		o.B = core.AppendInt(o.B, *r.Tag)
	}
	o.Flag(`,"hidden":`, r.Hidden)
	o.Str(`,"source_protocol":`, r.SourceProtocol)
	o.Str(`,"source_protocol_status":`, r.SourceProtocolStatus)
	o.Flag(`,"attached":`, r.Attached)
	o.Flag(`,"active":`, r.Active)
	o.Flag(`,"direct":`, r.Direct)
	o.Flag(`,"pervasive":`, r.Pervasive)
	o.Str(`,"all_best":`, r.AllBest)
	if !r.NextHop.IsZero() {
		o.Key(`,"next_hop":`)
		nh := core.NewJSONObject(o.B)
		if len(r.NextHop.OutgoingInterface) > 0 {
			nh.Key(`,"outgoing_interface":`)
			nh.B = appendIntfHops(nh.B, r.NextHop.OutgoingInterface)
		}
		if len(r.NextHop.NextHopList) > 0 {
			nh.Key(`,"next_hop_list":`)
			var err error
			if nh.B, err = r.NextHop.NextHopList.AppendJSON(nh.B); err != nil {
				return nil, err
			}
		}
		o.B = nh.End()
	}
	return o.End(), nil
}

// appendIntfHops appends m as encoding/json encodes the map: keys sorted.
func appendIntfHops(b []byte, m map[string]*RouteIntfHop) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = core.AppendJSONString(b, k)
		b = append(b, ':')
		h := m[k]
		if h == nil {
			b = append(b, "null"...)
			continue
		}
		o := core.NewJSONObject(b)
		o.Str(`,"outgoing_interface":`, h.OutgoingInterface)
		o.Str(`,"updated":`, h.Updated)
		o.Flag(`,"best_ucast_nexthop":`, h.BestUcastNexthop)
		o.Flag(`,"best_mcast_nexthop":`, h.BestMcastNexthop)
		b = o.End()
	}
	return append(b, '}')
}
