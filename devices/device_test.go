package devices

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"golang.org/x/crypto/ssh"

	"github.com/goissu/goissu/devices/internal/sshtest"
	"github.com/goissu/goissu/parsers"
	"github.com/goissu/goissu/parsers/nxos"
)

var canned = map[string]string{
	"show version":        "Cisco Nexus Operating System (NX-OS) Software\nSoftware\n  NXOS: version 10.2(3)\n",
	"show clock":          "12:00:00.000 UTC Fri Nov 27 2026\n",
	"show running-config": "!Command: show running-config\nusername netops password 0 " + testPassword + " role network-admin\nhostname switch\n",
}

func TestConnectPromptDiscovery(t *testing.T) {
	cases := []struct {
		name, os   string
		cfg        sshtest.Config
		wantPrompt string
	}{
		{"nxos", "nxos", sshtest.Config{Hostname: "N9K-A", Banner: "User Access Verification\nWelcome> to the lab"}, "N9K-A"},
		{"iosxe privileged", "iosxe", sshtest.Config{Hostname: "Edge1", OS: "iosxe"}, "Edge1"},
		{"iosxe enable", "iosxe", sshtest.Config{Hostname: "Edge2", OS: "iosxe", EnableSecret: "En@ble"}, "Edge2"},
		{"iosxr", "iosxr", sshtest.Config{Hostname: "xr1", OS: "iosxr"}, "RP/0/RSP0/CPU0:xr1"},
		{"generic linux", "linux", sshtest.Config{Hostname: "jump", OS: "linux"}, "netops@jump:~"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.Commands = canned
			l := newLab(t, tc.cfg, tc.os, "")
			d := l.connected(t)
			assert.Equal(t, tc.wantPrompt, d.Prompt())
			out, err := d.Execute(context.Background(), "show clock")
			require.NoError(t, err)
			assert.Equal(t, "12:00:00.000 UTC Fri Nov 27 2026", out)
			recv := strings.Join(l.srv.Received(), "\n")
			switch tc.os {
			case "nxos":
				assert.Contains(t, recv, "terminal length 0")
				assert.Contains(t, recv, "terminal width 511")
			case "iosxe", "iosxr":
				assert.Contains(t, recv, "terminal length 0")
				assert.Contains(t, recv, "terminal width 0")
			default:
				assert.NotContains(t, recv, "terminal length")
			}
			if tc.cfg.EnableSecret != "" {
				assert.Contains(t, recv, "enable")
				assert.NotContains(t, recv, tc.cfg.EnableSecret, "the secret is typed without echo and never recorded as a command")
			}
		})
	}
}

func TestEnableWrongSecret(t *testing.T) {
	l := newLab(t, sshtest.Config{OS: "iosxe", EnableSecret: "right"}, "iosxe", "")
	l.tb.Credentials["enable"] = Credential{Password: "wrong"}
	d := l.device(t, l.opts())
	err := d.Connect(context.Background())
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrAuth)
}

func TestPagination(t *testing.T) {
	cases := []struct {
		name   string
		ignore bool
	}{
		{"terminal length 0 honoured", false},
		{"device ignores terminal length 0", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := newLab(t, sshtest.Config{IgnoreTerminalLength: tc.ignore, PageLines: 10}, "nxos", "")
			d := l.connected(t)
			out, err := d.Execute(context.Background(), "show lines 95")
			require.NoError(t, err)
			lines := strings.Split(out, "\n")
			require.Len(t, lines, 95, out)
			for i, ln := range lines {
				assert.Equal(t, fmt.Sprintf("line %04d of 95", i+1), ln)
			}
			assert.NotContains(t, out, "More")
		})
	}
}

func TestNormalisedOutput(t *testing.T) {
	l := newLab(t, sshtest.Config{}, "nxos", "")
	d := l.connected(t)
	out, err := d.Execute(context.Background(), "show ansi")
	require.NoError(t, err)
	assert.Equal(t, "Interface  Status\nEth1/1     up", out)
	out, err = d.Execute(context.Background(), "show slow")
	require.NoError(t, err)
	assert.Equal(t, "slow 1\nslow 2\nslow 3\nslow 4\nslow 5", out)
}

func TestErrorMarkers(t *testing.T) {
	cases := []struct {
		os, marker string
	}{
		{"nxos", "% Invalid command at '^' marker."},
		{"iosxe", "% Invalid input detected at '^' marker."},
		{"iosxr", "% Invalid input detected at '^' marker."},
	}
	for _, tc := range cases {
		t.Run(tc.os, func(t *testing.T) {
			l := newLab(t, sshtest.Config{OS: tc.os}, tc.os, "")
			d := l.connected(t)
			out, err := d.Execute(context.Background(), "show foo")
			var ce *CommandError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.marker, ce.Message)
			assert.Equal(t, "show foo", ce.Command)
			assert.Equal(t, "DUT", ce.Device)
			assert.Contains(t, ce.Output, "^")
			assert.Equal(t, ce.Output, out, "output is returned with the error")
			// The session stays usable.
			_, err = d.Execute(context.Background(), "terminal width 511")
			assert.NoError(t, err)
		})
	}
}

