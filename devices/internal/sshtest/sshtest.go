// Package sshtest is a small in-process SSH server on 127.0.0.1 that
// behaves enough like a network device's CLI (PTY shell, prompt, echo,
// terminal length, --More-- pager, "% Invalid" markers, enable, an
// install dialog) to test the devices package. Faults: a hung command,
// a dropped connection, stalled keepalives, changed host keys, wrong
// passwords, keyboard-interactive-only and legacy-algorithms-only servers.
package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Config describes the simulated device.
type Config struct {
	Hostname string // default "switch"
	OS       string // nxos (default), iosxe, iosxr, linux: prompt and error marker shape
	User     string // default "admin"
	Password string // default "secret"
	// EnableSecret, when set, starts the session at a ">" prompt that
	// "enable" raises with this secret.
	EnableSecret string
	// KeyboardInteractive offers only keyboard-interactive auth, with a
	// zero-question round before the password question.
	KeyboardInteractive bool
	// AuthorizedKey, when set, is accepted for public key auth.
	AuthorizedKey ssh.PublicKey
	// Legacy restricts the server to diffie-hellman-group1-sha1,
	// aes128-cbc, hmac-sha1 and an ssh-rsa host key.
	Legacy bool
	// HostKey is the server's key (default: a fresh ed25519 key, or RSA
	// for Legacy).
	HostKey ssh.Signer
	// Commands maps a command line to its output ("\n" line ends; the
	// server sends "\r\n").
	Commands map[string]string
	// IgnoreTerminalLength keeps the pager on after "terminal length 0".
	IgnoreTerminalLength bool
	// Banner is printed before the first prompt.
	Banner string
	// PageLines is the pager height (default 24).
	PageLines int
}

// Server is a running simulated device.
type Server struct {
	cfg     Config
	ln      net.Listener
	hostKey atomic.Pointer[ssh.Signer]
	wg      sync.WaitGroup

	mu       sync.Mutex
	conns    map[net.Conn]struct{}
	received []string

	logins     atomic.Int64
	keepalives atomic.Int64
	refuse     atomic.Bool
	stall      atomic.Bool
	closeOnce  sync.Once
}

// Start listens on 127.0.0.1 with an OS-chosen port and serves until Close.
func Start(cfg Config) (*Server, error) {
	if cfg.Hostname == "" {
		cfg.Hostname = "switch"
	}
	if cfg.OS == "" {
		cfg.OS = "nxos"
	}
	if cfg.User == "" {
		cfg.User = "admin"
	}
	if cfg.Password == "" {
		cfg.Password = "secret"
	}
	if cfg.PageLines == 0 {
		cfg.PageLines = 24
	}
	s := &Server{cfg: cfg, conns: map[net.Conn]struct{}{}}
	key := cfg.HostKey
	if key == nil {
		var err error
		if cfg.Legacy {
			key, err = NewRSAKey()
		} else {
			key, err = NewEd25519Key()
		}
		if err != nil {
			return nil, err
		}
	}
	s.hostKey.Store(&key)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.ln = ln
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// NewEd25519Key makes a host or user key.
func NewEd25519Key() (ssh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return ssh.NewSignerFromKey(priv)
}

// NewRSAKey makes a 2048-bit RSA key.
func NewRSAKey() (ssh.Signer, error) {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	return ssh.NewSignerFromKey(priv)
}

// Addr is host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Port is the listening port.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// HostKey is the current host public key.
func (s *Server) HostKey() ssh.PublicKey { return (*s.hostKey.Load()).PublicKey() }

// KnownHostsLine is the known_hosts line for the current key.
func (s *Server) KnownHostsLine() string {
	return knownhosts.Line([]string{knownhosts.Normalize(s.Addr())}, s.HostKey())
}

// SetHostKey changes the host key for new connections.
func (s *Server) SetHostKey(k ssh.Signer) { s.hostKey.Store(&k) }

// Logins counts successful authentications.
func (s *Server) Logins() int { return int(s.logins.Load()) }

// Keepalives is the number of keepalive@openssh.com requests received.
func (s *Server) Keepalives() int { return int(s.keepalives.Load()) }

// Received returns every command line the shells received.
func (s *Server) Received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.received...)
}

// Refuse makes the server close new connections at once (device down).
func (s *Server) Refuse(on bool) { s.refuse.Store(on) }

// Stall makes the server stop answering keepalives (a dead peer whose TCP
// connection still looks open).
func (s *Server) Stall(on bool) { s.stall.Store(on) }

