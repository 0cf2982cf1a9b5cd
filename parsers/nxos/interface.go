package nxos

import (
	"strings"

	"github.com/goissu/goissu/parsers/internal/core"
)

// ShowInterfaceBrief is "show interface brief" (Genie ShowInterfaceBrief):
// one map per table of the output, keyed by the long interface name.
type ShowInterfaceBrief struct {
	Interface BriefInterfaces `json:"interface"`
}

// BriefInterfaces groups interfaces by table.
type BriefInterfaces struct {
	Ethernet    map[string]*BriefEthernet    `json:"ethernet,omitempty"`
	Port        map[string]*BriefPort        `json:"port,omitempty"`
	PortChannel map[string]*BriefPortChannel `json:"port_channel,omitempty"`
	Loopback    map[string]*BriefLoopback    `json:"loopback,omitempty"`
	Vlan        map[string]*BriefVlan        `json:"vlan,omitempty"`
	Nve         map[string]*BriefNve         `json:"nve,omitempty"`
	Tunnel      map[string]*BriefTunnel      `json:"tunnel,omitempty"`
}

// BriefEthernet is a row of the Ethernet table.
type BriefEthernet struct {
	Vlan   string `json:"vlan"`
	Type   string `json:"type"`
	Mode   string `json:"mode"`
	Status string `json:"status"`
	Speed  string `json:"speed"`
	Reason string `json:"reason"`
	PortCh string `json:"port_ch"`
}

// BriefPort is a row of the management port table.
type BriefPort struct {
	VRF       string `json:"vrf,omitempty"`
	Status    string `json:"status,omitempty"`
	IPAddress string `json:"ip_address,omitempty"`
	Speed     string `json:"speed,omitempty"`
	MTU       *int   `json:"mtu,omitempty"`
}

