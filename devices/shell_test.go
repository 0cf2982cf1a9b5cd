package devices

import (
	"bytes"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newTestShell() *shell {
	return &shell{quit: make(chan struct{}), notify: make(chan struct{}, 1), space: make(chan struct{}, 1)}
}

func (s *shell) pendingLen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

// TestShellReader checks the reader's hand-over: what a device sends
// arrives whole and in order however it is taken, the reader stops at
// maxPending while nobody takes (SSH flow control then holds the device),
// and closing the shell releases a reader that waits for space.
func TestShellReader(t *testing.T) {
	data := bytes.Repeat([]byte("10.0.0.0/8, ubest/mbest: 1/0\r\n"), 3*maxPending/30)
	tests := []struct {
		name  string
		take  bool // take while reading (else close once full)
		want  []byte
		error error
	}{
		{name: "taken whole and in order", take: true, want: data, error: io.EOF},
		{name: "bounded, released by close", take: false, error: io.ErrClosedPipe},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestShell()
			var wg sync.WaitGroup
			wg.Add(1)
			go s.read(bytes.NewReader(data), &wg)
			if !tc.take {
				require.Eventually(t, func() bool { return s.pendingLen() >= maxPending }, 10*time.Second, time.Millisecond)
				for range 100 {
					assert.Less(t, s.pendingLen(), maxPending+64<<10, "the reader goes past its bound")
				}
				close(s.quit)
				wg.Wait()
				assert.ErrorIs(t, s.err(), tc.error)
				return
			}
			var buf []byte
			deadline := time.After(10 * time.Second)
			for {
				var stopped bool
				buf, stopped = s.take(buf)
				if stopped {
					break
				}
				select {
				case <-s.notify:
				case <-deadline:
					t.Fatalf("reader did not finish; %d of %d bytes taken", len(buf), len(data))
				}
			}
			wg.Wait()
			assert.Equal(t, len(tc.want), len(buf))
			assert.True(t, bytes.Equal(tc.want, buf), "bytes differ")
			assert.ErrorIs(t, s.err(), tc.error)
		})
	}
}