func TestTimeoutOnHungCommand(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(t)
	_, err := d.ExecuteTimeout(context.Background(), "hang", 100*time.Millisecond)
	require.ErrorIs(t, err, ErrTimeout)
	assert.Contains(t, err.Error(), `"hang"`)
	// Ctrl-C brought the prompt back: the session is still good.
	out, err := d.Execute(context.Background(), "show clock")
	require.NoError(t, err)
	assert.Equal(t, "12:00:00.000 UTC Fri Nov 27 2026", out)

	t.Run("context cancel", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := d.Execute(ctx, "hang")
		require.ErrorIs(t, err, context.DeadlineExceeded)
		_, err = d.Execute(context.Background(), "show clock")
		assert.NoError(t, err)
	})
}

func TestDropThenReconnect(t *testing.T) {
	checkNoLeak(t)
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(t)
	_, err := d.Execute(context.Background(), "drop")
	require.ErrorIs(t, err, ErrDisconnected)
	assert.Contains(t, err.Error(), "DUT")
	select {
	case ev := <-d.Disconnects():
		assert.Equal(t, "DUT", ev.Device)
		assert.False(t, ev.Expected)
		assert.ErrorIs(t, ev.Err, ErrDisconnected)
	case <-time.After(5 * time.Second):
		t.Fatal("no disconnect event")
	}
	_, err = d.Execute(context.Background(), "show clock")
	require.ErrorIs(t, err, ErrDisconnected, "a dropped session keeps failing until Reconnect")

	// The device is down for a while: Reconnect retries until it is back.
	l.srv.Refuse(true)
	logins := l.srv.Logins()
	done := make(chan error, 1)
	go func() { done <- d.Reconnect(context.Background()) }()
	eventually(t, 5*time.Second, func() bool { return strings.Contains(l.logs.all(), "reconnect attempt 2 failed") }, "reconnect retries")
	l.srv.Refuse(false)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Reconnect did not return")
	}
	assert.Equal(t, logins+1, l.srv.Logins())
	out, err := d.Execute(context.Background(), "show clock")
	require.NoError(t, err)
	assert.NotEmpty(t, out)
	require.NoError(t, d.Disconnect())
}

func TestReconnectGivesUpWhenContextEnds(t *testing.T) {
	l := newLab(t, sshtest.Config{}, "nxos", "")
	d := l.connected(t)
	l.srv.Refuse(true)
	l.srv.DropAll()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err := d.Reconnect(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "gave up after")
}

func TestExpectedDisconnectDuringInstall(t *testing.T) {
	l := newLab(t, sshtest.Config{}, "nxos", "")
	d := l.device(t, func() Options { o := l.opts(); o.AllowWrites = true; return o }())
	require.NoError(t, d.Connect(context.Background()))
	d.ExpectDisconnect(true)
	var stream bytes.Buffer
	out, err := d.Interact(context.Background(), "install all nxos bootflash:nxos64-cs.10.4.3.F.bin",
		[]Answer{{Pattern: regexp.MustCompile(`Do you want to continue with the installation \(y/n\)\?\s+\[n\]\s*$`), Reply: "y"}}, &stream)
	require.ErrorIs(t, err, ErrDisconnected)
	assert.Contains(t, out, "Compatibility check is done")
	assert.Contains(t, out, `"Switching over onto standby".`)
	assert.Contains(t, stream.String(), "Install is in progress", "output is streamed as it arrives")
	select {
	case ev := <-d.Disconnects():
		assert.True(t, ev.Expected)
	case <-time.After(5 * time.Second):
		t.Fatal("no disconnect event")
	}
	assert.Contains(t, l.srv.Received(), "y")
}

func TestInteractAnswerNo(t *testing.T) {
	l := newLab(t, sshtest.Config{}, "nxos", "")
	d := l.device(t, func() Options { o := l.opts(); o.AllowWrites = true; return o }())
	require.NoError(t, d.Connect(context.Background()))
	out, err := d.Interact(context.Background(), "install all nxos bootflash:x",
		[]Answer{{Pattern: regexp.MustCompile(`\(y/n\)\?\s+\[n\]\s*$`), Reply: "n"}}, nil)
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(out, "Install aborted."), out)
	assert.True(t, d.Connected())
}