// BriefPortChannel is a row of the Port-channel table.
type BriefPortChannel struct {
	Vlan     string `json:"vlan,omitempty"`
	Type     string `json:"type,omitempty"`
	Mode     string `json:"mode,omitempty"`
	Status   string `json:"status,omitempty"`
	Speed    string `json:"speed,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Protocol string `json:"protocol,omitempty"`
}

// BriefLoopback is a row of the loopback table.
type BriefLoopback struct {
	Status      string `json:"status,omitempty"`
	Description string `json:"description,omitempty"`
}

// BriefVlan is a row of the VLAN interface table.
type BriefVlan struct {
	Type   string `json:"type,omitempty"`
	Status string `json:"status,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// BriefNve is a row of the NVE table.
type BriefNve struct {
	MTU    string `json:"mtu,omitempty"`
	Status string `json:"status,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// BriefTunnel is a row of the tunnel table.
type BriefTunnel struct {
	Status    string `json:"status"`
	IPAddress string `json:"ip_address"`
	EncapType string `json:"encap_type"`
	MTU       int    `json:"mtu"`
}

// ShowIpInterfaceBrief is "show ip interface brief" (Genie
// ShowIpInterfaceBrief), keyed by the interface name as printed; VLAN
// interfaces nest their address under vlan_id.
type ShowIpInterfaceBrief struct {
	Interface map[string]*IPBrief `json:"interface"`
}

// IPBrief is one interface of ShowIpInterfaceBrief.
type IPBrief struct {
	VlanID             map[string]*IPBriefVlan `json:"vlan_id,omitempty"`
	IPAddress          string                  `json:"ip_address,omitempty"`
	InterfaceStatus    string                  `json:"interface_status,omitempty"`
	IPAddressExtension string                  `json:"ipaddress_extension,omitempty"`
}

// IPBriefVlan is the address of a VLAN interface.
type IPBriefVlan struct {
	IPAddress          string `json:"ip_address"`
	InterfaceStatus    string `json:"interface_status"`
	IPAddressExtension string `json:"ipaddress_extension,omitempty"`
}

// ShowIpInterfaceBriefVrfAll is "show ip interface brief vrf all" (Genie
// ShowIpInterfaceBriefVrfAll).
type ShowIpInterfaceBriefVrfAll struct {
	Interface map[string]*IPBriefVRF `json:"interface"`
}

// IPBriefVRF is one interface with its VRF.
type IPBriefVRF struct {
	VRF             string `json:"vrf,omitempty"`
	IPAddress       string `json:"ip_address,omitempty"`
	InterfaceStatus string `json:"interface_status,omitempty"`
}

func init() {
	reg("ShowInterfaceBrief", []string{"show interface brief", "show interface {interface} brief"}, parseShowInterfaceBrief)
	reg("ShowIpInterfaceBrief", []string{"show ip interface brief"}, parseShowIpInterfaceBrief)
	reg("ShowIpInterfaceBriefVrfAll", []string{
		"show ip interface brief vrf all | include {ip}",
		"show ip interface brief vrf all",
	}, parseShowIpInterfaceBriefVrfAll)
}

// ParseShowInterfaceBrief parses "show interface brief".
func ParseShowInterfaceBrief(out string) (*ShowInterfaceBrief, error) {
	return parse(out, nil, parseShowInterfaceBrief)
}

// ParseShowIpInterfaceBrief parses "show ip interface brief".
func ParseShowIpInterfaceBrief(out string) (*ShowIpInterfaceBrief, error) {
	return parse(out, nil, parseShowIpInterfaceBrief)
}

// ParseShowIpInterfaceBriefVrfAll parses "show ip interface brief vrf all".
func ParseShowIpInterfaceBriefVrfAll(out string) (*ShowIpInterfaceBriefVrfAll, error) {
	return parse(out, nil, parseShowIpInterfaceBriefVrfAll)
}

func parseShowInterfaceBrief(lines []string, _ core.Params, u *core.Unparsed) *ShowInterfaceBrief {
	var fb fieldBuf
	r := &ShowInterfaceBrief{}
	in := &r.Interface
	table := ""
	found := false
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" || isSeparator(t) {
			continue
		}
		f := fb.split(t)
		// Table headers.
		switch {
		case f[0] == "Port" && len(f) > 1 && f[1] == "VRF":
			table = "port"
			continue
		case f[0] == "Ethernet" && len(f) > 1 && f[1] == "VLAN":
			table = "ethernet"
			continue
		case f[0] == "Port-channel" && len(f) > 1 && f[1] == "VLAN":
			table = "port_channel"
			continue
		case f[0] == "Interface" && len(f) > 2 && f[1] == "Secondary":
			table = "vlan"
			continue
		case f[0] == "Interface" && len(f) > 2 && f[1] == "Status" && f[2] == "Description":
			table = "loopback"
			continue
		case f[0] == "Interface" && len(f) > 2 && f[1] == "Status" && f[2] == "Reason":
			table = "nve"
			continue
		case f[0] == "Tunnel" && len(f) > 1 && f[1] == "Status":
			table = "tunnel"
			continue
		case t == "Interface" || t == "Ch #" || strings.HasPrefix(t, "Interface ") && strings.HasSuffix(t, "Ch #"):
			continue
		}
		name := convertIntf(f[0])
		ok := true
		switch table {
		case "ethernet":
			if len(f) < 7 {
				ok = false
				break
			}
			if in.Ethernet == nil {
				in.Ethernet = map[string]*BriefEthernet{}
			}
			in.Ethernet[name] = &BriefEthernet{Vlan: f[1], Type: f[2], Mode: f[3], Status: f[4],
				Reason: strings.Join(f[5:len(f)-2], " "), Speed: f[len(f)-2], PortCh: f[len(f)-1]}
		case "port_channel":
			if len(f) < 7 {
				ok = false
				break
			}
			if in.PortChannel == nil {
				in.PortChannel = map[string]*BriefPortChannel{}
			}
			in.PortChannel[name] = &BriefPortChannel{Vlan: f[1], Type: f[2], Mode: f[3], Status: f[4],
				Reason: strings.Join(f[5:len(f)-2], " "), Speed: f[len(f)-2], Protocol: f[len(f)-1]}
		case "port":
			if len(f) < 6 {
				ok = false
				break
			}
			if in.Port == nil {
				in.Port = map[string]*BriefPort{}
			}
			p := &BriefPort{VRF: f[1], Status: f[2], IPAddress: f[3], Speed: f[4]}
			if n, isNum := core.Atoi(f[5]); isNum {
				p.MTU = &n
			}
			in.Port[name] = p
		case "loopback":
			if len(f) < 2 {
				ok = false
				break
			}
			if in.Loopback == nil {
				in.Loopback = map[string]*BriefLoopback{}
			}
			in.Loopback[name] = &BriefLoopback{Status: f[1], Description: strings.Join(f[2:], " ")}
		case "vlan":
			if len(f) < 3 {
				ok = false
				break
			}
			if in.Vlan == nil {
				in.Vlan = map[string]*BriefVlan{}
			}
			in.Vlan[name] = &BriefVlan{Type: f[1], Status: f[2], Reason: strings.Join(f[3:], " ")}
		case "nve":
			if len(f) < 4 {
				ok = false
				break
			}
			if in.Nve == nil {
				in.Nve = map[string]*BriefNve{}
			}
			in.Nve[name] = &BriefNve{Status: f[1], Reason: strings.Join(f[2:len(f)-1], " "), MTU: f[len(f)-1]}
		case "tunnel":
			if len(f) < 5 {
				ok = false
				break
			}
			if in.Tunnel == nil {
				in.Tunnel = map[string]*BriefTunnel{}
			}
			in.Tunnel[name] = &BriefTunnel{Status: f[1], IPAddress: f[2], EncapType: strings.Join(f[3:len(f)-1], " "),
				MTU: atoi(f[len(f)-1])}
		default:
			ok = false
		}
		if !ok {
			u.Add(raw)
			continue
		}
		found = true
	}
	if !found {
		return nil
	}
	return r
}

// ipBriefRows walks "show ip interface brief" tables, calling row for each
// interface with its VRF. A row whose address continues on the next line
// ("unnumbered" then "(loopback0)") is joined.
func ipBriefRows(lines []string, u *core.Unparsed, row func(vrf, intf, addr, status string) *string) bool {
	var fb fieldBuf
	vrf := ""
	found := false
	var lastAddr *string
	for _, raw := range lines {
		t := strings.TrimSpace(raw)
		if t == "" {
			continue
		}
		switch {
		case strings.HasPrefix(t, "IP Interface Status for VRF "):
			v := strings.TrimPrefix(t, "IP Interface Status for VRF ")
			if a := strings.IndexByte(v, '"'); a >= 0 {
				if b := strings.IndexByte(v[a+1:], '"'); b >= 0 {
					v = v[a+1 : a+1+b]
				}
			}
			vrf = v
			lastAddr = nil
			continue
		case strings.HasPrefix(t, "Interface") && strings.Contains(t, "IP Address"):
			continue
		case strings.HasPrefix(t, "(") && lastAddr != nil:
			*lastAddr += t
			lastAddr = nil
			continue
		}
		f := fb.split(t)
		if len(f) != 3 {
			u.Add(raw)
			lastAddr = nil
			continue
		}
		lastAddr = row(vrf, f[0], f[1], f[2])
		found = true
	}
	return found
}

func parseShowIpInterfaceBrief(lines []string, _ core.Params, u *core.Unparsed) *ShowIpInterfaceBrief {
	// A row per line at most: the map is sized once and the rows come
	// from one slab.
	r := &ShowIpInterfaceBrief{Interface: make(map[string]*IPBrief, len(lines))}
	var rows slab[IPBrief]
	rows.reserve(len(lines))
	found := ipBriefRows(lines, u, func(_, intf, addr, status string) *string {
		if strings.HasPrefix(intf, "Vlan") && isInt(intf[4:]) {
			v := &IPBriefVlan{IPAddress: addr, InterfaceStatus: status}
			r.Interface[intf] = rows.new(IPBrief{VlanID: map[string]*IPBriefVlan{intf[4:]: v}})
			return &v.IPAddress
		}
		b := rows.new(IPBrief{IPAddress: addr, InterfaceStatus: status})
		r.Interface[intf] = b
		return &b.IPAddress
	})
	if !found {
		return nil
	}
	return r
}

func parseShowIpInterfaceBriefVrfAll(lines []string, _ core.Params, u *core.Unparsed) *ShowIpInterfaceBriefVrfAll {
	r := &ShowIpInterfaceBriefVrfAll{Interface: make(map[string]*IPBriefVRF, len(lines))}
	var rows slab[IPBriefVRF]
	rows.reserve(len(lines))
	found := ipBriefRows(lines, u, func(vrf, intf, addr, status string) *string {
		b := rows.new(IPBriefVRF{VRF: vrf, IPAddress: addr, InterfaceStatus: status})
		r.Interface[intf] = b
		return &b.IPAddress
	})
	if !found {
		return nil
	}
	return r
}
