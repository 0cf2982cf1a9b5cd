package devices

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/devices/internal/sshtest"
)

const testPassword = "Sup3r-S3cret!"

// lab is one simulated device with a testbed pointing at it and a
// known_hosts file that trusts it.
type lab struct {
	srv        *sshtest.Server
	tb         *Testbed
	knownHosts string
	logs       *logSink
}

type logSink struct {
	mu    sync.Mutex
	lines []string
}

func (l *logSink) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logSink) all() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// newLab starts a server and loads a testbed for it. extraConn is added
// to the cli connection block (indented YAML lines).
func newLab(t testing.TB, cfg sshtest.Config, osName, extraConn string) *lab {
	t.Helper()
	if cfg.Password == "" {
		cfg.Password = testPassword
	}
	if cfg.User == "" {
		cfg.User = "netops"
	}
	if cfg.OS == "" {
		cfg.OS = osName
	}
	srv, err := sshtest.Start(cfg)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	kh := filepath.Join(dir, "known_hosts")
	require.NoError(t, os.WriteFile(kh, []byte(srv.KnownHostsLine()+"\n"), 0o600))
	enable := ""
	if cfg.EnableSecret != "" {
		enable = fmt.Sprintf("    enable:\n      password: %q\n", cfg.EnableSecret)
	}
	yml := fmt.Sprintf(`testbed:
  name: unit
  credentials:
    default:
      username: %s
      password: %q
%sdevices:
  DUT:
    os: %s
    connections:
      cli:
        protocol: ssh
        ip: 127.0.0.1
        port: %d
%s`, cfg.User, cfg.Password, enable, osName, srv.Port(), extraConn)
	tb, err := ParseTestbed([]byte(yml))
	require.NoError(t, err)
	return &lab{srv: srv, tb: tb, knownHosts: kh, logs: &logSink{}}
}

func (l *lab) opts() Options {
	return Options{KnownHostsFile: l.knownHosts, CommandTimeout: 5 * time.Second, LoginTimeout: 5 * time.Second, Logf: l.logs.logf,
		ReconnectBackoff: 10 * time.Millisecond, ReconnectMaxBackoff: 50 * time.Millisecond}
}

func (l *lab) device(t testing.TB, opts Options) *Device {
	t.Helper()
	d, err := l.tb.Device("DUT", opts)
	require.NoError(t, err)
	t.Cleanup(func() { d.Disconnect() })
	return d
}

func (l *lab) connected(t testing.TB) *Device {
	t.Helper()
	d := l.device(t, l.opts())
	require.NoError(t, d.Connect(context.Background()))
	return d
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t testing.TB, within time.Duration, cond func() bool, msg string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for: %s", within, msg)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// checkNoLeak records the goroutine count and, at cleanup, polls until it
// is back (x/crypto's goroutines end asynchronously after Close).
func checkNoLeak(t *testing.T) {
	t.Helper()
	base := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > base {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				n := runtime.Stack(buf, true)
				t.Fatalf("goroutine leak: %d > %d\n%s", runtime.NumGoroutine(), base, buf[:n])
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
}

func TestHelpersAreWired(t *testing.T) {
	// Guards the fixture itself: a server that accepts any password would
	// make every auth test meaningless.
	l := newLab(t, sshtest.Config{}, "nxos", "")
	cfg := l.tb.Devices["DUT"]
	cfg.testbed.Credentials["default"] = Credential{Username: "netops", Password: "wrong"}
	d := l.device(t, l.opts())
	require.Error(t, d.Connect(context.Background()))
}
