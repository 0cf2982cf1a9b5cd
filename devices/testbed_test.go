package devices

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadIssuLab(t *testing.T) {
	tb, err := LoadTestbed("testdata/issu_lab.yaml")
	require.NoError(t, err)
	assert.Equal(t, "issu_lab", tb.Name)
	assert.Equal(t, "testdata/issu_lab.yaml", tb.Path)
	assert.Equal(t, []string{"CHASSIS_A", "CHASSIS_B", "EDGE1", "FW1"}, tb.DeviceNames())
	want := map[string][3]string{
		"CHASSIS_A": {"nxos", "switch", "10.0.100.11"},
		"CHASSIS_B": {"nxos", "switch", "10.0.100.12"},
		"EDGE1":     {"iosxe", "router", "10.0.100.21"},
		"FW1":       {"panos", "firewall", "10.0.100.31"},
	}
	for name, w := range want {
		d := tb.Devices[name]
		require.NotNil(t, d, name)
		assert.Equal(t, w[0], d.OS, name)
		assert.Equal(t, w[1], d.Type, name)
		m, err := d.Management()
		require.NoError(t, err, name)
		assert.Equal(t, "cli", m.Name)
		assert.Equal(t, "ssh", m.Protocol)
		assert.Equal(t, w[2]+":22", m.Address())
		cred, ok := d.Credential(m, "default")
		require.True(t, ok)
		assert.Equal(t, "netops", cred.Username)
		_, _, dual := d.RPs()
		assert.False(t, dual)
	}
	require.Len(t, tb.Warnings, 1)
	assert.Contains(t, tb.Warnings[0], "testdata/issu_lab.yaml:6: testbed.credentials.default.password: plain-text password")
	assert.Contains(t, tb.Warnings[0], "%ENV{")
	assert.NotContains(t, tb.Warnings[0], "NetOps!23")
	assert.Equal(t, []string{"NetOps!23"}, tb.Secrets())
	assert.Equal(t, "pw *****", tb.Redact("pw NetOps!23"))
}

const fullTestbed = `
testbed:
  name: lab
  alias: ignored-unknown-key
  credentials:
    default:
      username: "%ENV{GOISSU_TEST_USER}"
      password: "%ENV{GOISSU_TEST_PASS}"
    enable:
      password: "en-%ENV{GOISSU_TEST_PASS}"
  custom:
    known_hosts: /tmp/lab_known_hosts
    legacy_algorithms: yes
    owner: team
  servers: {tftp: {server: x}}
devices:
  N7K:
    os: NXOS
    platform: n7k
    type: switch
    alias: core
    model: N7K-C7010
    chassis_type: dual_rp
    credentials:
      default:
        username: devuser
        password: "%ENV{GOISSU_TEST_PASS}"
    login_creds: [default, enable]
    connections:
      defaults:
        class: unicon.Unicon
        via: vty
        connections: [a, b]
      a:
        protocol: telnet
        ip: 127.0.0.1
        port: 2001
      b:
        protocol: telnet
        ip: 127.0.0.1
        port: 2002
      vty:
        protocol: ssh
        host: localhost
        port: "2222"
        ssh_options: -o UserKnownHostsFile=/tmp/kh -o KexAlgorithms=+diffie-hellman-group14-sha1 -i ~/.ssh/id_lab
        settings:
          command_timeout: 120
          EXEC_TIMEOUT: 120
        arguments: {connection_timeout: 30}
        credentials:
          default:
            username: vtyuser
            password: vtypass-%ENV{GOISSU_TEST_PASS}
    custom:
      wave: 2
      abstraction: {order: [os]}
  R1:
    os: iosxe
    connections:
      ssh:
        protocol: ssh
        ip: 127.0.0.1
  R2:
    os: iosxr
    connections:
      console: {protocol: telnet, ip: 127.0.0.1, port: 2003}
      mgmt: {protocol: ssh, ip: "::1"}
topology:
  N7K:
    interfaces:
      Ethernet1/1: {link: l1, type: ethernet}
`