// DropAll closes every open connection abruptly.
func (s *Server) DropAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		c.Close()
	}
}

// Conns is the number of open connections.
func (s *Server) Conns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Close stops the server, closes all connections and waits for its
// goroutines.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.ln.Close()
		s.DropAll()
	})
	s.wg.Wait()
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		if s.refuse.Load() {
			c.Close()
			continue
		}
		s.mu.Lock()
		s.conns[c] = struct{}{}
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.serve(c)
			c.Close()
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
		}()
	}
}

func (s *Server) serverConfig() *ssh.ServerConfig {
	cfg := &ssh.ServerConfig{}
	if s.cfg.Legacy {
		cfg.KeyExchanges = []string{ssh.InsecureKeyExchangeDH1SHA1}
		cfg.Ciphers = []string{ssh.InsecureCipherAES128CBC}
		cfg.MACs = []string{ssh.HMACSHA1}
	}
	key := *s.hostKey.Load()
	if s.cfg.Legacy {
		if as, ok := key.(ssh.AlgorithmSigner); ok && key.PublicKey().Type() == ssh.KeyAlgoRSA {
			if k, err := ssh.NewSignerWithAlgorithms(as, []string{ssh.KeyAlgoRSA}); err == nil {
				key = k
			}
		}
	}
	cfg.AddHostKey(key)
	user, pw := s.cfg.User, s.cfg.Password
	if s.cfg.KeyboardInteractive {
		cfg.KeyboardInteractiveCallback = func(c ssh.ConnMetadata, ch ssh.KeyboardInteractiveChallenge) (*ssh.Permissions, error) {
			if _, err := ch("", "Authorized users only.", nil, nil); err != nil {
				return nil, err
			}
			ans, err := ch("", "", []string{"Password: "}, []bool{false})
			if err != nil {
				return nil, err
			}
			if c.User() == user && len(ans) == 1 && ans[0] == pw {
				return nil, nil
			}
			return nil, errors.New("access denied")
		}
	} else {
		cfg.PasswordCallback = func(c ssh.ConnMetadata, p []byte) (*ssh.Permissions, error) {
			if c.User() == user && string(p) == pw {
				return nil, nil
			}
			return nil, errors.New("access denied")
		}
	}
	if s.cfg.AuthorizedKey != nil {
		want := s.cfg.AuthorizedKey.Marshal()
		cfg.PublicKeyCallback = func(c ssh.ConnMetadata, k ssh.PublicKey) (*ssh.Permissions, error) {
			if c.User() == user && string(k.Marshal()) == string(want) {
				return nil, nil
			}
			return nil, errors.New("key not authorized")
		}
	}
	return cfg
}

func (s *Server) serve(c net.Conn) {
	c.SetDeadline(time.Now().Add(10 * time.Second))
	sc, chans, reqs, err := ssh.NewServerConn(c, s.serverConfig())
	if err != nil {
		return
	}
	c.SetDeadline(time.Time{})
	s.logins.Add(1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for r := range reqs {
			if r.Type == "keepalive@openssh.com" {
				s.keepalives.Add(1)
			}
			if s.stall.Load() {
				continue // a dead peer never answers
			}
			if r.WantReply {
				r.Reply(r.Type == "keepalive@openssh.com", nil)
			}
		}
	}()
	for nc := range chans {
		if nc.ChannelType() != "session" {
			nc.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		ch, chReqs, err := nc.Accept()
		if err != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.session(sc, ch, chReqs)
		}()
	}
	sc.Close()
	wg.Wait()
}

func (s *Server) session(sc *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
	defer ch.Close()
	started := false
	for r := range reqs {
		switch r.Type {
		case "pty-req", "window-change", "env":
			r.Reply(r.WantReply, nil)
		case "shell":
			if started {
				r.Reply(false, nil)
				continue
			}
			started = true
			r.Reply(true, nil)
			done := make(chan struct{})
			go func() {
				defer close(done)
				// Drain further requests so the client never blocks.
				for r := range reqs {
					r.Reply(false, nil)
				}
			}()
			sh := &cli{srv: s, conn: sc, ch: ch, enabled: s.cfg.EnableSecret == "", pageLines: s.cfg.PageLines, input: make(chan byte, 4096)}
			sh.run()
			ch.Close()
			<-done
			return
		default:
			// exec and subsystems are refused, like many network OSes.
			r.Reply(false, nil)
		}
	}
}

