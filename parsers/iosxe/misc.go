package iosxe

import (
	"strconv"
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// Dir is the result of "dir [directory]" (Genie Dir).
type Dir struct {
	Dir DirListing `json:"dir"`
}

// DirListing names the directory listed and holds it under that name.
type DirListing struct {
	Dir         string
	Directories map[string]*DirContent
}

// MarshalJSON flattens the directories beside the "dir" key as Genie does.
func (d DirListing) MarshalJSON() ([]byte, error) { return d.AppendJSON(nil) }

// AppendJSON appends exactly what json.Marshal writes for the map Genie
// has: the directories by name and "dir" (replacing a directory of that
// name), sorted.
func (d DirListing) AppendJSON(b []byte) ([]byte, error) {
	keys := make([]string, 0, len(d.Directories)+1)
	for k := range d.Directories {
		if k != "dir" {
			keys = append(keys, k)
		}
	}
	keys = append(keys, "dir")
	return core.AppendSortedObject(b, keys, func(b []byte, k string) ([]byte, error) {
		if k == "dir" {
			return core.AppendJSONString(b, d.Dir), nil
		}
		return d.Directories[k].appendJSON(b)
	})
}

// appendJSON appends what json.Marshal writes for c (null when nil).
func (c *DirContent) appendJSON(b []byte) ([]byte, error) {
	if c == nil {
		return append(b, "null"...), nil
	}
	o := core.NewJSONObject(b)
	if len(c.Files) > 0 {
		o.Key("files")
		o.B, _ = core.AppendMap(o.B, c.Files, (*DirFile).appendJSON) // a file never fails
	}
	o.Str("bytes_total", c.BytesTotal)
	o.Str("bytes_free", c.BytesFree)
	return o.End(), nil
}

// appendJSON appends what json.Marshal writes for f.
func (f *DirFile) appendJSON(b []byte) ([]byte, error) {
	o := core.NewJSONObject(b)
	o.Str("index", f.Index)
	o.Str("permissions", f.Permissions)
	o.String("size", f.Size)
	o.Str("last_modified_date", f.LastModifiedDate)
	return o.End(), nil
}

// DirContent is one directory's files and sizes.
type DirContent struct {
	Files      map[string]*DirFile `json:"files,omitempty"`
	BytesTotal string              `json:"bytes_total,omitempty"`
	BytesFree  string              `json:"bytes_free,omitempty"`
}

// DirFile is one directory entry.
type DirFile struct {
	Index            string `json:"index,omitempty"`
	Permissions      string `json:"permissions,omitempty"`
	Size             string `json:"size"`
	LastModifiedDate string `json:"last_modified_date,omitempty"`
}

var (
	reDirOf    = mustRe(`^Directory of (\S+)`)
	reDirAttr  = mustRe(`^([-dlrwx]{10}) +(\d+) +(.+)$`)
	reDirTotal = mustRe(`^(\d+) bytes total \((\d+) bytes free\)`)
)

// ParseDir parses "dir [directory]"; directory may be "".
func ParseDir(out, directory string) (*Dir, error) {
	r, _, err := parseDir(out, core.Params{"directory": directory})
	return r, err
}

func parseDir(out string, p core.Params) (*Dir, []string, error) {
	var un core.Unparsed
	res := &Dir{Dir: DirListing{Directories: map[string]*DirContent{}}}
	var cur *DirContent
	var fbuf [16]string
	open := func(name string) {
		res.Dir.Dir = name
		cur = res.Dir.Directories[name]
		if cur == nil {
			cur = &DirContent{}
			res.Dir.Directories[name] = cur
		}
	}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || isSeparator(l) || strings.Trim(l, "- ") == "" || strings.HasPrefix(l, "Attributes ") {
			continue
		}
		if rest, ok := strings.CutPrefix(l, "dir"); ok && (rest == "" || rest[0] == ' ') {
			// the command echo names the directory when no header does
			if d := strings.TrimSpace(rest); d != "" && p["directory"] == "" {
				p = core.Params{"directory": d}
			}
			continue
		}
		if m := reDirOf.FindStringSubmatch(l); m != nil {
			open(m[1])
			continue
		}
		if cur == nil {
			if d := p["directory"]; d != "" {
				open(d)
			}
		}
		if cur != nil {
			if name, f, ok := dirFileLine(l, &fbuf); ok {
				if cur.Files == nil {
					cur.Files = map[string]*DirFile{}
				}
				cur.Files[name] = f
				continue
			}
			if m := reDirAttr.FindStringSubmatch(l); m != nil {
				if cur.Files == nil {
					cur.Files = map[string]*DirFile{}
				}
				cur.Files[m[3]] = &DirFile{Permissions: m[1], Size: m[2]}
				continue
			}
			if m := reDirTotal.FindStringSubmatch(l); m != nil {
				cur.BytesTotal, cur.BytesFree = m[1], m[2]
				continue
			}
		}
		un.Add(raw)
	}
	if cur == nil {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ShowFileSystems is the result of "show file systems": file systems with
// a known size, indexed from 1.
type ShowFileSystems struct {
	FileSystems map[string]*FileSystem `json:"file_systems"`
}

// FileSystem is one row of "show file systems".
type FileSystem struct {
	TotalSize int    `json:"total_size"`
	FreeSize  int    `json:"free_size"`
	Type      string `json:"type"`
	Flags     string `json:"flags"`
	Prefixes  string `json:"prefixes"`
}

// ParseShowFileSystems parses "show file systems".
func ParseShowFileSystems(out string) (*ShowFileSystems, error) {
	r, _, err := parseShowFileSystems(out, nil)
	return r, err
}

func parseShowFileSystems(out string, _ core.Params) (*ShowFileSystems, []string, error) {
	var un core.Unparsed
	res := &ShowFileSystems{FileSystems: map[string]*FileSystem{}}
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || l == "File Systems:" || strings.HasPrefix(l, "Size(b)") || strings.HasPrefix(l, "show file") {
			continue
		}
		f := core.Fields(strings.TrimPrefix(l, "*"))
		if len(f) >= 5 {
			if f[0] == "-" && f[1] == "-" {
				continue // pseudo file systems without a size
			}
			total, ok1 := strconv.Atoi(f[0])
			free, ok2 := strconv.Atoi(f[1])
			if ok1 == nil && ok2 == nil {
				res.FileSystems[strconv.Itoa(len(res.FileSystems)+1)] = &FileSystem{TotalSize: total, FreeSize: free, Type: f[2], Flags: f[3], Prefixes: strings.Join(f[4:], " ")}
				continue
			}
		}
		un.Add(raw)
	}
	if len(res.FileSystems) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ShowIpInterfaceBrief is the result of "show ip interface brief".
type ShowIpInterfaceBrief struct {
	Interface map[string]*IPIntfBrief `json:"interface"`
}

// IPIntfBrief is one interface row.
type IPIntfBrief struct {
	VlanID        map[string]*IPIntfBrief `json:"vlan_id,omitempty"`
	IPAddress     string                  `json:"ip_address,omitempty"`
	InterfaceIsOK string                  `json:"interface_is_ok,omitempty"`
	Method        string                  `json:"method,omitempty"`
	Status        string                  `json:"status,omitempty"`
	Protocol      string                  `json:"protocol,omitempty"`
}

// intfAbbrev maps the abbreviations IOS-XE prints to full interface names
// (Genie's convert_intf_name).
var intfAbbrev = []struct{ short, long string }{
	{"Gi", "GigabitEthernet"}, {"Te", "TenGigabitEthernet"}, {"Tw", "TwoGigabitEthernet"}, {"Twe", "TwentyFiveGigE"},
	{"Fo", "FortyGigabitEthernet"}, {"Hu", "HundredGigE"}, {"Fa", "FastEthernet"}, {"Lo", "Loopback"},
	{"Po", "Port-channel"}, {"Vl", "Vlan"}, {"Tu", "Tunnel"}, {"Se", "Serial"}, {"Eth", "Ethernet"},
	{"ucse", "Ucse"}, {"Mg", "MgmtEth"}, {"BE", "Bundle-Ether"}, {"Fi", "FiveGigabitEthernet"},
}

// expandIntf returns the full name of an abbreviated interface name.
func expandIntf(name string) string {
	i := 0
	for i < len(name) && (name[i] >= 'a' && name[i] <= 'z' || name[i] >= 'A' && name[i] <= 'Z' || name[i] == '-') {
		i++
	}
	letters := name[:i]
	for _, a := range intfAbbrev {
		if letters == a.short {
			return a.long + name[i:]
		}
	}
	return name
}

// ParseShowIpInterfaceBrief parses "show ip interface brief".
func ParseShowIpInterfaceBrief(out string) (*ShowIpInterfaceBrief, error) {
	r, _, err := parseShowIpInterfaceBrief(out, nil)
	return r, err
}

func parseShowIpInterfaceBrief(out string, _ core.Params) (*ShowIpInterfaceBrief, []string, error) {
	var un core.Unparsed
	res := &ShowIpInterfaceBrief{Interface: map[string]*IPIntfBrief{}}
	var fbuf [8]string
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "Interface ") || strings.HasPrefix(l, "show ip") {
			continue
		}
		if f := fieldsInto(fbuf[:0], l); len(f) >= 6 && (f[2] == "YES" || f[2] == "NO") {
			status := f[4]
			if len(f) > 6 {
				status = strings.Join(f[4:len(f)-1], " ")
			}
			switch status {
			case "up", "down", "administratively down", "deleted":
				res.Interface[expandIntf(f[0])] = &IPIntfBrief{IPAddress: f[1], InterfaceIsOK: f[2], Method: f[3], Status: status, Protocol: f[len(f)-1]}
				continue
			}
		}
		un.Add(raw)
	}
	if len(res.Interface) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

// ShowIpOspfNeighbor is the result of "show ip ospf neighbor", keyed by
// interface then neighbor router ID.
type ShowIpOspfNeighbor struct {
	Interfaces map[string]*OspfNbrIntf `json:"interfaces"`
}

// OspfNbrIntf holds the neighbors on one interface.
type OspfNbrIntf struct {
	Neighbors OspfNbrs `json:"neighbors"`
}

// OspfNbr is one OSPF neighbor.
type OspfNbr struct {
	Priority int    `json:"priority"`
	State    string `json:"state"`
	DeadTime string `json:"dead_time"`
	Address  string `json:"address"`

	id string // the router ID it is filed under in OspfNbrs
}

// ID is the neighbor's router ID.
func (n *OspfNbr) ID() string { return n.id }

// ospfNbrEntry is an interface's entry with its first neighbor and the
// list holding it.
type ospfNbrEntry struct {
	intf OspfNbrIntf
	nbr  OspfNbr
	list [1]*OspfNbr
}

// ParseShowIpOspfNeighbor parses "show ip ospf neighbor".
func ParseShowIpOspfNeighbor(out string) (*ShowIpOspfNeighbor, error) {
	r, _, err := parseShowIpOspfNeighbor(out, nil)
	return r, err
}

func parseShowIpOspfNeighbor(out string, _ core.Params) (*ShowIpOspfNeighbor, []string, error) {
	var un core.Unparsed
	// The result and the first interface's entry, neighbor and the list
	// holding it, in one allocation: most outputs have one interface.
	blk := &struct {
		res ShowIpOspfNeighbor
		ospfNbrEntry
	}{}
	res := &blk.res
	res.Interfaces = map[string]*OspfNbrIntf{}
	first := &blk.ospfNbrEntry
	var fbuf [8]string
	sc := scanLines(out)
	for sc.next() {
		raw := sc.line
		l := sc.text
		if l == "" || strings.HasPrefix(l, "Neighbor ID") || strings.HasPrefix(l, "show ip") {
			continue
		}
		if m, ok := ospfNbrLine(l, &fbuf); ok {
			intf := m[6]
			nbr := OspfNbr{Priority: atoi(m[2]), State: m[3], DeadTime: m[4], Address: m[5]}
			e := res.Interfaces[intf]
			if e == nil {
				// Most interfaces have one neighbor: allocate the entry,
				// its first neighbor and the list holding it together.
				p := first
				if p != nil {
					first = nil
				} else {
					p = &ospfNbrEntry{}
				}
				p.nbr = nbr
				p.nbr.id = m[1]
				p.list[0] = &p.nbr
				p.intf.Neighbors = p.list[:1:1]
				res.Interfaces[intf] = &p.intf
				continue
			}
			n := nbr
			e.Neighbors = e.Neighbors.set(m[1], &n)
			continue
		}
		un.Add(raw)
	}
	if len(res.Interfaces) == 0 {
		return nil, un.Lines(), core.ErrEmpty
	}
	return res, un.Lines(), nil
}

func init() {
	registerTyped("Dir", []string{"dir", "dir {directory}"}, parseDir)
	registerTyped("ShowFileSystems", []string{"show file systems"}, parseShowFileSystems)
	registerTyped("ShowIpInterfaceBrief", []string{"show ip interface brief {interface}", "show ip interface brief"}, parseShowIpInterfaceBrief)
	registerTyped("ShowIpOspfNeighbor", []string{"show ip ospf neighbor {interface}", "show ip ospf neighbor", "show ip ospf {process_id} neighbor", "show ip ospf {process_id} neighbor {interface}"}, parseShowIpOspfNeighbor)
}

// dirFileLine reads "INDEX PERMS SIZE DATE TIME [TZ] NAME"; the date is
// everything up to the hh:mm:ss token and its optional UTC offset.
func dirFileLine(l string, buf *[16]string) (string, *DirFile, bool) {
	f, _ := fieldsN(buf[:0], l, 12)
	if len(f) < 6 || !isDigits(f[0]) || !isDigits(f[2]) {
		return "", nil, false
	}
	t := -1
	for i := 3; i < len(f); i++ {
		if isClock(f[i]) {
			t = i
			break
		}
	}
	if t < 0 || t+1 >= len(f) {
		return "", nil, false
	}
	end := t + 1
	if z := f[end]; len(z) == 6 && (z[0] == '+' || z[0] == '-') && isClock("00:"+z[1:]) {
		end++
	}
	if end >= len(f) {
		return "", nil, false
	}
	// the name is the rest of the line after the date
	head := firstWords(l, end)
	name := strings.TrimSpace(l[len(head):])
	// The date's words are substrings of l: reuse l when they are one
	// space apart, as devices print them.
	date := head[len(firstWords(head, 3)):]
	for date != "" && (date[0] == ' ' || date[0] == '\t') {
		date = date[1:]
	}
	want := end - 4
	for _, w := range f[3:end] {
		want += len(w)
	}
	if len(date) != want || strings.IndexByte(date, '\t') >= 0 {
		date = strings.Join(f[3:end], " ")
	}
	return name, &DirFile{Index: f[0], Permissions: f[1], Size: f[2], LastModifiedDate: date}, name != ""
}

// isClock reports whether s is hh:mm:ss.
func isClock(s string) bool {
	return len(s) == 8 && s[2] == ':' && s[5] == ':' && isDigits(s[:2]) && isDigits(s[3:5]) && isDigits(s[6:])
}

// ospfNbrLine reads "ID PRI STATE DEAD ADDRESS INTERFACE", where the
// state of a neighbor without DR role prints as "FULL/  -". The groups
// come back in an array, not a slice, so a row allocates nothing.
func ospfNbrLine(l string, buf *[8]string) ([7]string, bool) {
	f := fieldsInto(buf[:0], l)
	state := ""
	switch {
	case len(f) == 6:
		state = f[2]
	case len(f) == 7 && f[3] == "-" && strings.HasSuffix(f[2], "/"):
		// keep the device's spacing between the slash and the dash
		i := strings.Index(l, f[2])
		j := strings.Index(l[i:], "-")
		state = l[i : i+j+1]
		f = append(f[:3], f[4:]...)
	default:
		return [7]string{}, false
	}
	if !isDigits(f[1]) {
		return [7]string{}, false
	}
	return [7]string{l, f[0], f[1], state, f[3], f[4], f[5]}, true
}
