package issu

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu/policy"
)

func testPolicy() *policy.Policy {
	p := policy.Default()
	p.TargetImage = "nxos64-cs.10.4.3.F.bin"
	p.CriticalPrefixes = []policy.Prefix{{VRF: "default", Prefix: "10.99.0.0/24"}}
	p.Probes = []policy.Probe{{Destination: "10.1.1.6", VRF: "default"}}
	return p
}

func TestProfileExpand(t *testing.T) {
	pol := testPolicy()
	pol.VRFs = []string{"default", "RED"}
	nx := ProfileFor("NXOS", pol).Expand(VarsFromPolicy(pol))
	cmds := map[string]string{}
	for _, c := range nx {
		cmds[c.Label] = c.Command
	}
	assert.Equal(t, "show install all impact nxos bootflash:nxos64-cs.10.4.3.F.bin", cmds[LabelInstallImpact])
	assert.Equal(t, "show incompatibility-all nxos bootflash:nxos64-cs.10.4.3.F.bin", cmds[LabelIncompatibility])
	assert.Equal(t, "ping 10.1.1.6 vrf default", cmds["ping_default_10.1.1.6"])
	assert.Equal(t, "show bgp vrf all all summary", cmds[LabelBGPSummary])

	xe := ProfileFor("iosxe", pol).Expand(VarsFromPolicy(pol))
	cmds = map[string]string{}
	for _, c := range xe {
		cmds[c.Label] = c.Command
	}
	assert.Equal(t, "show ip cef 10.99.0.0/24", cmds["cef_default_10.99.0.0_24"])
	assert.Equal(t, "show ip route vrf RED", cmds["routes_vrf_RED"])
	assert.Equal(t, "ping 10.1.1.6", cmds["ping_default_10.1.1.6"])

	// Checksum commands only when the policy gives a checksum.
	assert.NotContains(t, cmds, LabelImageChecksum)
	pol.ImageMD5 = "abc"
	cmds = map[string]string{}
	for _, c := range ProfileFor("nxos", pol).Expand(VarsFromPolicy(pol)) {
		cmds[c.Label] = c.Command
	}
	assert.Equal(t, "show file bootflash:nxos64-cs.10.4.3.F.bin md5sum", cmds[LabelImageChecksum])
	assert.NotContains(t, cmds, LabelImageSHA256)
	// Without a target image, image commands are left out.
	nx = ProfileFor("nxos", nil).Expand(Vars{})
	for _, c := range nx {
		assert.NotContains(t, c.Command, "{")
		assert.NotEqual(t, LabelInstallImpact, c.Label)
	}
	// Unknown OS: generic profile; override from the policy wins.
	g := ProfileFor("panos", nil)
	assert.True(t, g.Generic)
	pol.Commands = map[string][]policy.Command{"panos": {{Label: "sysinfo", Command: "show system info"}}}
	g = ProfileFor("panos", pol)
	require.Len(t, g.Commands, 1)
	assert.Equal(t, "sysinfo", g.Commands[0].Label)
	// Every label is a valid file name.
	for _, os := range ProfileOSes() {
		for _, c := range ProfileFor(os, pol).Expand(VarsFromPolicy(pol)) {
			assert.NoError(t, ValidateName(c.Label+".json"), "%s %s", os, c.Label)
		}
	}
}

