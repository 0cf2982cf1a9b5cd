package devices

import (
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Testbed is a loaded pyATS testbed file.
type Testbed struct {
	Name     string
	Path     string                   // file it was loaded from ("" for ParseTestbed)
	Devices  map[string]*DeviceConfig // by testbed device name
	Topology map[string]any           // kept as loaded
	Custom   map[string]any           // testbed.custom, kept as loaded
	Warnings []string                 // e.g. plain-text password; never contains the password

	// Credentials are the testbed-level named credential sets.
	Credentials map[string]Credential
	// SSH holds testbed-wide SSH settings from testbed.custom (known_hosts,
	// insecure_ignore_host_key, trust_on_first_use, legacy_algorithms).
	SSH SSHSettings

	secrets []string
}

// Credential is one named credential set (default, enable, or any name).
type Credential struct {
	Username string
	Password string
	// KeyFile is a private key file (credential key private_key_file);
	// tried before the password.
	KeyFile string
}

// Connection is one named block under devices.<name>.connections.
type Connection struct {
	Name        string
	Protocol    string
	IP          string
	Host        string
	Port        int // 0 means the protocol default (22 for ssh)
	SSHOptions  string
	Arguments   map[string]any
	Settings    map[string]any
	Credentials map[string]Credential
	// LoginCreds is the order of credential sets tried at login
	// (connection or device login_creds); empty means "default".
	LoginCreds []string
	// SSH is what ssh_options and settings say about the SSH transport.
	SSH SSHSettings

	credsAt *yaml.Node // where login_creds was written (for errors)
}

// Address returns host:port for dialing.
func (c *Connection) Address() string {
	h := c.IP
	if h == "" {
		h = c.Host
	}
	p := c.Port
	if p == 0 {
		p = 22
	}
	return net.JoinHostPort(h, strconv.Itoa(p))
}

// SSHSettings are the per-testbed or per-connection SSH choices. Zero
// values mean "not set here".
type SSHSettings struct {
	KnownHostsFile        string
	InsecureIgnoreHostKey bool
	TrustOnFirstUse       bool
	// LegacyAlgorithms adds group1/group14/group-exchange SHA-1 key
	// exchanges, aes-cbc/3des-cbc ciphers and ssh-rsa host keys to the
	// defaults (old supervisors need them).
	LegacyAlgorithms bool
	// Extra algorithms, added to (never replacing) the defaults.
	KeyExchanges      []string
	Ciphers           []string
	MACs              []string
	HostKeyAlgorithms []string
	KeyFile           string        // ssh_options -i
	CommandTimeout    time.Duration // settings.command_timeout (seconds)
	KeepaliveInterval time.Duration // settings.keepalive_interval (seconds)
}

// ConnectionDefaults is devices.<name>.connections.defaults.
type ConnectionDefaults struct {
	Class       string
	Via         string
	Connections []string
}

// DeviceConfig is one device of the testbed.
type DeviceConfig struct {
	Name, OS, Platform, Type, Alias, Model, ChassisType string
	Credentials                                         map[string]Credential
	Connections                                         map[string]*Connection
	Defaults                                            ConnectionDefaults
	Custom                                              map[string]any
	// LoginCreds is the device-level login_creds order.
	LoginCreds []string

	connOrder []string // connection names in file order
	testbed   *Testbed
	// credsAt is where each login_creds list was written (for errors).
	credsAt map[string]*yaml.Node
}

// DeviceNames returns the device names sorted.
func (tb *Testbed) DeviceNames() []string {
	names := make([]string, 0, len(tb.Devices))
	for n := range tb.Devices {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Secrets returns every password found in the testbed, for redaction by
// code that writes testbed-derived artifacts.
func (tb *Testbed) Secrets() []string { return append([]string(nil), tb.secrets...) }

// Redact replaces every testbed secret in s with *****.
func (tb *Testbed) Redact(s string) string { return newRedactor(tb.secrets).redact(s) }

// Management returns the connection used for CLI commands:
// defaults.via, else "cli", else "ssh", else the first ssh connection.
func (c *DeviceConfig) Management() (*Connection, error) {
	if c.Defaults.Via != "" {
		if conn, ok := c.Connections[c.Defaults.Via]; ok {
			return conn, nil
		}
		return nil, fmt.Errorf("device %s: defaults.via %q: no such connection", c.Name, c.Defaults.Via)
	}
	for _, n := range []string{"cli", "ssh"} {
		if conn, ok := c.Connections[n]; ok {
			return conn, nil
		}
	}
	for _, n := range c.connOrder {
		if conn := c.Connections[n]; strings.EqualFold(conn.Protocol, "ssh") {
			return conn, nil
		}
	}
	return nil, fmt.Errorf("device %s: no management connection (no defaults.via, cli, ssh or ssh-protocol connection)", c.Name)
}

// RPs returns the connections of the two route processors of a dual-RP
// device: defaults.connections [a, b] when given, else connections named a
// and b. ok is false for a single-RP device.
func (c *DeviceConfig) RPs() (a, b *Connection, ok bool) {
	if len(c.Defaults.Connections) == 2 {
		a, b = c.Connections[c.Defaults.Connections[0]], c.Connections[c.Defaults.Connections[1]]
	} else {
		a, b = c.Connections["a"], c.Connections["b"]
	}
	return a, b, a != nil && b != nil
}

// Credential looks a credential set up by name: on the connection (if
// any), then the device, then the testbed; when the name is found nowhere
// the same walk is done for "default".
func (c *DeviceConfig) Credential(conn *Connection, name string) (Credential, bool) {
	for _, n := range []string{name, "default"} {
		if conn != nil {
			if cr, ok := conn.Credentials[n]; ok {
				return cr, true
			}
		}
		if cr, ok := c.Credentials[n]; ok {
			return cr, true
		}
		if c.testbed != nil {
			if cr, ok := c.testbed.Credentials[n]; ok {
				return cr, true
			}
		}
	}
	return Credential{}, false
}

// loginCreds is the credential order for conn.
func (c *DeviceConfig) loginCreds(conn *Connection) []string {
	if conn != nil && len(conn.LoginCreds) > 0 {
		return conn.LoginCreds
	}
	if len(c.LoginCreds) > 0 {
		return c.LoginCreds
	}
	return []string{"default"}
}

// secrets returns the passwords a device's transcripts must hide.
func (c *DeviceConfig) secrets() []string {
	if c.testbed != nil {
		return c.testbed.secrets
	}
	var s []string
	add := func(m map[string]Credential) {
		for _, cr := range m {
			if cr.Password != "" {
				s = append(s, cr.Password)
			}
		}
	}
	add(c.Credentials)
	for _, conn := range c.Connections {
		add(conn.Credentials)
	}
	return s
}

// TestbedError is a testbed problem located by file, line and field.
type TestbedError struct {
	File  string
	Line  int
	Field string
	Msg   string
}

// Error implements error: "<file>:<line>: <field>: <msg>".
func (e *TestbedError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Field, e.Msg)
}

// LoadTestbed reads and parses a pyATS testbed YAML file.
func LoadTestbed(path string) (*Testbed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load testbed: %w", err)
	}
	tb, err := parseTestbed(data, path)
	if err != nil {
		return nil, err
	}
	tb.Path = path
	return tb, nil
}

// ParseTestbed parses a pyATS testbed from memory; errors name the file as
// "testbed".
func ParseTestbed(data []byte) (*Testbed, error) {
	return parseTestbed(data, "testbed")
}

type loader struct {
	file   string
	tb     *Testbed
	budget int // nodes left to visit: YAML aliases can make a small file expand exponentially
}

// maxNodes bounds the work one testbed may cause (aliases included).
const maxNodes = 1 << 20

func (l *loader) errf(n *yaml.Node, field, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &TestbedError{File: l.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func (l *loader) warnf(n *yaml.Node, field, format string, args ...any) {
	l.tb.Warnings = append(l.tb.Warnings, (&TestbedError{File: l.file, Line: n.Line, Field: field, Msg: fmt.Sprintf(format, args...)}).Error())
}

func parseTestbed(data []byte, file string) (*Testbed, error) {
	l := &loader{file: file, budget: maxNodes, tb: &Testbed{Devices: map[string]*DeviceConfig{}, Credentials: map[string]Credential{}}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, l.yamlError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &TestbedError{File: file, Line: 1, Msg: "empty testbed"}
	}
	root := doc.Content[0]
	if err := l.root(root); err != nil {
		return nil, err
	}
	return l.tb, nil
}

// yamlError turns yaml.v3's "yaml: line N: msg" into our file:line form.
func (l *loader) yamlError(err error) error {
	msg := err.Error()
	line := 0
	if rest, ok := strings.CutPrefix(msg, "yaml: line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, e := strconv.Atoi(rest[:i]); e == nil {
				line, msg = n, "invalid YAML: "+strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return &TestbedError{File: l.file, Line: line, Msg: msg}
}

// pairs iterates a mapping node, rejecting duplicate keys.
func (l *loader) pairs(n *yaml.Node, field string, fn func(key string, k, v *yaml.Node) error) error {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		if isNull(n) {
			return nil
		}
		return l.errf(n, field, "must be a mapping, got %s", kindName(n))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return l.errf(k, field, "keys must be plain strings")
		}
		if line, dup := seen[k.Value]; dup {
			return l.errf(k, join(field, k.Value), "duplicate key (first defined at line %d)", line)
		}
		seen[k.Value] = k.Line
		if err := fn(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return resolve(n.Content[0])
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// str reads a scalar string with %ENV{} substitution.
func (l *loader) str(n *yaml.Node, field string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", l.errf(n, field, "must be a string, got %s", kindName(n))
	}
	if isNull(n) {
		return "", nil
	}
	return l.subst(n, field, n.Value)
}

// strList accepts a list of strings or one string.
func (l *loader) strList(n *yaml.Node, field string) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		s, err := l.str(n, field)
		if err != nil || s == "" {
			return nil, err
		}
		return []string{s}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, l.errf(n, field, "must be a list of strings, got %s", kindName(n))
	}
	var out []string
	for i, c := range n.Content {
		c = resolve(c)
		s, err := l.str(c, fmt.Sprintf("%s[%d]", field, i))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// subst expands %ENV{VAR}; %ASK{} and %ENC{} are refused clearly.
func (l *loader) subst(n *yaml.Node, field, s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	for _, kw := range []string{"%ASK{", "%ENC{", "%CALLABLE{", "%INTF{"} {
		if strings.Contains(s, kw) {
			return "", l.errf(n, field, "%s} is not supported here, use %%ENV{VAR}", kw)
		}
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "%ENV{")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		b.WriteString(s[:i])
		rest := s[i+len("%ENV{"):]
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			return "", l.errf(n, field, "unterminated %%ENV{")
		}
		name := rest[:j]
		if name == "" {
			return "", l.errf(n, field, "%%ENV{} names no variable")
		}
		v, ok := os.LookupEnv(name)
		if !ok {
			return "", l.errf(n, field, "environment variable %s is not set (used as %%ENV{%s})", name, name)
		}
		b.WriteString(v)
		s = rest[j+1:]
	}
}

// value converts a node to plain Go values (map[string]any, []any, string,
// int, float64, bool, nil), substituting %ENV{} in strings.
func (l *loader) value(n *yaml.Node, field string) (any, error) {
	n = resolve(n)
	if l.budget--; l.budget < 0 {
		return nil, l.errf(n, field, "testbed too large (aliases expand to more than %d nodes)", maxNodes)
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		err := l.pairs(n, field, func(key string, _, v *yaml.Node) error {
			x, err := l.value(v, join(field, key))
			m[key] = x
			return err
		})
		return m, err
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			x, err := l.value(c, fmt.Sprintf("%s[%d]", field, i))
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!str", "":
			return l.subst(n, field, n.Value)
		}
		var x any
		if err := n.Decode(&x); err != nil {
			return nil, l.errf(n, field, "%v", err)
		}
		return x, nil
	}
	return nil, l.errf(n, field, "unsupported YAML node")
}

func (l *loader) anyMap(n *yaml.Node, field string) (map[string]any, error) {
	n = resolve(n)
	if isNull(n) {
		return map[string]any{}, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, l.errf(n, field, "must be a mapping, got %s", kindName(n))
	}
	v, err := l.value(n, field)
	if err != nil {
		return nil, err
	}
	return v.(map[string]any), nil
}

func (l *loader) root(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return l.errf(n, "", "testbed must be a mapping with testbed: and devices:, got %s", kindName(n))
	}
	var devNode *yaml.Node
	err := l.pairs(n, "", func(key string, k, v *yaml.Node) error {
		switch key {
		case "testbed":
			return l.testbed(v)
		case "devices":
			devNode = v
			return nil
		case "topology":
			m, err := l.anyMap(v, "topology")
			l.tb.Topology = m
			return err
		}
		return nil // unknown keys are ignored: pyATS files carry many
	})
	if err != nil {
		return err
	}
	if devNode == nil {
		return l.errf(n, "devices", "missing: a testbed needs at least one device")
	}
	if devNode.Kind != yaml.MappingNode {
		return l.errf(devNode, "devices", "must be a mapping of device name to device, got %s", kindName(devNode))
	}
	if len(devNode.Content) == 0 {
		return l.errf(devNode, "devices", "empty: a testbed needs at least one device")
	}
	return l.pairs(devNode, "devices", func(name string, k, v *yaml.Node) error {
		return l.device(name, k, v)
	})
}

