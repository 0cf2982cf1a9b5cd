package devices

import (
	"fmt"
	"time"
)

// keepalive sends keepalive@openssh.com every interval and closes the
// connection when three intervals pass without an answer, so a dead peer
// is noticed in seconds rather than at the next TCP timeout.
//
// An interval in which the device sent output needs no keepalive: the
// output proved it alive. A snapshot or a monitor polling every interval
// would otherwise add a round trip per device per interval for nothing.
func (d *Device) keepalive(s *session) {
	defer s.wg.Done()
	interval := durOr(d.opts.KeepaliveInterval, durOr(d.ssh.KeepaliveInterval, 5*time.Second))
	t := time.NewTicker(interval)
	defer t.Stop()
	seen := s.sh.received.Load()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
		if n := s.sh.received.Load(); n != seen {
			seen = n
			continue
		}
		reply := make(chan error, 1)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			_, _, err := s.client.SendRequest("keepalive@openssh.com", true, nil)
			reply <- err
		}()
		wait := time.NewTimer(3 * interval)
		select {
		case err := <-reply:
			wait.Stop()
			if err != nil {
				d.markDropped(s, fmt.Errorf("keepalive: %w", err))
				s.client.Close()
				return
			}
		case <-wait.C:
			d.markDropped(s, fmt.Errorf("keepalive: no answer in %s: %w", 3*interval, ErrTimeout))
			s.client.Close()
			return
		case <-s.stop:
			wait.Stop()
			return
		}
	}
}