func TestTakeSnapshot(t *testing.T) {
	base := runtime.NumGoroutine()
	run, err := OpenRun(t.TempDir(), "snap")
	require.NoError(t, err)
	g := newGauge(3)
	var targets []Target
	for i := 0; i < 12; i++ {
		targets = append(targets, &fakeTarget{name: fmt.Sprintf("N%02d", i), os: "nxos", gauge: g})
	}
	down := &fakeTarget{name: "DOWN", os: "nxos", fail: errUnreachable}
	hung := &fakeTarget{name: "HUNG", os: "nxos", hang: "show cores"}
	fw := &fakeTarget{name: "FW1", os: "panos", outputs: map[string]string{"show version": "% Unknown command: show version\n"}}
	// devices.Device returns a CLI rejection as an error: the session is
	// fine, so it neither counts towards giving up nor reconnects.
	picky := &fakeTarget{name: "PICKY", os: "nxos", failCmd: map[string]error{
		"show boot mode": errors.New(`PICKY: "show boot mode": device error: % Invalid command at '^' marker.`),
		"show cores":     errors.New(`PICKY: "show cores": device error: % Invalid command at '^' marker.`),
		"dir bootflash:": errors.New(`PICKY: "dir bootflash:": device error: % Invalid command at '^' marker.`),
		"show boot":      errors.New(`PICKY: "show boot": device error: % Invalid command at '^' marker.`),
	}}
	targets = append(targets, down, hung, fw, picky, &fakeTarget{name: "../evil", os: "nxos"})

	snap, err := TakeSnapshot(context.Background(), targets, Pre, SnapshotOptions{
		Run: run, Policy: testPolicy(), Concurrency: 3, CommandTimeout: 50 * time.Millisecond,
	})
	require.NoError(t, err)

	t.Run("concurrency bound respected and reached", func(t *testing.T) {
		assert.Equal(t, int64(3), g.max.Load())
	})
	t.Run("healthy devices collected", func(t *testing.T) {
		ds := snap.Devices["N00"]
		require.NotNil(t, ds)
		assert.Empty(t, ds.Error)
		want := len(ProfileFor("nxos", nil).Expand(VarsFromPolicy(testPolicy())))
		assert.Len(t, ds.Commands, want)
		for _, c := range ds.Commands {
			assert.Contains(t, []string{RecordOK, RecordNotParsed, RecordParseError, RecordEmpty}, c.Status, c.Label)
			assert.FileExists(t, filepath.Join(run.Dir, "pre", "N00", c.Label+".txt"))
		}
		assert.FileExists(t, filepath.Join(run.Dir, "pre", "N00", "snapshot.json"))
	})
	t.Run("failing device is a finding", func(t *testing.T) {
		ds := snap.Devices["DOWN"]
		require.NotNil(t, ds)
		assert.Contains(t, ds.Error, "not run")
		var statuses []string
		for _, c := range ds.Commands {
			statuses = append(statuses, c.Status)
		}
		assert.Equal(t, []string{RecordError, RecordError, RecordError}, statuses[:3])
		assert.Equal(t, RecordNotRun, statuses[3])
		assert.Len(t, down.executed, 3, "gave up after 3 consecutive failures")
		assert.True(t, hasFinding(snap.Findings, "DOWN", "snapshot"))
	})
	t.Run("hung command hits its timeout, others collected", func(t *testing.T) {
		ds := snap.Devices["HUNG"]
		require.NotNil(t, ds)
		rec, ok := ds.Record(LabelCores)
		require.True(t, ok)
		assert.Equal(t, RecordError, rec.Status)
		assert.Contains(t, rec.Error, "timed out after 50ms")
		after, ok := ds.Record(LabelRunningConfig)
		require.True(t, ok)
		assert.NotEqual(t, RecordError, after.Status)
		assert.Empty(t, ds.Error)
	})
	t.Run("unknown OS gets raw outputs and not parsed", func(t *testing.T) {
		ds := snap.Devices["FW1"]
		require.NotNil(t, ds)
		assert.True(t, ds.Generic)
		assert.Contains(t, ds.Note, "not parsed")
		rc, ok := ds.Record(LabelRunningConfig)
		require.True(t, ok)
		assert.Equal(t, RecordNotParsed, rc.Status)
		assert.Contains(t, rc.Note, "not parsed")
		assert.Equal(t, "output of show running-config on FW1\n", ds.Raw[LabelRunningConfig])
		v, _ := ds.Record(LabelVersion)
		assert.Equal(t, RecordError, v.Status, "a rejected command is an error, not output")
		assert.Contains(t, v.Error, "rejected")
	})
	t.Run("rejected commands are not transport failures", func(t *testing.T) {
		ds := snap.Devices["PICKY"]
		require.NotNil(t, ds)
		assert.Empty(t, ds.Error)
		rec, _ := ds.Record(LabelRunningConfig)
		assert.NotEqual(t, RecordNotRun, rec.Status)
		rec, _ = ds.Record(LabelCores)
		assert.Equal(t, RecordError, rec.Status)
		assert.Contains(t, rec.Error, "Invalid command")
	})
	t.Run("hostile device name refused", func(t *testing.T) {
		assert.NotContains(t, snap.Devices, "../evil")
		assert.True(t, hasFinding(snap.Findings, "../evil", "snapshot"))
		_, err := os.Stat(filepath.Join(run.Dir, "evil"))
		assert.True(t, os.IsNotExist(err))
	})
	t.Run("manifest records timing, bytes, parser", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(run.Dir, "pre", "N01", "snapshot.json"))
		require.NoError(t, err)
		var m Manifest
		require.NoError(t, json.Unmarshal(b, &m))
		assert.Equal(t, "nxos", m.OS)
		assert.Equal(t, Pre, m.Phase)
		require.NotEmpty(t, m.Commands)
		assert.Equal(t, len("output of show version on N01\n"), m.Commands[0].Bytes)
		assert.False(t, m.Commands[0].Start.IsZero())
		assert.GreaterOrEqual(t, m.Commands[0].DurationMS, 0.0)
	})
	t.Run("round trip", func(t *testing.T) {
		back, err := LoadSnapshot(filepath.Join(run.Dir, "pre"))
		require.NoError(t, err)
		assert.Equal(t, Pre, back.Phase)
		assert.Equal(t, snap.DeviceNames(), back.DeviceNames())
		for name, ds := range snap.Devices {
			assert.Equal(t, ds.Raw, back.Devices[name].Raw, name)
			assert.Equal(t, len(ds.AllParsed()), len(back.Devices[name].AllParsed()), name)
			assert.Equal(t, len(ds.Commands), len(back.Devices[name].Commands), name)
		}
		assert.True(t, hasFinding(back.Findings, "DOWN", "snapshot"))
	})
	waitGoroutines(t, base)
}

