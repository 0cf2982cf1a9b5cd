package issu

import (
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestUmaskNarrowsMatchesProcess checks the /proc reading against the
// process umask (read by setting it and putting it back).
func TestUmaskNarrowsMatchesProcess(t *testing.T) {
	m := syscall.Umask(0o022)
	syscall.Umask(m)
	assert.Equal(t, m&0o644 != 0, umaskNarrows(), "umask %04o", m)
}