func TestParseFullTestbed(t *testing.T) {
	t.Setenv("GOISSU_TEST_USER", "envuser")
	t.Setenv("GOISSU_TEST_PASS", "envpass")
	tb, err := ParseTestbed([]byte(fullTestbed))
	require.NoError(t, err)
	assert.Empty(t, tb.Path)
	assert.Empty(t, tb.Warnings, "passwords come from %%ENV{}")
	assert.Equal(t, Credential{Username: "envuser", Password: "envpass"}, tb.Credentials["default"])
	assert.Equal(t, "/tmp/lab_known_hosts", tb.SSH.KnownHostsFile)
	assert.True(t, tb.SSH.LegacyAlgorithms)
	assert.Equal(t, "team", tb.Custom["owner"])
	assert.Equal(t, map[string]any{"interfaces": map[string]any{"Ethernet1/1": map[string]any{"link": "l1", "type": "ethernet"}}}, tb.Topology["N7K"])

	d := tb.Devices["N7K"]
	assert.Equal(t, "nxos", d.OS)
	assert.Equal(t, "n7k", d.Platform)
	assert.Equal(t, "core", d.Alias)
	assert.Equal(t, "N7K-C7010", d.Model)
	assert.Equal(t, "dual_rp", d.ChassisType)
	assert.Equal(t, 2, d.Custom["wave"])
	assert.Equal(t, []string{"default", "enable"}, d.LoginCreds)
	assert.Equal(t, ConnectionDefaults{Class: "unicon.Unicon", Via: "vty", Connections: []string{"a", "b"}}, d.Defaults)

	m, err := d.Management()
	require.NoError(t, err)
	assert.Equal(t, "vty", m.Name)
	assert.Equal(t, "localhost:2222", m.Address())
	assert.Equal(t, "/tmp/kh", m.SSH.KnownHostsFile)
	assert.Equal(t, []string{"diffie-hellman-group14-sha1"}, m.SSH.KeyExchanges)
	assert.True(t, strings.HasSuffix(m.SSH.KeyFile, ".ssh/id_lab"))
	assert.Equal(t, 120*time.Second, m.SSH.CommandTimeout)
	assert.Equal(t, 30, m.Arguments["connection_timeout"])
	assert.Equal(t, 120, m.Settings["EXEC_TIMEOUT"])

	a, b, dual := d.RPs()
	require.True(t, dual)
	assert.Equal(t, "127.0.0.1:2001", a.Address())
	assert.Equal(t, "127.0.0.1:2002", b.Address())

	// Credential lookup: connection, then device, then testbed; unknown
	// names fall back to default along the same walk.
	cases := []struct {
		name string
		conn *Connection
		want Credential
	}{
		{"default", m, Credential{Username: "vtyuser", Password: "vtypass-envpass"}},
		{"default", nil, Credential{Username: "devuser", Password: "envpass"}},
		{"enable", m, Credential{Password: "en-envpass"}},
		{"nosuch", nil, Credential{Username: "devuser", Password: "envpass"}},
	}
	for _, tc := range cases {
		got, ok := d.Credential(tc.conn, tc.name)
		assert.True(t, ok)
		assert.Equal(t, tc.want, got, tc.name)
	}
	assert.ElementsMatch(t, []string{"envpass", "en-envpass", "envpass", "vtypass-envpass"}, tb.Secrets())

	r1, err := tb.Devices["R1"].Management()
	require.NoError(t, err)
	assert.Equal(t, "ssh", r1.Name)
	r2, err := tb.Devices["R2"].Management()
	require.NoError(t, err)
	assert.Equal(t, "mgmt", r2.Name, "first ssh connection")
	assert.Equal(t, "[::1]:22", r2.Address())
	_, err = tb.Device("NOPE", Options{})
	assert.ErrorContains(t, err, `no device "NOPE"`)
}

func TestDualRPByConnectionNames(t *testing.T) {
	tb, err := ParseTestbed([]byte(`
devices:
  C9K:
    os: iosxe
    connections:
      a: {protocol: telnet, ip: 127.0.0.1, port: 2001}
      b: {protocol: telnet, ip: 127.0.0.1, port: 2002}
`))
	require.NoError(t, err)
	d := tb.Devices["C9K"]
	a, b, ok := d.RPs()
	require.True(t, ok)
	assert.Equal(t, "a", a.Name)
	assert.Equal(t, "b", b.Name)
	_, err = d.Management()
	assert.ErrorContains(t, err, "no management connection")
	_, err = NewDevice(d, Options{})
	assert.Error(t, err)
}

func TestTelnetManagementRefused(t *testing.T) {
	tb, err := ParseTestbed([]byte("devices:\n  R:\n    os: iosxe\n    connections:\n      cli: {protocol: telnet, ip: 127.0.0.1}\n"))
	require.NoError(t, err)
	_, err = tb.Device("R", Options{})
	assert.ErrorContains(t, err, `protocol "telnet" is not supported`)
}

