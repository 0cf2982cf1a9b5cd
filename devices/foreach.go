package devices

import (
	"context"
	"fmt"
	"sync"
)

// ForEach runs fn for every device with at most limit running at once
// (limit <= 0 means all at once) and returns the errors by device name;
// devices that succeeded have no entry. It returns only after every fn has
// returned. Devices not started when ctx ends get an error wrapping
// ErrNotStarted and ctx's error. A panic in fn becomes that device's error,
// wrapping ErrPanic.
func ForEach(ctx context.Context, devs []*Device, limit int, fn func(ctx context.Context, d *Device) error) map[string]error {
	if limit <= 0 || limit > len(devs) {
		limit = len(devs)
	}
	errs := map[string]error{}
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		sem = make(chan struct{}, max(limit, 1))
	)
	set := func(name string, err error) {
		if err == nil {
			return
		}
		mu.Lock()
		errs[name] = err
		mu.Unlock()
	}
	for _, d := range devs {
		if d == nil {
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			set(d.Name(), fmt.Errorf("%s: %w: %w", d.Name(), ErrNotStarted, ctx.Err()))
			continue
		}
		wg.Add(1)
		go func(d *Device) {
			defer wg.Done()
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil {
					set(d.Name(), fmt.Errorf("%s: %w: %v", d.Name(), ErrPanic, r))
				}
			}()
			set(d.Name(), fn(ctx, d))
		}(d)
	}
	wg.Wait()
	return errs
}
