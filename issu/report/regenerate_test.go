package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/issu"
)

func TestRegenerate(t *testing.T) {
	t.Run("rebuilds report.json and writes every report", func(t *testing.T) {
		dir := copyDir(t, labFixture)
		require.NoError(t, os.Remove(filepath.Join(dir, "report.json")))
		w, err := Regenerate(dir, nil)
		require.NoError(t, err)
		for _, p := range []string{w.JSON, w.Summary, w.HTML, w.NDJSON} {
			fi, err := os.Stat(p)
			require.NoError(t, err)
			assert.Positive(t, fi.Size(), p)
		}
		rep, err := issu.LoadReport(dir)
		require.NoError(t, err)
		// The fixture has no snapshots, but the monitor saw the crash.
		assert.Equal(t, "ROLLBACK", rep.Verdict.Decision)
		b, err := os.ReadFile(w.HTML)
		require.NoError(t, err)
		assert.Equal(t, "ROLLBACK", parsePage(t, b).decision)
	})
	t.Run("missing run", func(t *testing.T) {
		_, err := Regenerate(filepath.Join(t.TempDir(), "none"), nil)
		assert.Error(t, err)
	})
}
