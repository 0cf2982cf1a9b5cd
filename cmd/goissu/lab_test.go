package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

const labTestPassword = "lab-test-pw"

// syncBuf is a bytes.Buffer safe for a writer and a poller.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runningLab is `goissu lab` running in the test.
type runningLab struct {
	out, errOut *syncBuf
	cancel      func()
	code        chan int
	testbed     string
	knownHosts  string
	ports       map[string]string // device -> port
	oses        map[string]string
}

var connectLine = regexp.MustCompile(`(?m)^  (\S+)\s+(\S+)\s+ssh -p (\d+) -o UserKnownHostsFile=(\S+) admin@127\.0\.0\.1$`)

func startLabVerb(t *testing.T, args ...string) *runningLab {
	t.Helper()
	t.Setenv("GOISSU_LAB_PASSWORD", labTestPassword)
	ctx, cancel := context.WithCancel(context.Background())
	r := &runningLab{out: &syncBuf{}, errOut: &syncBuf{}, cancel: cancel, code: make(chan int, 1),
		ports: map[string]string{}, oses: map[string]string{}}
	args = append([]string{"--state-dir", t.TempDir()}, args...)
	go func() { r.code <- runLabCtx(ctx, args, r.out, r.errOut) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(r.out.String(), "Press Ctrl-C to stop.") {
		select {
		case c := <-r.code:
			require.Failf(t, "goissu lab exited", "code %d: %s", c, r.errOut.String())
		default:
		}
		require.True(t, time.Now().Before(deadline), "goissu lab did not start: %s", r.errOut.String())
		time.Sleep(5 * time.Millisecond)
	}
	out := r.out.String()
	if m := regexp.MustCompile(`(?m)^testbed:\s+(\S+)$`).FindStringSubmatch(out); m != nil {
		r.testbed = m[1]
	}
	for _, m := range connectLine.FindAllStringSubmatch(out, -1) {
		r.ports[m[1]], r.oses[m[1]], r.knownHosts = m[3], m[2], m[4]
	}
	t.Cleanup(func() { r.stop(t) })
	return r
}

func (r *runningLab) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case c := <-r.code:
		assert.Equal(t, 0, c, r.errOut.String())
		r.code <- c
	case <-time.After(20 * time.Second):
		t.Error("goissu lab did not stop")
	}
}

func (r *runningLab) device(t *testing.T, osName string) (string, string) {
	t.Helper()
	for n, o := range r.oses {
		if o == osName {
			return n, r.ports[n]
		}
	}
	require.Failf(t, "no device", "no %s device in %v", osName, r.oses)
	return "", ""
}

func TestLabVerb(t *testing.T) {
	r := startLabVerb(t, "--scenario", "clean-issu", "--time-scale", "120")
	out := r.out.String()
	assert.Contains(t, out, "scenario clean-issu")
	assert.Contains(t, out, "password:    from $GOISSU_LAB_PASSWORD")
	assert.NotContains(t, out, labTestPassword, "the password is never printed")
	require.FileExists(t, r.testbed)
	require.FileExists(t, r.knownHosts)
	assert.Equal(t, r.testbed+".known_hosts", r.knownHosts)
	name, port := r.device(t, "nxos")

	cb, err := knownhosts.New(r.knownHosts)
	require.NoError(t, err)
	c, err := ssh.Dial("tcp", "127.0.0.1:"+port, &ssh.ClientConfig{
		User: "admin", Auth: []ssh.AuthMethod{ssh.Password(labTestPassword)}, HostKeyCallback: cb, Timeout: 5 * time.Second,
	})
	require.NoError(t, err, name)
	s, err := c.NewSession()
	require.NoError(t, err)
	got, err := s.Output("show version")
	require.NoError(t, err)
	assert.Contains(t, string(got), "NXOS: version")
	c.Close()

	r.stop(t)
	assert.Contains(t, r.out.String(), "goissu lab: stopping")
}