// cli is one interactive shell.
type cli struct {
	srv       *Server
	conn      *ssh.ServerConn
	ch        ssh.Channel
	enabled   bool
	pageLines int // 0 = no paging
	input     chan byte
	lastCR    bool // the previous line ended with "\r"
}

func (c *cli) prompt() string {
	h := c.srv.cfg.Hostname
	switch c.srv.cfg.OS {
	case "iosxe":
		if !c.enabled {
			return h + ">"
		}
		return h + "#"
	case "iosxr":
		return "RP/0/RSP0/CPU0:" + h + "#"
	case "linux":
		return c.srv.cfg.User + "@" + h + ":~$ "
	}
	if !c.enabled {
		return h + "> "
	}
	return h + "# "
}

func (c *cli) write(s string) error {
	_, err := io.WriteString(c.ch, s)
	return err
}

// crlf converts "\n" line ends to the "\r\n" a PTY sends.
func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

func (c *cli) run() {
	go func() {
		defer close(c.input)
		buf := make([]byte, 4096)
		for {
			n, err := c.ch.Read(buf)
			for _, b := range buf[:n] {
				c.input <- b
			}
			if err != nil {
				return
			}
		}
	}()
	defer func() {
		// Let the input goroutine finish once the channel closes.
		c.ch.Close()
		for range c.input {
		}
	}()
	if c.srv.cfg.Banner != "" {
		if c.write(crlf(c.srv.cfg.Banner)+"\r\n") != nil {
			return
		}
	}
	if c.write(c.prompt()) != nil {
		return
	}
	for {
		line, ok := c.readLine(true)
		if !ok {
			return
		}
		if !c.exec(strings.TrimSpace(line)) {
			return
		}
	}
}

// readLine reads up to Enter, echoing when echo is set. ok is false when
// the channel closed. Ctrl-C abandons the line.
func (c *cli) readLine(echo bool) (string, bool) {
	var b []byte
	for {
		ch, ok := <-c.input
		if !ok {
			return "", false
		}
		switch ch {
		case '\r', '\n':
			// A "\n" right after the "\r" that ended the previous line is
			// the second half of "\r\n", not an empty line.
			if ch == '\n' && c.lastCR && len(b) == 0 {
				c.lastCR = false
				continue
			}
			c.lastCR = ch == '\r'
			c.write("\r\n")
			return string(b), true
		case 0x03:
			c.write("^C\r\n" + c.prompt())
			b = b[:0]
		case 0x7f, 0x08:
			if len(b) > 0 {
				b = b[:len(b)-1]
				if echo {
					c.write("\b \b")
				}
			}
		default:
			b = append(b, ch)
			if echo {
				c.write(string(ch))
			}
		}
	}
}

// exec runs one command line; false ends the session.
func (c *cli) exec(line string) bool {
	if line != "" {
		c.srv.mu.Lock()
		c.srv.received = append(c.srv.received, line)
		c.srv.mu.Unlock()
	}
	f := strings.Fields(line)
	var out string
	switch {
	case line == "":
	case len(f) == 3 && f[0] == "terminal" && f[1] == "length":
		n, err := strconv.Atoi(f[2])
		if err != nil {
			out = c.invalid(line, len("terminal length "))
			break
		}
		if !c.srv.cfg.IgnoreTerminalLength {
			c.pageLines = n
		}
	case len(f) >= 2 && f[0] == "terminal":
	case line == "enable":
		if c.enabled {
			break
		}
		c.write("Password: ")
		pw, ok := c.readLine(false)
		if !ok {
			return false
		}
		if pw == c.srv.cfg.EnableSecret {
			c.enabled = true
		} else {
			out = "% Access denied\n"
		}
	case line == "exit":
		return false
	case line == "hang":
		// Blocks until Ctrl-C or the connection closes.
		for {
			b, ok := <-c.input
			if !ok {
				return false
			}
			if b == 0x03 {
				c.write("^C\r\n")
				break
			}
		}
	case line == "drop":
		c.write("partial output before the drop\r\n")
		c.conn.Close()
		return false
	case len(f) == 3 && f[0] == "show" && f[1] == "lines":
		n, _ := strconv.Atoi(f[2])
		var b strings.Builder
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "line %04d of %d\n", i, n)
		}
		out = b.String()
	case len(f) == 3 && f[0] == "show" && f[1] == "bytes":
		n, _ := strconv.Atoi(f[2])
		out = bigOutput(n)
		// Bulk output is written unpaged, like a device after
		// terminal length 0 (benchmarks set it).
		if c.write(crlf(out)) != nil {
			return false
		}
		out = ""
	case line == "show ansi":
		out = "\x1b[1mInterface\x1b[0m  Status\nEth1/1     up\x08\x08up\n"
	case line == "ask pager":
		// A question answered without echo, then straight into a pager:
		// the pager (and the space before it) follows the question's text.
		if c.write("Continue? [y/n] ") != nil {
			return false
		}
		for ch := range c.input {
			if ch == '\n' || ch == '\r' {
				break
			}
		}
		if c.write("--More--") != nil {
			return false
		}
		if _, ok := <-c.input; !ok {
			return false
		}
		out = "\r\x1b[Kdone\n"
	case line == "show slow":
		for i := 1; i <= 5; i++ {
			if c.write(fmt.Sprintf("slow %d\r\n", i)) != nil {
				return false
			}
			time.Sleep(2 * time.Millisecond)
		}
	case line == "show stderr-flood":
		// More than an SSH channel window on stderr, then the output: a
		// client that does not read stderr stalls here.
		chunk := []byte(strings.Repeat("e", 32<<10))
		for range 96 {
			if _, err := c.ch.Stderr().Write(chunk); err != nil {
				return false
			}
		}
		out = "done\n"
	case len(f) >= 3 && f[0] == "install" && f[1] == "all":
		return c.install()
	default:
		if o, ok := c.srv.cfg.Commands[line]; ok {
			out = o
		} else {
			out = c.invalid(line, 0)
		}
	}
	if out != "" && !c.page(crlf(strings.TrimSuffix(out, "\n")+"\n")) {
		return false
	}
	return c.write(c.prompt()) == nil
}

