package orchestrate

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goissu/goissu/devices"
	"github.com/goissu/goissu/fixtures/sim/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInstallLab(t *testing.T) {
	cases := []struct {
		name      string
		device    string
		threeStep bool
		want      []string // install lines the device must have received, in order
		console   string   // text the orchestration log must hold
	}{
		{"nxos install all", "CHASSIS_A", false, []string{"install all nxos bootflash:nxos64-cs.10.4.3.F.bin"}, "Switching over onto standby"},
		{"iosxe one-shot", "EDGE1", false, []string{"install add file bootflash:asr1000rpx86-universalk9.17.12.03.SPA.bin activate issu commit"}, "STAGE 4"},
		{"iosxe three steps with rollback timer", "EDGE1", true, []string{
			"install add file bootflash:asr1000rpx86-universalk9.17.12.03.SPA.bin", "install activate issu", "install commit"}, "SUCCESS: install_commit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := startLab(t, "clean-issu")
			d := e.device(t, c.device, true)
			var log bytes.Buffer
			opts := e.installOptions()
			opts.Image, opts.ThreeStep, opts.Log = e.image(c.device), c.threeStep, &log
			res, err := Install(context.Background(), d, opts)
			require.NoError(t, err, "log:\n%s", log.String())
			assert.Equal(t, InstallSuccess, res.Status)
			assert.True(t, res.Switchover, "the switchover drops the session")
			assert.Equal(t, c.want, res.Commands)
			assert.Equal(t, c.want, installCommands(e.lab, c.device))
			assert.Contains(t, log.String(), c.console)
			if c.threeStep {
				assert.Regexp(t, `^Auto abort timer: active on install_activate, time before rollback - \d\d:\d\d:\d\d$`, res.RollbackTimer)
				sum, err := d.Execute(context.Background(), "show install summary")
				require.NoError(t, err)
				assert.Contains(t, sum, "Auto abort timer: inactive", "the commit stops the timer")
				assert.Regexp(t, `(?m)^IMG\s+C\s+17\.12\.03`, sum)
			}
			ver, err := d.Execute(context.Background(), "show version")
			require.NoError(t, err)
			assert.Contains(t, ver, map[string]string{"CHASSIS_A": "10.4(3)", "EDGE1": "17.12.03"}[c.device])
		})
	}
}