func TestMalformedTestbeds(t *testing.T) {
	t.Setenv("GOISSU_SET", "x")
	os.Unsetenv("GOISSU_UNSET_VAR")
	const dev = "devices:\n  R1:\n    os: nxos\n"
	cases := []struct {
		name, yaml, want string
	}{
		{"not yaml", "devices:\n  R1:\n\tos: nxos\n", "testbed:3: invalid YAML: found character that cannot start any token"},
		{"empty", "", "testbed:1: empty testbed"},
		{"top level list", "- a\n- b\n", "testbed:1: testbed must be a mapping"},
		{"no devices", "testbed:\n  name: x\n", "testbed:1: devices: missing"},
		{"devices empty", "devices: {}\n", "testbed:1: devices: empty"},
		{"devices a list", "devices:\n  - R1\n", "testbed:2: devices: must be a mapping of device name to device, got a list"},
		{"device a string", "devices:\n  R1: router\n", `testbed:2: devices.R1: must be a mapping, got "router"`},
		{"device without os", "devices:\n  R1:\n    type: router\n", "testbed:2: devices.R1.os: missing"},
		{"os a list", "devices:\n  R1:\n    os: [nxos]\n", "testbed:3: devices.R1.os: must be a string, got a list"},
		{"unset env", "testbed:\n  credentials:\n    default:\n      username: a\n      password: \"%ENV{GOISSU_UNSET_VAR}\"\n" + dev,
			"testbed:5: testbed.credentials.default.password: environment variable GOISSU_UNSET_VAR is not set"},
		{"ask", "testbed:\n  credentials:\n    default:\n      password: \"%ASK{}\"\n" + dev,
			"testbed:4: testbed.credentials.default.password: %ASK{} is not supported here, use %ENV{VAR}"},
		{"enc", "testbed:\n  credentials:\n    default:\n      password: \"%ENC{gAAAAABc}\"\n" + dev,
			"testbed:4: testbed.credentials.default.password: %ENC{} is not supported here, use %ENV{VAR}"},
		{"unterminated env", dev + "    alias: \"%ENV{GOISSU_SET\"\n", "testbed:4: devices.R1.alias: unterminated %ENV{"},
		{"credentials a list", "testbed:\n  credentials: [a]\n" + dev, "testbed:2: testbed.credentials: must be a mapping, got a list"},
		{"password a mapping", "testbed:\n  credentials:\n    default:\n      password: {a: b}\n" + dev,
			"testbed:4: testbed.credentials.default.password: must be a string, got a mapping"},
		{"connections a list", dev + "    connections: [cli]\n", "testbed:4: devices.R1.connections: must be a mapping, got a list"},
		{"connection a string", dev + "    connections:\n      cli: ssh\n", `testbed:5: devices.R1.connections.cli: must be a mapping with protocol and ip, got "ssh"`},
		{"missing protocol", dev + "    connections:\n      cli:\n        ip: 127.0.0.1\n", "testbed:6: devices.R1.connections.cli.protocol: missing"},
		{"ssh without address", dev + "    connections:\n      cli:\n        protocol: ssh\n", "testbed:6: devices.R1.connections.cli.ip: missing"},
		{"bad port", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        port: ssh\n",
			`testbed:8: devices.R1.connections.cli.port: must be a TCP port 1-65535, got "ssh"`},
		{"port out of range", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        port: 70000\n",
			`testbed:8: devices.R1.connections.cli.port: must be a TCP port 1-65535, got "70000"`},
		{"bad ip", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 10.0.0.300\n",
			`testbed:7: devices.R1.connections.cli.ip: not a valid IPv4 address: "10.0.0.300"`},
		{"via unknown", dev + "    connections:\n      defaults:\n        via: vty\n      cli: {protocol: ssh, ip: 127.0.0.1}\n",
			`testbed:6: devices.R1.connections.defaults.via: names connection "vty", which is not defined`},
		{"defaults.connections not a list", dev + "    connections:\n      defaults:\n        connections: a\n",
			"testbed:6: devices.R1.connections.defaults.connections: must be a list of connection names such as [a, b]"},
		{"defaults.connections unknown", dev + "    connections:\n      defaults:\n        connections: [a, b]\n      a: {protocol: telnet, ip: 127.0.0.1}\n",
			`testbed:6: devices.R1.connections.defaults.connections: names connection "b", which is not defined`},
		{"login_creds unknown", dev + "    login_creds: [nosuch]\n", `testbed:4: devices.R1.login_creds: credential set "nosuch" is not defined`},
		{"connection login_creds unknown", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        login_creds: other\n",
			`testbed:8: devices.R1.connections.cli.login_creds: credential set "other" is not defined`},
		{"ssh_options missing value", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        ssh_options: -p\n",
			"testbed:8: devices.R1.connections.cli.ssh_options: option -p needs a value"},
		{"strict host key checking", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        ssh_options: -o StrictHostKeyChecking=maybe\n",
			"testbed:8: devices.R1.connections.cli.ssh_options: StrictHostKeyChecking=maybe: expected yes, no or accept-new"},
		{"settings timeout", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        settings: {command_timeout: -1}\n",
			`testbed:8: devices.R1.connections.cli.settings.command_timeout: must be a positive number of seconds, got "-1"`},
		// NaN passed "<= 0" and a huge value overflowed; both became a
		// negative timeout that failed every command at once.
		{"settings timeout NaN", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        settings: {command_timeout: NaN}\n",
			`testbed:8: devices.R1.connections.cli.settings.command_timeout: must be a positive number of seconds, got "NaN"`},
		{"settings timeout too long", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        settings: {keepalive_interval: 1e300}\n",
			`testbed:8: devices.R1.connections.cli.settings.keepalive_interval: must be a positive number of seconds, got "1e300"`},
		{"settings timeout at the bound", dev + "    connections:\n      cli:\n        protocol: ssh\n        ip: 127.0.0.1\n        settings: {keepalive_interval: 9.223372036854776e9}\n",
			`testbed:8: devices.R1.connections.cli.settings.keepalive_interval: must be a positive number of seconds, got "9.223372036854776e9"`},
		{"custom known_hosts empty", "testbed:\n  custom:\n    known_hosts: \"\"\n" + dev, "testbed:3: testbed.custom.known_hosts: empty path"},
		{"custom insecure not bool", "testbed:\n  custom:\n    insecure_ignore_host_key: maybe\n" + dev,
			`testbed:3: testbed.custom.insecure_ignore_host_key: must be true or false, got "maybe"`},
		{"duplicate device", "devices:\n  R1:\n    os: nxos\n  R1:\n    os: iosxe\n", "testbed:4: devices.R1: duplicate key (first defined at line 2)"},
		{"topology a list", dev + "topology: [a]\n", "testbed:4: topology: must be a mapping, got a list"},
		{"custom env unset", dev + "    custom:\n      token: \"%ENV{GOISSU_UNSET_VAR}\"\n",
			"testbed:5: devices.R1.custom.token: environment variable GOISSU_UNSET_VAR is not set"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTestbed([]byte(tc.yaml))
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tc.want), "got  %q\nwant %q...", err.Error(), tc.want)
			var te *TestbedError
			assert.True(t, errors.As(err, &te), "a *TestbedError")
		})
	}
}