func TestTakeSnapshotErrors(t *testing.T) {
	_, err := TakeSnapshot(context.Background(), nil, Pre, SnapshotOptions{})
	assert.Error(t, err, "run required")
	run, err := OpenRun(t.TempDir(), "r")
	require.NoError(t, err)
	_, err = TakeSnapshot(context.Background(), nil, Phase("../x"), SnapshotOptions{Run: run})
	assert.Error(t, err)
	dup := []Target{&fakeTarget{name: "A", os: "nxos"}, &fakeTarget{name: "A", os: "nxos"}}
	_, err = TakeSnapshot(context.Background(), dup, Pre, SnapshotOptions{Run: run})
	assert.ErrorContains(t, err, "twice")
}

func TestTakeSnapshotCancelled(t *testing.T) {
	run, err := OpenRun(t.TempDir(), "r")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	snap, err := TakeSnapshot(ctx, []Target{&fakeTarget{name: "A", os: "nxos"}}, Pre, SnapshotOptions{Run: run})
	require.NoError(t, err)
	ds := snap.Devices["A"]
	require.NotNil(t, ds)
	assert.Contains(t, ds.Error, "context canceled")
}

func TestLoadSnapshotMissing(t *testing.T) {
	_, err := LoadSnapshot(filepath.Join(t.TempDir(), "pre"))
	assert.ErrorIs(t, err, ErrNoSnapshot)
}

func hasFinding(fs []Finding, device, id string) bool {
	for _, f := range fs {
		if f.Device == device && f.ID == id {
			return true
		}
	}
	return false
}

func BenchmarkTakeSnapshot(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("devices=%d", n), func(b *testing.B) {
			targets := make([]Target, n)
			for i := range targets {
				targets[i] = &fakeTarget{name: fmt.Sprintf("D%04d", i), os: "nxos", outputs: map[string]string{}}
			}
			pol := testPolicy()
			root := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				run, err := OpenRun(root, fmt.Sprintf("r%d", i))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := TakeSnapshot(context.Background(), targets, Pre, SnapshotOptions{Run: run, Policy: pol}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/device")
		})
	}
}

// TestLoadSnapshotDamagedFiles: one device's hand-edited or cut parsed
// artifact, or its unreadable manifest, used to fail the whole phase (the
// post phase of every device, BuildReport's diffs). Now only what is
// damaged is lost, with an error naming the file.
func TestLoadSnapshotDamagedFiles(t *testing.T) {
	ver, err := os.ReadFile(filepath.Join("..", "fixtures", "outputs", "nxos", "show_version", "n9508_dual_sup_crlf.txt"))
	require.NoError(t, err)
	run, err := OpenRun(t.TempDir(), "r")
	require.NoError(t, err)
	var targets []Target
	for _, n := range []string{"N1", "N2", "N3"} {
		targets = append(targets, &fakeTarget{name: n, os: "nxos", outputs: map[string]string{"show version": string(ver)}})
	}
	pol := testPolicy()
	_, err = TakeSnapshot(context.Background(), targets, Pre, SnapshotOptions{Run: run, Policy: pol})
	require.NoError(t, err)
	dir := filepath.Join(run.Dir, "pre")
	require.FileExists(t, filepath.Join(dir, "N1", "version.json"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "N1", "version.json"), []byte(`{"platform": {"os": "NX`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "N2", "snapshot.json"), []byte(`{"device": "N2", "commands": [`), 0o644))

	back, err := LoadSnapshot(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{"N1", "N2", "N3"}, back.DeviceNames())

	n1 := back.Devices["N1"]
	rec, ok := n1.Record(LabelVersion)
	require.True(t, ok)
	assert.Equal(t, RecordError, rec.Status)
	assert.Contains(t, rec.Error, "N1/version.json")
	assert.Nil(t, n1.Parsed(LabelVersion))
	assert.Equal(t, string(ver), n1.Raw[LabelVersion], "the raw output is kept")

	n2 := back.Devices["N2"]
	assert.Contains(t, n2.Error, "N2/snapshot.json")
	assert.True(t, hasFinding(back.Findings, "N2", "snapshot"))

	assert.NotNil(t, back.Devices["N3"].Parsed(LabelVersion), "the others load whole")

	// The report names the lost manifest too (it used to skip it quietly).
	rep, err := BuildReport(run.Dir, nil)
	require.NoError(t, err)
	var msgs []string
	for _, f := range rep.Findings {
		if f.Device == "N2" && f.ID == "snapshot" {
			msgs = append(msgs, f.Message)
		}
	}
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], "N2/snapshot.json")
}