func TestKeepaliveNoticesDeadPeer(t *testing.T) {
	l := newLab(t, sshtest.Config{}, "nxos", "")
	o := l.opts()
	o.KeepaliveInterval = 20 * time.Millisecond
	d := l.device(t, o)
	require.NoError(t, d.Connect(context.Background()))
	l.srv.Stall(true)
	select {
	case ev := <-d.Disconnects():
		assert.ErrorIs(t, ev.Err, ErrTimeout)
		assert.ErrorIs(t, ev.Err, ErrDisconnected)
	case <-time.After(5 * time.Second):
		t.Fatal("keepalive did not notice the dead peer")
	}
	_, err := d.Execute(context.Background(), "show clock")
	assert.ErrorIs(t, err, ErrDisconnected)
}

// TestKeepaliveOnlyWhenIdle: an idle session is probed every interval; a
// session whose device sends output is not (the output proves it alive),
// so a snapshot or monitor of a thousand devices adds no round trips.
func TestKeepaliveOnlyWhenIdle(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	o := l.opts()
	const interval = 20 * time.Millisecond
	o.KeepaliveInterval = interval
	d := l.device(t, o)
	require.NoError(t, d.Connect(context.Background()))

	deadline := time.Now().Add(5 * time.Second)
	for l.srv.Keepalives() < 2 {
		require.True(t, time.Now().Before(deadline), "no keepalive on an idle session")
		runtime.Gosched()
	}

	before, start := l.srv.Keepalives(), time.Now()
	for time.Since(start) < 30*interval {
		_, err := d.Execute(context.Background(), "show version")
		require.NoError(t, err)
	}
	// One may have been on its way when the commands began; without the
	// rule there would be one per interval, about 30.
	assert.LessOrEqual(t, l.srv.Keepalives()-before, 3, "keepalives sent while output flowed")
}

// TestStderrDoesNotStall: stderr is read (and dropped, as x/crypto would)
// so that a device writing more than a channel window to it does not
// stall the session.
func TestStderrDoesNotStall(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.device(t, l.opts())
	require.NoError(t, d.Connect(context.Background()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := d.Execute(ctx, "show stderr-flood")
	require.NoError(t, err)
	assert.Equal(t, "done", out)
	out, err = d.Execute(ctx, "show clock")
	require.NoError(t, err)
	assert.Contains(t, out, "12:00:00.000 UTC")
}

func TestHostKeys(t *testing.T) {
	t.Run("changed key refused", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		k, err := sshtest.NewEd25519Key()
		require.NoError(t, err)
		l.srv.SetHostKey(k)
		err = l.device(t, l.opts()).Connect(context.Background())
		require.ErrorIs(t, err, ErrHostKeyChanged)
		assert.NotErrorIs(t, err, ErrUnknownHost)
		assert.Contains(t, err.Error(), l.knownHosts)
		assert.Equal(t, 0, l.srv.Logins(), "no credentials are sent to an impostor")
	})
	t.Run("changed key type refused", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		k, err := sshtest.NewRSAKey()
		require.NoError(t, err)
		l.srv.SetHostKey(k)
		err = l.device(t, l.opts()).Connect(context.Background())
		require.ErrorIs(t, err, ErrHostKeyChanged)
		assert.Contains(t, err.Error(), "ssh-ed25519")
		assert.Equal(t, 0, l.srv.Logins())
	})
	t.Run("unknown host", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		require.NoError(t, os.WriteFile(l.knownHosts, nil, 0o600))
		err := l.device(t, l.opts()).Connect(context.Background())
		require.ErrorIs(t, err, ErrUnknownHost)
		assert.NotErrorIs(t, err, ErrHostKeyChanged)
	})
	t.Run("missing known_hosts file", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		o := l.opts()
		o.KnownHostsFile = l.knownHosts + ".absent"
		err := l.device(t, o).Connect(context.Background())
		require.ErrorIs(t, err, ErrUnknownHost)
	})
	t.Run("trust on first use", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		o := l.opts()
		o.KnownHostsFile = l.knownHosts + ".tofu"
		o.TrustOnFirstUse = true
		d := l.device(t, o)
		require.NoError(t, d.Connect(context.Background()))
		data, err := os.ReadFile(o.KnownHostsFile)
		require.NoError(t, err)
		assert.Equal(t, l.srv.KnownHostsLine()+"\n", string(data))
		assert.Contains(t, l.logs.all(), "trusting new")
		// A changed key is still refused after first use.
		k, err := sshtest.NewEd25519Key()
		require.NoError(t, err)
		l.srv.SetHostKey(k)
		err = d.Reconnect(context.Background())
		require.ErrorIs(t, err, ErrHostKeyChanged)
	})
	t.Run("edited known_hosts is read again", func(t *testing.T) {
		// The parsed file is cached between handshakes; an edit of the same
		// size (another ed25519 key) must still be seen.
		l := newLab(t, sshtest.Config{}, "nxos", "")
		d := l.device(t, l.opts())
		require.NoError(t, d.Connect(context.Background()))
		good, err := os.ReadFile(l.knownHosts)
		require.NoError(t, err)
		k, err := sshtest.NewEd25519Key()
		require.NoError(t, err)
		other := strings.Fields(string(good))[0] + " " + string(ssh.MarshalAuthorizedKey(k.PublicKey()))
		require.Len(t, other, len(good), "same size: only the content and mtime change")
		require.NoError(t, os.WriteFile(l.knownHosts, []byte(other), 0o600))
		require.ErrorIs(t, d.Reconnect(context.Background()), ErrHostKeyChanged)
		require.NoError(t, os.WriteFile(l.knownHosts, good, 0o600))
		require.NoError(t, d.Reconnect(context.Background()))
	})
	t.Run("insecure opt-out warns", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		k, err := sshtest.NewEd25519Key()
		require.NoError(t, err)
		l.srv.SetHostKey(k)
		o := l.opts()
		o.InsecureIgnoreHostKey = true
		d := l.device(t, o)
		require.NoError(t, d.Connect(context.Background()))
		assert.Contains(t, l.logs.all(), "host key verification is OFF")
	})
	t.Run("insecure opt-out from testbed", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "        ssh_options: -o StrictHostKeyChecking=no\n")
		require.NoError(t, os.WriteFile(l.knownHosts, nil, 0o600))
		d := l.device(t, l.opts())
		require.NoError(t, d.Connect(context.Background()))
		assert.Contains(t, l.logs.all(), "host key verification is OFF")
	})
	t.Run("known_hosts from testbed settings", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		l2 := newLab(t, sshtest.Config{}, "nxos", "        settings:\n          known_hosts: "+l.knownHosts+"\n")
		require.NoError(t, os.WriteFile(l.knownHosts, []byte(l2.srv.KnownHostsLine()+"\n"), 0o600))
		o := l2.opts()
		o.KnownHostsFile = ""
		d := l2.device(t, o)
		require.NoError(t, d.Connect(context.Background()))
	})
}