// invalid renders the OS's error marker with the caret under column col of
// the command.
func (c *cli) invalid(line string, col int) string {
	caret := strings.Repeat(" ", len(c.prompt())+col) + "^\n"
	if c.srv.cfg.OS == "nxos" || c.srv.cfg.OS == "" {
		return caret + "% Invalid command at '^' marker.\n"
	}
	return caret + "% Invalid input detected at '^' marker.\n"
}

// page writes out with a --More-- pager every pageLines lines.
func (c *cli) page(out string) bool {
	if c.pageLines <= 0 {
		return c.write(out) == nil
	}
	lines := strings.SplitAfter(out, "\r\n")
	for i := 0; i < len(lines); {
		end := min(i+c.pageLines, len(lines))
		if c.write(strings.Join(lines[i:end], "")) != nil {
			return false
		}
		i = end
		if i >= len(lines) || (i == len(lines)-1 && lines[i] == "") {
			break
		}
		if c.write(" --More-- ") != nil {
			return false
		}
		b, ok := <-c.input
		if !ok {
			return false
		}
		// Erase the pager like NX-OS: carriage return and ANSI erase.
		if c.write("\r\x1b[K") != nil {
			return false
		}
		if b == 'q' {
			return true
		}
	}
	return true
}

// install plays the NX-OS install all dialog; "y" ends in a switchover
// (the connection drops).
func (c *cli) install() bool {
	steps := []string{
		"Installer will perform compatibility check first. Please wait.",
		"Verifying image bootflash:/nxos64-cs.10.4.3.F.bin for boot variable \"nxos\".",
		"[####################] 100% -- SUCCESS",
		"",
		"Compatibility check is done:",
		"Module  bootable          Impact  Install-type  Reason",
		"------  --------  --------------  ------------  ------",
		"     1       yes  non-disruptive       rolling",
		"",
	}
	if c.write(crlf(strings.Join(steps, "\n"))+"\r\n") != nil {
		return false
	}
	if c.write("Do you want to continue with the installation (y/n)?  [n] ") != nil {
		return false
	}
	ans, ok := c.readLine(true)
	if !ok {
		return false
	}
	c.srv.mu.Lock()
	c.srv.received = append(c.srv.received, ans)
	c.srv.mu.Unlock()
	if strings.TrimSpace(ans) != "y" {
		return c.write("Install aborted.\r\n"+c.prompt()) == nil
	}
	c.write("Install is in progress, please wait.\r\n\r\nNotifying services about the switchover.\r\n[####################] 100% -- SUCCESS\r\n\r\n\"Switching over onto standby\".\r\n")
	c.conn.Close()
	return false
}

// bigOutput is at least n bytes of 64-byte lines.
func bigOutput(n int) string {
	const ln = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
	var b strings.Builder
	b.Grow(n + len(ln))
	for b.Len() < n {
		b.WriteString(ln)
	}
	return b.String()
}
