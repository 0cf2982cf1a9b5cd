package nxos

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func nxosEntry(t *testing.T, class string) func(string) (any, []string, error) {
	t.Helper()
	for _, e := range Entries() {
		if e.Class == class {
			return func(out string) (any, []string, error) { return e.Parse(out, nil) }
		}
	}
	t.Fatalf("no entry %s", class)
	return nil
}

// A line inside the neighbor table that cannot be a row (a message, a
// syslog line printed on the terminal, stray text) is reported as not
// understood; it must not become a neighbor nor swallow the continuation
// of a wrapped row.
func TestBgpSummaryRejectsNonRows(t *testing.T) {
	const head = "BGP summary information for VRF default, address family IPv4 Unicast\n" +
		"BGP router identifier 10.0.0.1, local AS number 4200000001\n" +
		"BGP table version is 40, IPv4 Unicast config peers 3, capable peers 2\n" +
		"5 network entries and 5 paths using 620 bytes of memory\n" +
		"BGP attribute entries [3/384], BGP AS path entries [0/0]\n" +
		"BGP community entries [0/0], BGP clusterlist entries [0/0]\n\n" +
		"Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n"
	const (
		row1   = "10.0.0.2        4 4200000002  1000     999       40    0    0    1w2d  5\n"
		v6     = "2001:db8:8191:506d:5::5\n"
		v6cont = "                4 65000.10    120     118       40    0    0 00:10:11 Idle\n"
		syslog = "2024 Mar 10 12:00:01 sw1 %BGP-5-ADJCHANGE:  bgp-65000 [1234] (default) neighbor 10.0.0.9 Up"
		stray  = "ZQXJUNK"
		words  = "some message the device printed here"
	)
	tests := []struct {
		name      string
		out       string
		neighbors []string
		unparsed  []string
	}{
		{"clean", head + row1 + v6 + v6cont, []string{"10.0.0.2", "2001:db8:8191:506d:5::5"}, nil},
		{"syslog line among rows", head + row1 + syslog + "\n" + v6 + v6cont, []string{"10.0.0.2", "2001:db8:8191:506d:5::5"}, []string{syslog}},
		{"word inside a wrapped row", head + row1 + v6 + stray + "\n" + v6cont, []string{"10.0.0.2", "2001:db8:8191:506d:5::5"}, []string{stray}},
		{"sentence inside a wrapped row", head + v6 + words + "\n" + v6cont + row1, []string{"10.0.0.2", "2001:db8:8191:506d:5::5"}, []string{words}},
		{"indented text as a continuation", head + v6 + "   " + words + "\n" + v6cont, []string{"2001:db8:8191:506d:5::5"}, []string{"   " + words}},
		{"counter that is not a number", head + "10.0.0.3 4 65000 12x 5 40 0 0 1d 5\n" + row1, []string{"10.0.0.2"}, []string{"10.0.0.3 4 65000 12x 5 40 0 0 1d 5"}},
	}
	for _, class := range []string{"ShowBgpVrfAllAllSummary", "ShowIpBgpSummary"} {
		parse := nxosEntry(t, class)
		for _, tc := range tests {
			t.Run(class+"/"+tc.name, func(t *testing.T) {
				v, unparsed, err := parse(tc.out)
				require.NoError(t, err)
				r := v.(*ShowBgpVrfAllAllSummary)
				require.Contains(t, r.VRF, "default")
				var got []string
				for n := range r.VRF["default"].Neighbor {
					got = append(got, n)
				}
				assert.ElementsMatch(t, tc.neighbors, got)
				assert.Equal(t, tc.unparsed, unparsed)
			})
		}
	}
	t.Run("ShowBgpL2vpnEvpnSummary", func(t *testing.T) {
		out := "BGP summary information for VRF default, address family L2VPN EVPN\n" +
			"BGP router identifier 4.4.4.4, local AS number 4444444444\n" +
			"Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd\n" +
			"1.1.1.1   4 4444444444\n" + words + "\n" +
			"                         121842  120925     5549    0    0    11w6d 142\n"
		v, unparsed, err := nxosEntry(t, "ShowBgpL2vpnEvpnSummary")(out)
		require.NoError(t, err)
		nb := v.(*ShowBgpL2vpnEvpnSummary).Instance["default"].VRF["default"].AddressFamily["l2vpn evpn"].Neighbor
		require.Len(t, nb, 1)
		require.Contains(t, nb, "1.1.1.1")
		assert.Equal(t, 121842, nb["1.1.1.1"].MsgRecvd)
		assert.Equal(t, []string{words}, unparsed)
	})
}