func TestAuthentication(t *testing.T) {
	t.Run("wrong password", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		l.tb.Credentials["default"] = Credential{Username: "netops", Password: "not-" + testPassword}
		err := l.device(t, l.opts()).Connect(context.Background())
		require.ErrorIs(t, err, ErrAuth)
		assert.Contains(t, err.Error(), `credential "default" (user netops)`)
	})
	t.Run("keyboard-interactive with zero-question round", func(t *testing.T) {
		l := newLab(t, sshtest.Config{KeyboardInteractive: true, Commands: canned}, "nxos", "")
		d := l.connected(t)
		out, err := d.Execute(context.Background(), "show version")
		require.NoError(t, err)
		assert.Contains(t, out, "10.2(3)")
	})
	t.Run("keyboard-interactive wrong password", func(t *testing.T) {
		l := newLab(t, sshtest.Config{KeyboardInteractive: true}, "nxos", "")
		l.tb.Credentials["default"] = Credential{Username: "netops", Password: "nope"}
		require.ErrorIs(t, l.device(t, l.opts()).Connect(context.Background()), ErrAuth)
	})
	t.Run("login_creds order falls through to the next set", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "        credentials:\n          old:\n            username: netops\n            password: old-password\n        login_creds: [old, default]\n")
		d := l.connected(t)
		assert.True(t, d.Connected())
	})
	t.Run("private key file", func(t *testing.T) {
		priv, signer := writeKey(t)
		l := newLab(t, sshtest.Config{AuthorizedKey: signer.PublicKey()}, "nxos", "        ssh_options: -i "+priv+"\n")
		l.tb.Credentials["default"] = Credential{Username: "netops", Password: "wrong-but-key-works"}
		d := l.connected(t)
		assert.True(t, d.Connected())
	})
}