func TestInstallDisruptiveImpact(t *testing.T) {
	scenario, err := filepath.Abs("testdata/disruptive-only.yaml")
	require.NoError(t, err)
	cases := []struct {
		name    string
		allow   bool
		wantErr error
		answer  string
	}{
		{"refused unless allowed", false, ErrDisruptive, "n"},
		{"allowed by policy", true, nil, "y"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := startLab(t, scenario)
			d := e.device(t, "CHASSIS_A", true)
			var log bytes.Buffer
			opts := e.installOptions()
			opts.Image, opts.AllowDisruptive, opts.Log = e.image("CHASSIS_A"), c.allow, &log
			res, err := Install(context.Background(), d, opts)
			cmds := e.lab.Commands("CHASSIS_A")
			require.Contains(t, cmds, "install all nxos bootflash:nxos64-cs.10.4.3.F.bin")
			i := indexOf(cmds, "install all nxos bootflash:nxos64-cs.10.4.3.F.bin")
			require.Less(t, i+1, len(cmds), "an answer follows the question")
			assert.Equal(t, c.answer, cmds[i+1])
			assert.Contains(t, log.String(), "Switch will be reloaded for disruptive upgrade.")
			if c.wantErr != nil {
				require.ErrorIs(t, err, c.wantErr)
				assert.Equal(t, InstallRefused, res.Status)
				st, err := d.Execute(context.Background(), "show version")
				require.NoError(t, err)
				assert.Contains(t, st, "10.2(3)", "nothing was installed")
				return
			}
			require.NoError(t, err, "log:\n%s", log.String())
			assert.Equal(t, InstallSuccess, res.Status)
		})
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func TestLogFileKeepsWhatArrived(t *testing.T) {
	e := &labEnv{}
	var err error
	e.run, err = openTestRun(t)
	require.NoError(t, err)
	w, rel, err := LogFile(e.run, "CHASSIS_A")
	require.NoError(t, err)
	assert.Equal(t, "orchestrate/CHASSIS_A.log", rel)
	_, err = w.Write([]byte("Install is in progress, please wait.\n"))
	require.NoError(t, err)
	// Readable before Close: nothing sits in a buffer.
	b, err := os.ReadFile(filepath.Join(e.run.Dir, rel))
	require.NoError(t, err)
	assert.Equal(t, "Install is in progress, please wait.\n", string(b))
	require.NoError(t, w.Close())
	_, _, err = LogFile(e.run, "../escape")
	assert.Error(t, err)
}

func TestXETimer(t *testing.T) {
	cases := []struct {
		in   string
		line string
		left time.Duration
	}{
		{"Auto abort timer: active on install_activate, time before rollback - 01:49:42\n", "Auto abort timer: active on install_activate, time before rollback - 01:49:42", time.Hour + 49*time.Minute + 42*time.Second},
		{"---\nAuto abort timer: inactive\n---\n", "Auto abort timer: inactive", 0},
		{"garbage", "", 0},
	}
	for _, c := range cases {
		t.Run(strings.Fields(c.in + " x")[0], func(t *testing.T) {
			line, left := xeTimer(c.in)
			assert.Equal(t, c.line, line)
			assert.Equal(t, c.left, left)
		})
	}
}

func TestInstallFailures(t *testing.T) {
	disruptive, err := filepath.Abs("testdata/disruptive-only.yaml")
	require.NoError(t, err)
	missing := func(threeStep bool) func(t *testing.T, e *labEnv, opts *InstallOptions) {
		return func(t *testing.T, e *labEnv, opts *InstallOptions) {
			opts.Image, opts.ThreeStep = "asr1000rpx86-universalk9.99.99.99.SPA.bin", threeStep
		}
	}
	cases := []struct {
		name     string
		scenario string
		device   string
		setup    func(t *testing.T, e *labEnv, opts *InstallOptions)
		want     error
		status   string
		msg      string
	}{
		{"install aborted before the switchover", "issu-aborted-rollback", "CHASSIS_A", nil, ErrInstallFailed, InstallFailed, "Module 28 failed to come online"},
		{"non-disruptive refused by the device", disruptive, "CHASSIS_A", func(t *testing.T, e *labEnv, opts *InstallOptions) {
			opts.NonDisruptive, opts.AllowDisruptive = true, true
		}, ErrInstallFailed, InstallFailed, "Upgrade needs to be disruptive"},
		{"no session within the reconnect limit", "clean-issu", "CHASSIS_A", func(t *testing.T, e *labEnv, opts *InstallOptions) {
			// From 600 s after the start (before the switchover at 690 s)
			// the device takes no new connection for ten virtual hours.
			require.NoError(t, e.lab.Inject("CHASSIS_A", model.FaultSpec{Kind: "refuse-connections", At: 600 * time.Second, Duration: 10 * time.Hour}))
			opts.ReconnectTimeout = 300 * time.Millisecond
		}, nil, InstallError, "reconnect after the switchover (limit 300ms)"},
		{"iosxe one-shot refused by the device", "clean-issu", "EDGE1", missing(false), ErrInstallFailed, InstallFailed, "No such file or directory"},
		{"iosxe install add refused by the device", "clean-issu", "EDGE1", missing(true), ErrInstallFailed, InstallFailed, "install add: install failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := startLab(t, c.scenario)
			d := e.device(t, c.device, true)
			var log bytes.Buffer
			opts := e.installOptions()
			opts.Image, opts.Log = e.image(c.device), &log
			if c.setup != nil {
				c.setup(t, e, &opts)
			}
			res, err := Install(context.Background(), d, opts)
			require.Error(t, err)
			if c.want != nil {
				assert.ErrorIs(t, err, c.want)
			}
			assert.Equal(t, c.status, res.Status)
			assert.Contains(t, err.Error(), c.msg)
			assert.Contains(t, log.String(), "### goissu: install on "+c.device+" ended: "+c.status)
			for _, cmd := range e.lab.Commands(c.device) {
				assert.NotRegexp(t, `^install all nxos bootflash:nxos64-cs\.10\.2|^install (abort|rollback)`, cmd, "goissu never rolls back by itself")
			}
		})
	}
}

// dropper is an install session that drops as soon as the command is sent,
// before the installer printed anything, and then answers status reads.
type dropper struct {
	status   string
	commands []string
}

func (f *dropper) Name() string                    { return "CHASSIS_A" }
func (f *dropper) OS() string                      { return "nxos" }
func (f *dropper) ExpectDisconnect(bool)           {}
func (f *dropper) Reconnect(context.Context) error { return nil }
func (f *dropper) Execute(_ context.Context, cmd string) (string, error) {
	f.commands = append(f.commands, cmd)
	return f.status, nil
}
func (f *dropper) Interact(_ context.Context, cmd string, _ []devices.Answer, _ io.Writer) (string, error) {
	f.commands = append(f.commands, cmd)
	return "", fmt.Errorf("CHASSIS_A: %w", devices.ErrDisconnected)
}

