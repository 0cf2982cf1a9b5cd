package parsers

import (
	"errors"
	"testing"

	"github.com/goissu/goissu/parsers/internal/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A registry for a made-up OS so the matching rules are tested without
// depending on which real parsers exist.
func init() {
	echo := func(class string) core.Func {
		return func(out string, p core.Params) (any, []string, error) {
			if out == "" {
				return nil, nil, core.ErrEmpty
			}
			if out == "boom" {
				panic("parser bug")
			}
			return map[string]any{"class": class, "params": p}, []string{"odd line"}, nil
		}
	}
	add("testos", []core.Entry{
		{Class: "ShowVersion", Commands: []string{"show version"}, Parse: echo("ShowVersion")},
		{Class: "ShowIpRoute", Commands: []string{"show ip route", "show ip route vrf {vrf}", "show ip route {protocol} vrf {vrf}", "show ip route {route} vrf {vrf}"}, Parse: echo("ShowIpRoute")},
		{Class: "ShowIpRouteSummary", Commands: []string{"show ip route summary"}, Parse: echo("ShowIpRouteSummary")},
		{Class: "Dir", Commands: []string{"dir", "dir {directory}"}, Parse: echo("Dir")},
		{Class: "ShowBgpSummary", Commands: []string{"show bgp summary", "show bgp {address_family} summary", "show bgp all summary"}, Parse: echo("ShowBgpSummary")},
	})
}

func TestLookup(t *testing.T) {
	cases := []struct {
		name, cmd, class string
		params           Params
		wantErr          error
	}{
		{"exact", "show version", "ShowVersion", nil, nil},
		{"case and spacing", "  SHOW   Version ", "ShowVersion", nil, nil},
		{"abbreviated", "sh ver", "ShowVersion", nil, nil},
		{"filter stripped", "show version | include uptime", "ShowVersion", nil, nil},
		{"placeholder keeps case", "show ip route vrf CUST-A", "ShowIpRoute", Params{"vrf": "CUST-A"}, nil},
		{"two placeholders", "show ip route 10.99.0.0/24 vrf default", "ShowIpRoute", Params{"route": "10.99.0.0/24", "vrf": "default"}, nil},
		{"protocol is not an address", "show ip route bgp vrf X", "ShowIpRoute", Params{"protocol": "bgp", "vrf": "X"}, nil},
		{"literal beats placeholder", "show ip route summary", "ShowIpRouteSummary", nil, nil},
		{"directory", "dir bootflash:", "Dir", Params{"directory": "bootflash:"}, nil},
		{"multi-word placeholder", "show bgp vpnv4 unicast summary", "ShowBgpSummary", Params{"address_family": "vpnv4 unicast"}, nil},
		{"single-word placeholder", "show bgp ipv4 summary", "ShowBgpSummary", Params{"address_family": "ipv4"}, nil},
		{"literal all over placeholder", "show bgp all summary", "ShowBgpSummary", nil, nil},
		{"unknown command", "show clock", "", nil, ErrNoParser},
		{"one-letter abbreviation is not enough", "s version", "", nil, ErrNoParser},
		{"empty command", "", "", nil, ErrNoParser},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Twice: the second answer comes from the lookup cache and
			// must not have been changed through the first one's params.
			for round := range 2 {
				p, params, err := Lookup("testos", c.cmd)
				if c.wantErr != nil {
					assert.ErrorIs(t, err, c.wantErr, "round %d", round)
					assert.Contains(t, err.Error(), "testos", "round %d", round)
					continue
				}
				require.NoError(t, err, "round %d", round)
				assert.Equal(t, c.class, p.Class, "round %d", round)
				assert.Equal(t, c.params, params, "round %d", round)
				if params != nil {
					params["vrf"] = "changed by the caller"
				}
			}
		})
	}
}

func TestLookupUnknownOS(t *testing.T) {
	_, _, err := Lookup("panos", "show system info")
	assert.ErrorIs(t, err, ErrNoParser)
	_, err = Parse("panos", "show system info", "x")
	assert.ErrorIs(t, err, ErrNoParser)
}

func TestParseWithInfo(t *testing.T) {
	res, err := ParseWithInfo("testos", "show ip route vrf A", "output")
	require.NoError(t, err)
	assert.Equal(t, "ShowIpRoute", res.Class)
	assert.Equal(t, "show ip route vrf {vrf}", res.Template)
	assert.Equal(t, []string{"odd line"}, res.Unparsed)
	assert.Equal(t, Params{"vrf": "A"}, res.Params)

	// Again, from the lookup cache: the same template and parameters, and
	// the parameters handed out before are the caller's own.
	res.Params["vrf"] = "changed"
	again, err := ParseWithInfo("testos", "show ip route vrf A", "output")
	require.NoError(t, err)
	assert.Equal(t, "show ip route vrf {vrf}", again.Template)
	assert.Equal(t, Params{"vrf": "A"}, again.Params)

	_, err = ParseWithInfo("testos", "show version", "")
	assert.ErrorIs(t, err, ErrEmpty)

	// A parser bug is an error, never a crash of the caller.
	_, err = ParseWithInfo("testos", "show version", "boom")
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrEmpty))
	assert.Contains(t, err.Error(), "parser panic")
}

func TestCommandsAndByClass(t *testing.T) {
	assert.Contains(t, Commands("testos"), "show ip route vrf {vrf}")
	assert.Nil(t, Commands("nope"))
	p, ok := ByClass("testos", "Dir")
	require.True(t, ok)
	assert.Equal(t, []string{"dir", "dir {directory}"}, p.Commands)
	assert.Contains(t, OSes(), "testos")
}