func TestLegacyAlgorithms(t *testing.T) {
	cases := []struct {
		name  string
		extra string
		ok    bool
	}{
		{"off by default", "", false},
		{"settings legacy_algorithms", "        settings:\n          legacy_algorithms: true\n", true},
		{"ssh_options extend the defaults", "        ssh_options: -o KexAlgorithms=+diffie-hellman-group1-sha1 -o Ciphers=+aes128-cbc -o HostKeyAlgorithms=+ssh-rsa\n", true},
	}
	key, err := sshtest.NewRSAKey()
	require.NoError(t, err)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := newLab(t, sshtest.Config{Legacy: true, HostKey: key}, "nxos", tc.extra)
			err := l.device(t, l.opts()).Connect(context.Background())
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "no common algorithm")
			}
		})
	}
	// Extending never drops modern algorithms.
	a := algorithms(SSHSettings{LegacyAlgorithms: true})
	assert.Contains(t, a.KeyExchanges, "curve25519-sha256")
	assert.Contains(t, a.KeyExchanges, "diffie-hellman-group1-sha1")
	assert.Contains(t, a.Ciphers, "aes128-gcm@openssh.com")
	assert.Contains(t, a.Ciphers, "aes128-cbc")
	assert.Contains(t, hostKeyAlgorithms(SSHSettings{LegacyAlgorithms: true}, nil), "ssh-ed25519")
	assert.Contains(t, hostKeyAlgorithms(SSHSettings{LegacyAlgorithms: true}, nil), "ssh-rsa")
	assert.Nil(t, algorithms(SSHSettings{}).KeyExchanges, "defaults untouched when nothing is asked")
}

func TestReadOnlyGuardOnDevice(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(t)
	for _, c := range []string{"conf t", "wr mem", "reload", "install all nxos bootflash:x", "system switchover"} {
		_, err := d.Execute(context.Background(), c)
		assert.ErrorIs(t, err, ErrWriteRefused, c)
		_, err = d.Interact(context.Background(), c, nil, nil)
		assert.ErrorIs(t, err, ErrWriteRefused, c)
	}
	for _, c := range l.srv.Received() {
		assert.False(t, IsWriteCommand(c), "write command %q reached the device", c)
	}
	_, err := d.Execute(context.Background(), "show running-config")
	assert.NoError(t, err)
}

func TestRedaction(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(t)
	out, err := d.Execute(context.Background(), "show running-config")
	require.NoError(t, err)
	assert.Contains(t, out, "username netops password 0 *****")
	_, err = d.Execute(context.Background(), "show "+testPassword)
	require.Error(t, err)
	_, err = d.Execute(context.Background(), "configure terminal "+testPassword)
	require.Error(t, err)

	var artifacts []string
	artifacts = append(artifacts, out, err.Error(), l.logs.all())
	for _, e := range d.Transcript() {
		artifacts = append(artifacts, e.Command, e.Output, e.Err)
	}
	for _, w := range l.tb.Warnings {
		artifacts = append(artifacts, w)
	}
	var ce *CommandError
	_, err = d.Execute(context.Background(), "show "+testPassword)
	require.ErrorAs(t, err, &ce)
	artifacts = append(artifacts, ce.Output, ce.Command, ce.Message, err.Error())
	for i, a := range artifacts {
		assert.NotContains(t, a, testPassword, "artifact %d leaks the password", i)
	}
	assert.NotEmpty(t, d.Transcript())

	t.Run("auth errors", func(t *testing.T) {
		l := newLab(t, sshtest.Config{}, "nxos", "")
		l.tb.Credentials["default"] = Credential{Username: "netops", Password: "bad-" + testPassword}
		l.tb.secrets = append(l.tb.secrets, "bad-"+testPassword)
		d := l.device(t, l.opts())
		err := d.Connect(context.Background())
		require.Error(t, err)
		assert.NotContains(t, err.Error(), testPassword)
	})
}

func TestTranscript(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(t)
	before := time.Now()
	_, err := d.Execute(context.Background(), "show version")
	require.NoError(t, err)
	tr := d.Transcript()
	require.Len(t, tr, 3)
	assert.Equal(t, "terminal length 0", tr[0].Command, "setup commands are recorded too")
	e := tr[len(tr)-1]
	assert.Equal(t, "show version", e.Command)
	assert.False(t, e.Start.Before(before))
	assert.Positive(t, e.Duration)
	assert.Equal(t, len(e.Output), e.Bytes)
	assert.Contains(t, e.Output, "NXOS: version 10.2(3)\r\n", "raw output, line ends as received")
}