func TestLoadTestbedErrorsNameTheFile(t *testing.T) {
	_, err := LoadTestbed("testdata/does-not-exist.yaml")
	assert.ErrorIs(t, err, os.ErrNotExist)
	p := t.TempDir() + "/bad.yaml"
	require.NoError(t, os.WriteFile(p, []byte("devices:\n  R1:\n    os: [x]\n"), 0o600))
	_, err = LoadTestbed(p)
	assert.EqualError(t, err, p+":3: devices.R1.os: must be a string, got a list")
}

func TestEnvAnywhere(t *testing.T) {
	t.Setenv("GOISSU_IP", "127.0.0.1")
	t.Setenv("GOISSU_SITE", "lab9")
	tb, err := ParseTestbed([]byte(`
testbed:
  name: "%ENV{GOISSU_SITE}-tb"
devices:
  R1:
    os: nxos
    custom: {site: "%ENV{GOISSU_SITE}", list: ["x-%ENV{GOISSU_SITE}"]}
    connections:
      cli: {protocol: ssh, ip: "%ENV{GOISSU_IP}"}
`))
	require.NoError(t, err)
	assert.Equal(t, "lab9-tb", tb.Name)
	assert.Equal(t, "lab9", tb.Devices["R1"].Custom["site"])
	assert.Equal(t, []any{"x-lab9"}, tb.Devices["R1"].Custom["list"])
	assert.Equal(t, "127.0.0.1", tb.Devices["R1"].Connections["cli"].IP)
}

func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("topology: {big: *a8}\ndevices: {R: {os: nxos}}\n")
	_, err := ParseTestbed([]byte(b.String()))
	assert.ErrorContains(t, err, "testbed too large")
}

func TestLegacyPasswordsAndTacacs(t *testing.T) {
	tb, err := ParseTestbed([]byte(`
testbed:
  tacacs: {username: admin}
  passwords: {tacacs: tbpw, enable: tben, line: tbline}
devices:
  R1:
    os: iosxe
    passwords: {enable: r1en}
  R2:
    os: iosxe
    credentials:
      default: {username: u2, password: p2}
    tacacs: {username: ignored}
    passwords: {tacacs: ignored-too}
`))
	require.NoError(t, err)
	assert.Equal(t, Credential{Username: "admin", Password: "tbpw"}, tb.Credentials["default"])
	c, _ := tb.Devices["R1"].Credential(nil, "enable")
	assert.Equal(t, "r1en", c.Password)
	c, _ = tb.Devices["R1"].Credential(nil, "default")
	assert.Equal(t, "tbpw", c.Password)
	c, _ = tb.Devices["R2"].Credential(nil, "default")
	assert.Equal(t, Credential{Username: "u2", Password: "p2"}, c, "credentials win over the legacy keys")
	assert.Len(t, tb.Warnings, 6)
	for _, w := range tb.Warnings {
		for _, s := range tb.Secrets() {
			assert.NotContains(t, w, s)
		}
	}
	assert.Contains(t, tb.Secrets(), "tbline")
}