// TestTakeSnapshotDevicePanic: a panic while collecting one device (a bug
// on its output) killed the whole snapshot and every device's data with
// it. Now that device's snapshot ends with an error naming the panic and
// its manifest is written; the other devices are collected whole.
func TestTakeSnapshotDevicePanic(t *testing.T) {
	pol := testPolicy()
	cmds := ProfileFor("nxos", pol).Expand(VarsFromPolicy(pol))
	require.Greater(t, len(cmds), 2)
	run, err := OpenRun(t.TempDir(), "r")
	require.NoError(t, err)
	targets := []Target{
		&fakeTarget{name: "N1", os: "nxos", panicCmd: cmds[1].Command},
		&fakeTarget{name: "N2", os: "nxos"},
	}
	snap, err := TakeSnapshot(context.Background(), targets, Pre, SnapshotOptions{Run: run, Policy: pol})
	require.NoError(t, err)
	n1 := snap.Devices["N1"]
	require.NotNil(t, n1)
	assert.Contains(t, n1.Error, "panic")
	assert.Contains(t, n1.Error, cmds[1].Command)
	_, ok := n1.Record(cmds[0].Label)
	assert.True(t, ok, "what was collected before is kept")
	assert.True(t, hasFinding(snap.Findings, "N1", "snapshot"))
	assert.Len(t, snap.Devices["N2"].Commands, len(cmds))
	// Every command is accounted for: the one that panicked as an error,
	// the rest as not run.
	require.Len(t, n1.Commands, len(cmds))
	assert.Contains(t, []string{RecordOK, RecordEmpty}, n1.Commands[0].Status, "collected before the panic")
	assert.Equal(t, RecordError, n1.Commands[1].Status)
	assert.Contains(t, n1.Commands[1].Error, "panic")
	for _, rec := range n1.Commands[2:] {
		assert.Equal(t, RecordNotRun, rec.Status, rec.Label)
	}

	back, err := LoadSnapshot(filepath.Join(run.Dir, "pre"))
	require.NoError(t, err)
	assert.Contains(t, back.Devices["N1"].Error, "panic", "the manifest was written")
}

// TestLoadSnapshotCopiedDeviceDir: an engineer keeps a copy of a device's
// directory (pre/N1.bak) before retaking it. Its manifest still names N1,
// and the copy, read after N1/, silently replaced N1's snapshot. Such a
// directory is now skipped with an info finding (loading it as a device
// "N1.bak" made every post-check fail for a device that does not exist).
func TestLoadSnapshotCopiedDeviceDir(t *testing.T) {
	run, err := OpenRun(t.TempDir(), "r")
	require.NoError(t, err)
	pol := testPolicy()
	_, err = TakeSnapshot(context.Background(), []Target{&fakeTarget{name: "N1", os: "nxos", outputs: map[string]string{"show version": "new\n"}}}, Pre, SnapshotOptions{Run: run, Policy: pol})
	require.NoError(t, err)
	dir := filepath.Join(run.Dir, "pre")
	require.NoError(t, os.CopyFS(filepath.Join(dir, "N1.bak"), os.DirFS(filepath.Join(dir, "N1"))))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "N1.bak", "version.txt"), []byte("old\n"), 0o644))

	back, err := LoadSnapshot(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{"N1"}, back.DeviceNames(), "the copy is not a device of its own")
	assert.Equal(t, "new\n", back.Devices["N1"].Raw[LabelVersion])
	require.Len(t, back.Findings, 1)
	assert.Equal(t, "N1.bak", back.Findings[0].Device)
	assert.Equal(t, SevInfo, back.Findings[0].Severity)
	assert.Contains(t, back.Findings[0].Message, `names device "N1"`)
	var names []string
	for _, d := range loadDeviceInfo(run.Dir) {
		names = append(names, d.Name)
	}
	assert.Equal(t, []string{"N1"}, names, "the verdict's device info skips the copy too")
}