func TestConcurrentExecute(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			cmd, want := "show clock", "12:00:00.000 UTC Fri Nov 27 2026"
			if i%2 == 1 {
				cmd, want = "show lines 30", "line 0030 of 30"
			}
			out, err := d.Execute(context.Background(), cmd)
			if err == nil && !strings.HasSuffix(out, want) {
				err = fmt.Errorf("%s: got %q", cmd, out)
			}
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestDisconnectDuringCommand(t *testing.T) {
	checkNoLeak(t)
	l := newLab(t, sshtest.Config{}, "nxos", "")
	d := l.connected(t)
	errc := make(chan error, 1)
	go func() {
		_, err := d.Execute(context.Background(), "hang")
		errc <- err
	}()
	eventually(t, 5*time.Second, func() bool {
		r := l.srv.Received()
		return len(r) > 0 && r[len(r)-1] == "hang"
	}, "hang reached the device")
	require.NoError(t, d.Disconnect())
	select {
	case err := <-errc:
		assert.ErrorIs(t, err, ErrDisconnected)
	case <-time.After(5 * time.Second):
		t.Fatal("Execute did not return after Disconnect")
	}
	assert.False(t, d.Connected())
	select {
	case ev := <-d.Disconnects():
		t.Fatalf("Disconnect is not a drop event: %+v", ev)
	default:
	}
	l.srv.Close()
}

func TestNotConnected(t *testing.T) {
	l := newLab(t, sshtest.Config{}, "nxos", "")
	d := l.device(t, l.opts())
	_, err := d.Execute(context.Background(), "show clock")
	assert.ErrorIs(t, err, ErrNotConnected)
	require.NoError(t, d.Connect(context.Background()))
	require.NoError(t, d.Disconnect())
	_, err = d.Execute(context.Background(), "show clock")
	assert.ErrorIs(t, err, ErrNotConnected)
}

func TestNoGoroutineLeakAfterDisconnect(t *testing.T) {
	checkNoLeak(t)
	srv, err := sshtest.Start(sshtest.Config{User: "netops", Password: testPassword})
	require.NoError(t, err)
	defer srv.Close()
	l := &lab{srv: srv, logs: &logSink{}}
	kh := t.TempDir() + "/kh"
	require.NoError(t, os.WriteFile(kh, []byte(srv.KnownHostsLine()+"\n"), 0o600))
	cfg := &DeviceConfig{Name: "DUT", OS: "nxos",
		Credentials: map[string]Credential{"default": {Username: "netops", Password: testPassword}},
		Connections: map[string]*Connection{"cli": {Name: "cli", Protocol: "ssh", IP: "127.0.0.1", Port: srv.Port()}}}
	for i := 0; i < 5; i++ {
		d, err := NewDevice(cfg, Options{KnownHostsFile: kh, Logf: l.logs.logf, KeepaliveInterval: 10 * time.Millisecond})
		require.NoError(t, err)
		require.NoError(t, d.Connect(context.Background()))
		_, err = d.Execute(context.Background(), "show lines 3")
		require.NoError(t, err)
		require.NoError(t, d.Disconnect())
	}
	eventually(t, 5*time.Second, func() bool { return srv.Conns() == 0 }, "server sees all sessions closed")
}

func TestForEach(t *testing.T) {
	checkNoLeak(t)
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	var devs []*Device
	for i := 0; i < 6; i++ {
		cfg := *l.tb.Devices["DUT"]
		cfg.Name = fmt.Sprintf("D%d", i)
		d, err := NewDevice(&cfg, l.opts())
		require.NoError(t, err)
		devs = append(devs, d)
	}
	var (
		mu           sync.Mutex
		running, top int
	)
	errs := ForEach(context.Background(), devs, 2, func(ctx context.Context, d *Device) error {
		mu.Lock()
		running++
		top = max(top, running)
		mu.Unlock()
		defer func() { mu.Lock(); running--; mu.Unlock() }()
		if err := d.Connect(ctx); err != nil {
			return err
		}
		defer d.Disconnect()
		switch d.Name() {
		case "D1":
			_, err := d.Execute(ctx, "show bogus")
			return err
		case "D3":
			panic("boom")
		}
		_, err := d.Execute(ctx, "show clock")
		return err
	})
	assert.LessOrEqual(t, top, 2)
	require.Len(t, errs, 2, "%v", errs)
	var ce *CommandError
	assert.ErrorAs(t, errs["D1"], &ce)
	assert.ErrorContains(t, errs["D3"], "panic: boom")
	assert.ErrorIs(t, errs["D3"], ErrPanic)
	assert.NotErrorIs(t, errs["D3"], ErrNotStarted)

	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var ran sync.Map
		errs := ForEach(ctx, devs, 1, func(ctx context.Context, d *Device) error {
			ran.Store(d.Name(), true)
			return ctx.Err()
		})
		assert.Len(t, errs, len(devs))
		for name, err := range errs {
			assert.True(t, errors.Is(err, context.Canceled))
			assert.NotErrorIs(t, err, ErrPanic)
			if _, started := ran.Load(name); !started {
				assert.ErrorIs(t, err, ErrNotStarted, name)
				assert.ErrorContains(t, err, name+": not started: context canceled")
			}
		}
	})
}

func TestParseUsesRegistry(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(t)
	v, err := d.Parse(context.Background(), "show version")
	require.NoError(t, err)
	sv, ok := v.(*nxos.ShowVersion)
	require.True(t, ok, "%T", v)
	assert.Equal(t, "10.2(3)", sv.Platform.Software.SystemVersion)

	_, err = d.Parse(context.Background(), "show clock")
	assert.ErrorIs(t, err, parsers.ErrNoParser)
	_, err = d.Parse(context.Background(), "show nonsense")
	var ce *CommandError
	assert.ErrorAs(t, err, &ce)
}