func (l *loader) testbed(n *yaml.Node) error {
	var tacacs, passwords *yaml.Node
	err := l.pairs(n, "testbed", func(key string, k, v *yaml.Node) error {
		f := join("testbed", key)
		var err error
		switch key {
		case "tacacs":
			tacacs = v
		case "passwords":
			passwords = v
		case "name":
			l.tb.Name, err = l.str(v, f)
		case "credentials":
			l.tb.Credentials, err = l.credentials(v, f)
		case "custom":
			if l.tb.Custom, err = l.anyMap(v, f); err == nil {
				err = l.sshCustom(v, f, &l.tb.SSH)
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	return l.legacyCreds(l.tb.Credentials, tacacs, passwords, "testbed")
}

// legacyCreds maps the pre-credentials pyATS keys (tacacs.username,
// passwords.tacacs/enable) onto the default and enable sets when those
// sets are not defined, so older testbeds keep working.
func (l *loader) legacyCreds(creds map[string]Credential, tacacs, passwords *yaml.Node, field string) error {
	var user, pw, enable string
	if tacacs != nil {
		err := l.pairs(tacacs, join(field, "tacacs"), func(key string, _, v *yaml.Node) error {
			var err error
			if key == "username" {
				user, err = l.str(v, join(field, "tacacs.username"))
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	if passwords != nil {
		err := l.pairs(passwords, join(field, "passwords"), func(key string, _, v *yaml.Node) error {
			f := join(field, "passwords."+key)
			var p string
			var err error
			switch key {
			case "tacacs", "enable", "line":
				if p, err = l.str(v, f); err != nil || p == "" {
					return err
				}
				l.tb.secrets = append(l.tb.secrets, p)
				if !strings.Contains(v.Value, "%ENV{") {
					l.warnf(v, f, "plain-text password accepted; passwords belong in %%ENV{VAR}")
				}
			}
			switch key {
			case "tacacs":
				pw = p
			case "enable":
				enable = p
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if _, ok := creds["default"]; !ok && (user != "" || pw != "") {
		creds["default"] = Credential{Username: user, Password: pw}
	}
	if _, ok := creds["enable"]; !ok && enable != "" {
		creds["enable"] = Credential{Password: enable}
	}
	return nil
}

// sshCustom reads our own SSH keys from testbed.custom.
func (l *loader) sshCustom(n *yaml.Node, field string, s *SSHSettings) error {
	return l.pairs(n, field, func(key string, k, v *yaml.Node) error {
		return l.sshSetting(key, v, join(field, key), s)
	})
}

// sshSetting applies one known SSH key (from testbed.custom or a
// connection's settings); other keys are ignored.
func (l *loader) sshSetting(key string, v *yaml.Node, f string, s *SSHSettings) error {
	var err error
	switch strings.ToLower(key) {
	case "known_hosts", "known_hosts_file":
		var p string
		if p, err = l.str(v, f); err == nil {
			if p == "" {
				return l.errf(v, f, "empty path")
			}
			s.KnownHostsFile = expandHome(p)
		}
	case "insecure_ignore_host_key":
		s.InsecureIgnoreHostKey, err = l.boolean(v, f)
	case "trust_on_first_use":
		s.TrustOnFirstUse, err = l.boolean(v, f)
	case "legacy_algorithms":
		s.LegacyAlgorithms, err = l.boolean(v, f)
	case "command_timeout", "exec_timeout":
		s.CommandTimeout, err = l.seconds(v, f)
	case "keepalive_interval":
		s.KeepaliveInterval, err = l.seconds(v, f)
	}
	return err
}

func (l *loader) boolean(n *yaml.Node, field string) (bool, error) {
	if n.Kind == yaml.ScalarNode {
		s, err := l.subst(n, field, n.Value)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(s) {
		case "true", "yes", "on":
			return true, nil
		case "false", "no", "off", "":
			return false, nil
		}
	}
	return false, l.errf(n, field, "must be true or false, got %s", kindName(n))
}

func (l *loader) seconds(n *yaml.Node, field string) (time.Duration, error) {
	s, err := l.str(n, field)
	if err != nil {
		return 0, err
	}
	f, perr := strconv.ParseFloat(s, 64)
	// !(f > 0) refuses NaN too; the bound keeps the Duration from
	// overflowing into a negative timeout.
	if perr != nil || !(f > 0) || f >= math.MaxInt64/float64(time.Second) {
		return 0, l.errf(n, field, "must be a positive number of seconds, got %q", s)
	}
	return time.Duration(f * float64(time.Second)), nil
}

func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, rest)
		}
	}
	return p
}

func (l *loader) credentials(n *yaml.Node, field string) (map[string]Credential, error) {
	out := map[string]Credential{}
	err := l.pairs(n, field, func(name string, k, v *yaml.Node) error {
		f := join(field, name)
		var c Credential
		err := l.pairs(v, f, func(key string, kk, vv *yaml.Node) error {
			ff := join(f, key)
			var err error
			switch key {
			case "username":
				c.Username, err = l.str(vv, ff)
			case "password":
				if vv.Kind != yaml.ScalarNode {
					return l.errf(vv, ff, "must be a string, got %s", kindName(vv))
				}
				if c.Password, err = l.str(vv, ff); err == nil && c.Password != "" {
					l.tb.secrets = append(l.tb.secrets, c.Password)
					if !strings.Contains(vv.Value, "%ENV{") {
						l.warnf(vv, ff, "plain-text password accepted; passwords belong in %%ENV{VAR}")
					}
				}
			case "private_key_file", "key_file":
				var p string
				p, err = l.str(vv, ff)
				c.KeyFile = expandHome(p)
			}
			return err
		})
		if err != nil {
			return err
		}
		if v.Kind != yaml.MappingNode && !isNull(v) {
			return l.errf(v, f, "must be a mapping with username/password")
		}
		out[name] = c
		return nil
	})
	return out, err
}

func (l *loader) device(name string, k, n *yaml.Node) error {
	field := join("devices", name)
	if n.Kind != yaml.MappingNode {
		return l.errf(n, field, "must be a mapping, got %s", kindName(n))
	}
	d := &DeviceConfig{Name: name, Credentials: map[string]Credential{}, Connections: map[string]*Connection{}, Custom: map[string]any{}, testbed: l.tb, credsAt: map[string]*yaml.Node{}}
	var connNode, tacacs, passwords *yaml.Node
	err := l.pairs(n, field, func(key string, kk, v *yaml.Node) error {
		f := join(field, key)
		var err error
		switch key {
		case "tacacs":
			tacacs = v
		case "passwords":
			passwords = v
		case "os":
			d.OS, err = l.str(v, f)
		case "platform":
			d.Platform, err = l.str(v, f)
		case "type":
			d.Type, err = l.str(v, f)
		case "alias":
			d.Alias, err = l.str(v, f)
		case "model":
			d.Model, err = l.str(v, f)
		case "chassis_type":
			d.ChassisType, err = l.str(v, f)
		case "credentials":
			d.Credentials, err = l.credentials(v, f)
		case "login_creds":
			d.LoginCreds, err = l.strList(v, f)
			d.credsAt[""] = v
		case "custom":
			d.Custom, err = l.anyMap(v, f)
		case "connections":
			connNode = v
		}
		return err
	})
	if err != nil {
		return err
	}
	if err := l.legacyCreds(d.Credentials, tacacs, passwords, field); err != nil {
		return err
	}
	if d.OS == "" {
		return l.errf(k, join(field, "os"), "missing: every device needs an os (nxos, iosxe, iosxr, ...)")
	}
	d.OS = strings.ToLower(d.OS)
	if connNode != nil {
		if err := l.connections(d, connNode, join(field, "connections")); err != nil {
			return err
		}
	}
	if err := l.checkCredNames(d, k, field); err != nil {
		return err
	}
	l.tb.Devices[name] = d
	return nil
}

func (l *loader) connections(d *DeviceConfig, n *yaml.Node, field string) error {
	var defNode *yaml.Node
	err := l.pairs(n, field, func(name string, k, v *yaml.Node) error {
		if name == "defaults" {
			defNode = v
			return l.pairs(v, join(field, name), func(key string, kk, vv *yaml.Node) error {
				f := join(join(field, name), key)
				var err error
				switch key {
				case "class":
					d.Defaults.Class, err = l.str(vv, f)
				case "via":
					d.Defaults.Via, err = l.str(vv, f)
				case "connections":
					if vv.Kind != yaml.SequenceNode {
						return l.errf(vv, f, "must be a list of connection names such as [a, b], got %s", kindName(vv))
					}
					d.Defaults.Connections, err = l.strList(vv, f)
				}
				return err
			})
		}
		c, err := l.connection(name, v, join(field, name))
		if err != nil {
			return err
		}
		d.Connections[name] = c
		d.connOrder = append(d.connOrder, name)
		return nil
	})
	if err != nil {
		return err
	}
	if defNode != nil {
		if v := d.Defaults.Via; v != "" {
			if _, ok := d.Connections[v]; !ok {
				return l.errf(defNode, join(field, "defaults.via"), "names connection %q, which is not defined", v)
			}
		}
		for _, c := range d.Defaults.Connections {
			if _, ok := d.Connections[c]; !ok {
				return l.errf(defNode, join(field, "defaults.connections"), "names connection %q, which is not defined", c)
			}
		}
	}
	return nil
}

func (l *loader) connection(name string, n *yaml.Node, field string) (*Connection, error) {
	if n.Kind != yaml.MappingNode {
		return nil, l.errf(n, field, "must be a mapping with protocol and ip, got %s", kindName(n))
	}
	c := &Connection{Name: name, Credentials: map[string]Credential{}, Arguments: map[string]any{}, Settings: map[string]any{}}
	var optNode *yaml.Node
	err := l.pairs(n, field, func(key string, k, v *yaml.Node) error {
		f := join(field, key)
		var err error
		switch key {
		case "protocol":
			c.Protocol, err = l.str(v, f)
			c.Protocol = strings.ToLower(c.Protocol)
		case "ip":
			if c.IP, err = l.str(v, f); err == nil {
				err = l.checkHost(v, f, c.IP)
			}
		case "host":
			if c.Host, err = l.str(v, f); err == nil {
				err = l.checkHost(v, f, c.Host)
			}
		case "port":
			var s string
			if s, err = l.str(v, f); err == nil {
				p, perr := strconv.Atoi(s)
				if perr != nil || p < 1 || p > 65535 {
					return l.errf(v, f, "must be a TCP port 1-65535, got %q", s)
				}
				c.Port = p
			}
		case "ssh_options":
			c.SSHOptions, err = l.str(v, f)
			optNode = v
		case "arguments":
			c.Arguments, err = l.anyMap(v, f)
		case "settings":
			if c.Settings, err = l.anyMap(v, f); err == nil {
				err = l.pairs(v, f, func(key string, _, vv *yaml.Node) error {
					return l.sshSetting(key, vv, join(f, key), &c.SSH)
				})
			}
		case "credentials":
			c.Credentials, err = l.credentials(v, f)
		case "login_creds":
			c.LoginCreds, err = l.strList(v, f)
			c.credsAt = v
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if c.IP != "" || c.Host != "" || c.Port != 0 {
		if c.Protocol == "" {
			return nil, l.errf(n, join(field, "protocol"), "missing (ssh, telnet, ...)")
		}
	}
	if c.Protocol == "ssh" && c.IP == "" && c.Host == "" {
		return nil, l.errf(n, join(field, "ip"), "missing: an ssh connection needs ip or host")
	}
	if optNode != nil {
		if err := parseSSHOptions(c.SSHOptions, &c.SSH, &c.Port); err != nil {
			return nil, l.errf(optNode, join(field, "ssh_options"), "%v", err)
		}
	}
	return c, nil
}

func (l *loader) checkHost(n *yaml.Node, field, h string) error {
	if h == "" || strings.ContainsAny(h, " \t/") {
		return l.errf(n, field, "not an IP address or host name: %q", h)
	}
	if strings.Trim(h, "0123456789.") == "" && net.ParseIP(h) == nil {
		return l.errf(n, field, "not a valid IPv4 address: %q", h)
	}
	return nil
}

// checkCredNames verifies that login_creds name defined credential sets.
func (l *loader) checkCredNames(d *DeviceConfig, k *yaml.Node, field string) error {
	check := func(conn *Connection, names []string, at *yaml.Node, f string) error {
		for _, n := range names {
			found := false
			if conn != nil {
				_, found = conn.Credentials[n]
			}
			if _, ok := d.Credentials[n]; ok {
				found = true
			}
			if _, ok := l.tb.Credentials[n]; ok {
				found = true
			}
			if !found {
				if at == nil {
					at = k
				}
				return l.errf(at, f, "credential set %q is not defined (connection, device or testbed credentials)", n)
			}
		}
		return nil
	}
	if err := check(nil, d.LoginCreds, d.credsAt[""], join(field, "login_creds")); err != nil {
		return err
	}
	for _, n := range d.connOrder {
		c := d.Connections[n]
		if err := check(c, c.LoginCreds, c.credsAt, join(field, "connections."+n+".login_creds")); err != nil {
			return err
		}
	}
	return nil
}

// parseSSHOptions understands the OpenSSH options our lab uses:
// -p PORT, -i KEYFILE, -o UserKnownHostsFile=PATH,
// -o StrictHostKeyChecking=no|accept-new|yes, and
// -o KexAlgorithms/Ciphers/MACs/HostKeyAlgorithms=[+]a,b (always added to
// the defaults). Other options are ignored.
func parseSSHOptions(s string, ss *SSHSettings, port *int) error {
	f := strings.Fields(s)
	for i := 0; i < len(f); i++ {
		opt := f[i]
		val := ""
		if len(opt) == 2 && opt[0] == '-' && strings.ContainsRune("pioFlJ", rune(opt[1])) {
			if i+1 >= len(f) {
				return fmt.Errorf("option %s needs a value", opt)
			}
			i++
			val = f[i]
		} else if len(opt) > 2 && opt[0] == '-' && strings.ContainsRune("pio", rune(opt[1])) {
			val = opt[2:]
			opt = opt[:2]
		}
		switch opt {
		case "-p":
			p, err := strconv.Atoi(val)
			if err != nil || p < 1 || p > 65535 {
				return fmt.Errorf("-p %s: not a TCP port", val)
			}
			*port = p
		case "-i":
			ss.KeyFile = expandHome(val)
		case "-o":
			k, v, ok := strings.Cut(val, "=")
			if !ok {
				if i+1 >= len(f) {
					return fmt.Errorf("-o %s: expected Key=Value", val)
				}
				i++
				v = f[i]
			}
			if err := sshOption(k, v, ss); err != nil {
				return err
			}
		}
	}
	return nil
}

func sshOption(k, v string, ss *SSHSettings) error {
	list := func() []string { return strings.Split(strings.TrimLeft(v, "+"), ",") }
	switch strings.ToLower(k) {
	case "userknownhostsfile":
		ss.KnownHostsFile = expandHome(v)
	case "stricthostkeychecking":
		switch strings.ToLower(v) {
		case "no", "off":
			ss.InsecureIgnoreHostKey = true
		case "accept-new":
			ss.TrustOnFirstUse = true
		case "yes", "ask":
		default:
			return fmt.Errorf("StrictHostKeyChecking=%s: expected yes, no or accept-new", v)
		}
	case "kexalgorithms":
		ss.KeyExchanges = append(ss.KeyExchanges, list()...)
	case "ciphers":
		ss.Ciphers = append(ss.Ciphers, list()...)
	case "macs":
		ss.MACs = append(ss.MACs, list()...)
	case "hostkeyalgorithms", "pubkeyacceptedalgorithms", "pubkeyacceptedkeytypes":
		ss.HostKeyAlgorithms = append(ss.HostKeyAlgorithms, list()...)
	}
	return nil
}