func TestLabVerbDefaultPassword(t *testing.T) {
	t.Setenv("GOISSU_LAB_PASSWORD", "")
	var out syncBuf
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- runLabCtx(ctx, []string{"--state-dir", t.TempDir()}, &out, io.Discard) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "Press Ctrl-C to stop.") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	assert.Equal(t, 0, <-code)
	assert.Contains(t, out.String(), "GOISSU_LAB_PASSWORD is unset, so the lab uses the default password \"admin\"")
	assert.Contains(t, out.String(), "export GOISSU_LAB_PASSWORD=admin")
}

func TestLabVerbFlags(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"help", []string{"-h"}, 0, "usage: goissu lab"},
		{"bad flag", []string{"--bogus"}, 2, "flag provided but not defined"},
		{"extra argument", []string{"extra"}, 2, "unexpected argument"},
		{"unknown scenario", []string{"--scenario", "no-such-scenario", "--state-dir", t.TempDir()}, 1, "no-such-scenario"},
		// NaN, Inf or a negative scale used to start a lab whose clock ran
		// backwards (or silently at the default speed).
		{"NaN time scale", []string{"--time-scale", "NaN", "--state-dir", t.TempDir()}, 1, "time scale NaN"},
		{"infinite time scale", []string{"--time-scale", "+Inf", "--state-dir", t.TempDir()}, 1, "time scale +Inf"},
		{"time scale that overflows the clock", []string{"--time-scale", "1e12", "--state-dir", t.TempDir()}, 1, "time scale 1e+12"},
		{"negative time scale", []string{"--time-scale", "-5", "--state-dir", t.TempDir()}, 1, "time scale -5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := runLabCtx(context.Background(), tc.args, &out, &errOut)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, errOut.String(), tc.err)
		})
	}
}

// TestOpenSSHAcceptance: a client nobody here wrote. OpenSSH logs in with
// the lab's known_hosts (strict checking), gets a prompt and answers
// `show version` in a shell and as an exec request.
func TestOpenSSHAcceptance(t *testing.T) {
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("OpenSSH client not installed (apt-get install -y openssh-client sshpass)")
	}
	sshpass, err := exec.LookPath("sshpass")
	if err != nil {
		t.Skip("sshpass not installed (apt-get install -y sshpass)")
	}
	r := startLabVerb(t, "--scenario", "clean-issu")
	_, port := r.device(t, "nxos")
	base := []string{"-e", sshBin, "-F", "/dev/null", "-p", port,
		"-o", "UserKnownHostsFile=" + r.knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
		"-o", "StrictHostKeyChecking=yes", "-o", "PubkeyAuthentication=no",
		"-o", "PreferredAuthentications=keyboard-interactive,password",
		"-o", "ConnectTimeout=10"}
	run := func(stdin string, extra ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, sshpass, append(append([]string{}, base...), extra...)...)
		cmd.Env = append(os.Environ(), "SSHPASS="+labTestPassword)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	t.Run("exec", func(t *testing.T) {
		out, err := run("", "admin@127.0.0.1", "show version")
		require.NoError(t, err, out)
		assert.Contains(t, out, "NXOS: version")
	})
	t.Run("shell", func(t *testing.T) {
		out, err := run("terminal length 0\rshow version\rexit\r", "-tt", "admin@127.0.0.1")
		require.NoError(t, err, out)
		assert.Contains(t, out, "# show version")
		assert.Contains(t, out, "NXOS: version")
	})
}

// TestLabWithDevicesPackage: the project's own SSH client reads the lab's
// testbed (credentials from %ENV{}, known_hosts from testbed.custom) and
// runs a command on every device.
func TestLabWithDevicesPackage(t *testing.T) {
	r := startLabVerb(t, "--scenario", "clean-issu")
	tb, err := devices.LoadTestbed(r.testbed)
	require.NoError(t, err)
	require.NotEmpty(t, tb.DeviceNames())
	for _, name := range tb.DeviceNames() {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			d, err := tb.Device(name, devices.Options{})
			require.NoError(t, err)
			require.NoError(t, d.Connect(ctx))
			defer d.Disconnect()
			out, err := d.Execute(ctx, "show version")
			require.NoError(t, err)
			assert.Contains(t, out, "ersion")
		})
	}
}