// writeKey writes a fresh ed25519 private key in OpenSSH format.
func writeKey(t *testing.T) (string, ssh.Signer) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	block, err := ssh.MarshalPrivateKey(priv, "")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "id_ed25519")
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(block), 0o600))
	signer, err := ssh.NewSignerFromKey(priv)
	require.NoError(t, err)
	return path, signer
}

func TestTranscriptCap(t *testing.T) {
	l := newLab(t, sshtest.Config{}, "nxos", "")
	o := l.opts()
	o.TranscriptMaxBytes = 5000
	d := l.device(t, o)
	require.NoError(t, d.Connect(context.Background()))
	for range 3 {
		_, err := d.Execute(context.Background(), "show bytes 3000")
		require.NoError(t, err)
	}
	tr := d.Transcript()
	require.Len(t, tr, 5)
	last := tr[len(tr)-1]
	assert.NotEmpty(t, last.Output, "the newest output is kept")
	assert.Empty(t, tr[2].Output, "older outputs are dropped past the cap")
	assert.Greater(t, tr[2].Bytes, 3000, "sizes stay")
	total := 0
	for _, e := range tr {
		total += len(e.Output)
	}
	assert.LessOrEqual(t, total, 5000)
}

func TestInteractIdleTimeoutLeavesCommandRunning(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	o := l.opts()
	o.AllowWrites = true
	o.CommandTimeout = 100 * time.Millisecond
	d := l.device(t, o)
	require.NoError(t, d.Connect(context.Background()))
	_, err := d.Interact(context.Background(), "hang", nil, nil)
	require.ErrorIs(t, err, ErrTimeout)
	assert.False(t, d.Connected(), "the session is given up, not interrupted")
	_, err = d.Execute(context.Background(), "show clock")
	require.ErrorIs(t, err, ErrDisconnected)
	require.NoError(t, d.Reconnect(context.Background()))
	out, err := d.Execute(context.Background(), "show clock")
	require.NoError(t, err)
	assert.NotEmpty(t, out)
}

func TestTranscriptEntriesBounded(t *testing.T) {
	tests := []struct {
		name       string
		maxEntries int // Options value
		want       int // entries kept at most
	}{
		{"default", 0, DefaultTranscriptMaxEntries},
		{"configured", 40, 40},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &Device{red: newRedactor(nil)}
			d.opts.TranscriptMaxBytes = 100
			d.opts.TranscriptMaxEntries = tc.maxEntries
			n := tc.want*3 + 7
			for i := 0; i < n; i++ {
				d.record(fmt.Sprintf("show x %d", i), time.Now(), []byte("0123456789"), nil)
				require.LessOrEqual(t, len(d.transcript), tc.want)
			}
			tr := d.Transcript()
			assert.GreaterOrEqual(t, len(tr), tc.want*3/4, "at most a quarter is dropped at once")
			assert.Equal(t, fmt.Sprintf("show x %d", n-1), tr[len(tr)-1].Command, "the newest entry is kept")
			assert.Equal(t, fmt.Sprintf("show x %d", n-len(tr)), tr[0].Command, "the oldest entries are dropped first")
			total := 0
			for _, e := range tr {
				total += len(e.Output)
			}
			assert.LessOrEqual(t, total, 100)
			assert.Equal(t, total, d.trBytes, "the byte count follows the entries dropped")
		})
	}
}

func TestTranscriptLimits(t *testing.T) {
	t.Run("no transcript", func(t *testing.T) {
		d := &Device{red: newRedactor(nil)}
		d.opts.TranscriptMaxEntries = -1
		d.record("show x", time.Now(), []byte("out"), nil)
		assert.Empty(t, d.Transcript())
	})
	t.Run("an output over the limit is not kept", func(t *testing.T) {
		d := &Device{red: newRedactor(nil)}
		d.opts.TranscriptMaxBytes = 4
		d.record("show small", time.Now(), []byte("abc"), nil)
		d.record("show big", time.Now(), []byte("0123456789"), nil)
		tr := d.Transcript()
		require.Len(t, tr, 2)
		assert.Equal(t, "abc", tr[0].Output, "the older output stays: the big one never entered")
		assert.Empty(t, tr[1].Output)
		assert.Equal(t, 10, tr[1].Bytes, "its size is still recorded")
	})
}