func TestInstallDroppedBeforeStart(t *testing.T) {
	const img = "nxos64-cs.10.4.3.F.bin"
	cases := []struct {
		name   string
		status string
		want   string
		err    error
	}{
		{"an earlier install's success is not this one", "Install has been successful.\n", InstallFailed, ErrInstallFailed},
		{"no install data", "No install all data found\n", InstallFailed, ErrInstallFailed},
		{"this image's install succeeded", "Verifying image bootflash:/" + img + " for boot variable \"nxos\".\n -- SUCCESS\nInstall has been successful.\n", InstallSuccess, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &dropper{status: c.status}
			res, err := Install(context.Background(), f, InstallOptions{Image: img, PollInterval: time.Millisecond, Timeout: 5 * time.Second})
			assert.Equal(t, c.want, res.Status)
			assert.True(t, res.Switchover)
			assert.Equal(t, []string{"install all nxos bootflash:" + img, "show install all status"}, f.commands)
			if c.err == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, c.err)
		})
	}
}

// xeScript is an IOS-XE install session whose answers the test scripts:
// show install summary answers summaries in turn, install commands answer
// from replies.
type xeScript struct {
	summaries []string
	replies   map[string]string
	commands  []string
}

func (f *xeScript) Name() string                    { return "EDGE1" }
func (f *xeScript) OS() string                      { return "iosxe" }
func (f *xeScript) ExpectDisconnect(bool)           {}
func (f *xeScript) Reconnect(context.Context) error { return nil }
func (f *xeScript) Execute(_ context.Context, cmd string) (string, error) {
	f.commands = append(f.commands, cmd)
	if cmd == "show install summary" && len(f.summaries) > 0 {
		s := f.summaries[0]
		if len(f.summaries) > 1 {
			f.summaries = f.summaries[1:]
		}
		return s, nil
	}
	return "", nil
}
func (f *xeScript) Interact(_ context.Context, cmd string, _ []devices.Answer, _ io.Writer) (string, error) {
	f.commands = append(f.commands, cmd)
	return f.replies[strings.Fields(cmd)[1]], nil
}

func TestInstallThreeStepTimerGate(t *testing.T) {
	const img = "asr1000rpx86-universalk9.17.12.03.SPA.bin"
	committed := "IMG   C    17.09.04a.0.6\nAuto abort timer: inactive\n"
	activated := "IMG   U    17.12.03.0.1\nIMG   D    17.09.04a.0.6\nAuto abort timer: active on install_activate, time before rollback - 01:59:10\n"
	expired := "IMG   U    17.12.03.0.1\nAuto abort timer: active on install_activate, time before rollback - 00:00:00\n"
	done := "IMG   C    17.12.03.0.1\nAuto abort timer: inactive\n"
	replies := map[string]string{
		"add":      "install_add: START\nSUCCESS: install_add  Fri Nov 27 20:19:22 UTC 2026\n",
		"activate": "install_activate: START\nFinished Activate ISSU\nSUCCESS: install_activate  Fri Nov 27 20:44:02 UTC 2026\n",
		"commit":   "install_commit: START\nSUCCESS: install_commit  Fri Nov 27 20:45:02 UTC 2026\n",
	}
	cases := []struct {
		name       string
		summaries  []string
		want       error
		commitSent bool
	}{
		{"timer running: commit", []string{committed, activated, done}, nil, true},
		{"timer not running after activate: no commit", []string{committed, committed}, ErrRollbackTimer, false},
		{"timer run out: no commit", []string{committed, expired}, ErrRollbackTimer, false},
		{"timer still running after commit", []string{committed, activated, activated}, ErrInstallFailed, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &xeScript{summaries: c.summaries, replies: replies}
			res, err := Install(context.Background(), f, InstallOptions{Image: img, ThreeStep: true, PollInterval: time.Millisecond, Timeout: 5 * time.Second})
			assert.Equal(t, c.commitSent, indexOf(f.commands, "install commit") >= 0)
			if c.want == nil {
				require.NoError(t, err)
				assert.Equal(t, InstallSuccess, res.Status)
				assert.Contains(t, res.RollbackTimer, "01:59:10")
				return
			}
			assert.ErrorIs(t, err, c.want)
			assert.Equal(t, InstallFailed, res.Status)
		})
	}
}
