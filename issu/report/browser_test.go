package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromium finds a headless-capable browser: $GOISSU_CHROMIUM, else
// Debian's chromium (.ci/run installs it) or a Chrome on PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("GOISSU_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium on PATH (apt-get install chromium, or set GOISSU_CHROMIUM): browser check of report.html skipped")
	return ""
}

// haveChromium reports whether chromium would find a browser.
func haveChromium() bool {
	if os.Getenv("GOISSU_CHROMIUM") != "" {
		return true
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if _, err := exec.LookPath(name); err == nil {
			return true
		}
	}
	return false
}

// browse opens htmlPath in headless Chromium twice (a fresh profile each
// time, nothing fetched from the network): once to dump the DOM after
// layout and scripts, once for a 1400×2000 PNG screenshot at pngPath.
func browse(t *testing.T, htmlPath, pngPath string) string {
	t.Helper()
	bin := chromium(t)
	abs, err := filepath.Abs(htmlPath)
	require.NoError(t, err)
	url := "file://" + filepath.ToSlash(abs)
	run := func(extra ...string) []byte {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
			"--user-data-dir=" + t.TempDir()}, extra...)
		cmd := exec.CommandContext(ctx, bin, append(args, url)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		require.NoError(t, err, "chromium %v: %s", extra, tail(stderr.String(), 2000))
		return stdout.Bytes()
	}
	dom := string(run("--dump-dom"))
	run("--screenshot="+pngPath, "--window-size=1400,2000", "--hide-scrollbars")
	if dir := os.Getenv("GOISSU_REPORT_ARTIFACTS"); dir != "" {
		// CI keeps what the browser saw.
		require.NoError(t, os.MkdirAll(dir, 0o755))
		for _, p := range []string{htmlPath, pngPath} {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			name := filepath.Base(filepath.Dir(p)) + "-" + filepath.Base(p)
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
		}
	}
	return dom
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// checkScreenshot decodes the PNG and counts the timeline's colours: a
// page whose SVG did not render has no green or red bars.
func checkScreenshot(t *testing.T, pngPath string, wantRed bool) {
	t.Helper()
	f, err := os.Open(pngPath)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err, "screenshot is a PNG")
	b := img.Bounds()
	assert.Equal(t, image.Rect(0, 0, 1400, 2000), b)
	near := func(r, g, bl uint32, R, G, B uint32) bool {
		d := func(a, b uint32) uint32 {
			if a > b {
				return a - b
			}
			return b - a
		}
		return d(r>>8, R) < 12 && d(g>>8, G) < 12 && d(bl>>8, B) < 12
	}
	green, red := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			switch {
			case near(r, g, bl, 0x2e, 0x9e, 0x4f):
				green++
			case near(r, g, bl, 0xd9, 0x30, 0x25):
				red++
			}
		}
	}
	assert.Greater(t, green, 500, "green (up) bars visible in the screenshot")
	if wantRed {
		assert.Greater(t, red, 50, "red (down) bars visible in the screenshot")
	}
}

// checkDOM asserts what the browser built from the page.
func checkDOM(t *testing.T, dom, decision string, subLanes int) {
	t.Helper()
	assert.Contains(t, dom, `<div class="decision" id="decision">`+decision+`</div>`)
	assert.Contains(t, dom, `<svg id="timeline-svg"`)
	assert.Equal(t, subLanes, strings.Count(dom, `<g class="sub">`), "lanes in the browser's DOM")
	assert.NotContains(t, dom, "<script>alert")
}

// noGoroutineLeak fails the test if goroutines started during it are
// still running shortly after it (exec's output copiers, for one).
func noGoroutineLeak(t *testing.T) {
	t.Helper()
	base := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond) // polling: goroutines exit asynchronously
		}
		assert.LessOrEqual(t, runtime.NumGoroutine(), base, "goroutines left running")
	})
}

func TestBrowserRendersReport(t *testing.T) {
	chromium(t)
	noGoroutineLeak(t)
	t.Run("lab crash-coredump", func(t *testing.T) {
		dir := copyDir(t, labFixture)
		path, err := WriteHTML(dir)
		require.NoError(t, err)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		lanes := parsePage(t, b).count["g.sub"]
		shot := filepath.Join(dir, "report.png")
		dom := browse(t, path, shot)
		checkDOM(t, dom, "ROLLBACK", lanes)
		checkScreenshot(t, shot, true)
	})
	for _, tc := range []struct {
		name string
		s    synth
	}{
		{"proceed", synth{id: "br-ok", devices: 3, neighbors: 4, polls: 120, interval: 5 * time.Second, downFrom: 40, downTo: 50, flapFrom: 52, flapTo: 58}},
		{"rollback", synth{id: "br-rb", devices: 3, neighbors: 4, polls: 120, interval: 5 * time.Second, downFrom: 40, downTo: 50, flapFrom: 52, flapTo: 58, rollback: true, hostile: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tc.s.id)
			require.NoError(t, os.MkdirAll(dir, 0o755))
			facts := writeSynth(t, dir, tc.s)
			path, err := WriteHTML(dir)
			require.NoError(t, err)
			shot := filepath.Join(dir, "report.png")
			dom := browse(t, path, shot)
			checkDOM(t, dom, facts.report.Verdict.Decision, tc.s.devices*(tc.s.neighbors+3))
			checkScreenshot(t, shot, tc.s.rollback)
		})
	}
}