func TestRedactor(t *testing.T) {
	r := newRedactor([]string{"s3cret", "", "s3cret-long", "other", "s3cret"})
	cases := []struct{ name, in, want string }{
		{"none", "show version\nNXOS 10.2\n", "show version\nNXOS 10.2\n"},
		{"one", "password s3cret\n", "password *****\n"},
		{"longest first", "key s3cret-long and s3cret", "key ***** and *****"},
		{"second secret only", "a other b", "a ***** b"},
		{"adjacent", "s3crets3cret", "**********"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, r.redact(tc.in))
			err := r.err(errors.New(tc.in))
			assert.Equal(t, tc.want, err.Error())
		})
	}
	t.Run("no secrets", func(t *testing.T) {
		assert.Equal(t, "s3cret", newRedactor(nil).redact("s3cret"))
		var none *redactor
		assert.Equal(t, "s3cret", none.redact("s3cret"))
	})
}

// TestInteractPagerRightAfterAnswer: a device that does not echo the
// answer and pages at once. The pager is cut from the output together with
// the space before it, which was part of the answered question: the output
// is shorter than where answers were looked for, and slicing it there
// panicked.
func TestInteractPagerRightAfterAnswer(t *testing.T) {
	l := newLab(t, sshtest.Config{}, "nxos", "")
	d := l.device(t, func() Options { o := l.opts(); o.AllowWrites = true; return o }())
	require.NoError(t, d.Connect(context.Background()))
	out, err := d.Interact(context.Background(), "ask pager",
		[]Answer{{Pattern: regexp.MustCompile(`\[y/n\]\s*$`), Reply: "y"}}, nil)
	require.NoError(t, err)
	assert.Contains(t, out, "done")
}

func TestStreamRedactor(t *testing.T) {
	r := newRedactor([]string{"s3cret", "s3cret-long", "pw"})
	texts := []string{
		"install all: password s3cret accepted\n",
		"key s3cret-long then s3cret then pw, s3cre and s3cret-lon end",
		"s3cret",
		"no secret at all in this text",
		"ends with a partial s3cr",
		"",
	}
	for _, text := range texts {
		want := r.redact(text)
		// Every way to cut the text in two or three chunks.
		for i := 0; i <= len(text); i++ {
			for j := i; j <= len(text); j++ {
				var b strings.Builder
				s := &streamRedactor{red: r, w: &b}
				for _, c := range []string{text[:i], text[i:j], text[j:]} {
					require.NoError(t, s.Write([]byte(c)))
				}
				require.NoError(t, s.Close())
				if b.String() != want {
					t.Fatalf("%q cut at %d,%d: got %q, want %q", text, i, j, b.String(), want)
				}
			}
		}
	}
	t.Run("one byte at a time", func(t *testing.T) {
		text := texts[1]
		var b strings.Builder
		s := &streamRedactor{red: r, w: &b}
		for i := range len(text) {
			require.NoError(t, s.Write([]byte{text[i]}))
			assert.NotContains(t, b.String(), "s3cret")
		}
		require.NoError(t, s.Close())
		assert.Equal(t, r.redact(text), b.String())
	})
	t.Run("only a possible start is held back", func(t *testing.T) {
		var b strings.Builder
		s := &streamRedactor{red: r, w: &b}
		require.NoError(t, s.Write([]byte("Do you want to continue? (y/n) [n] ")))
		assert.Equal(t, "Do you want to continue? (y/n) [n] ", b.String(), "a question is shown whole")
		require.NoError(t, s.Write([]byte("key s3c")))
		assert.Equal(t, "Do you want to continue? (y/n) [n] key ", b.String(), "\"s3c\" may start a secret")
		require.NoError(t, s.Write([]byte("ret done")))
		require.NoError(t, s.Close())
		assert.Equal(t, "Do you want to continue? (y/n) [n] key ***** done", b.String())
	})
	t.Run("no secrets", func(t *testing.T) {
		var b strings.Builder
		s := &streamRedactor{red: newRedactor(nil), w: &b}
		require.NoError(t, s.Write([]byte("abc")))
		assert.Equal(t, "abc", b.String(), "nothing held back")
	})
	t.Run("write error", func(t *testing.T) {
		s := &streamRedactor{red: r, w: errWriter{}}
		require.Error(t, s.Write([]byte("some output long enough")))
		require.Error(t, s.Close())
	})
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestInteractStreamRedacted: the streamed output hides the password and
// ends with everything, the bytes held back for a split secret included.
func TestInteractStreamRedacted(t *testing.T) {
	l := newLab(t, sshtest.Config{Commands: canned}, "nxos", "")
	d := l.connected(t)
	var stream strings.Builder
	out, err := d.Interact(context.Background(), "show running-config", nil, &stream)
	require.NoError(t, err)
	assert.Contains(t, out, "username netops password 0 *****")
	assert.NotContains(t, stream.String(), testPassword)
	assert.Contains(t, stream.String(), "username netops password 0 *****")
	assert.True(t, strings.HasSuffix(strings.TrimSpace(stream.String()), "#"), "the prompt, last, was written: %q", stream.String())
}
