package monitor_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goissu/goissu/issu/monitor"
)

// router is a Target answering from fixed outputs; *devices.Device is the
// real one.
type router struct{ name string }

func (r router) Name() string                        { return r.name }
func (r router) OS() string                          { return "iosxr" }
func (r router) Reconnect(ctx context.Context) error { return nil }
func (r router) Execute(ctx context.Context, cmd string) (string, error) {
	switch {
	case strings.HasPrefix(cmd, "show bgp summary"):
		return "Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd\n192.168.0.6       0 65002     100     100       50    0    0     1w2d         10\n", nil
	case strings.HasPrefix(cmd, "show processes cpu"):
		return "CPU utilization for one minute: 2%; five minutes: 2%; fifteen minutes: 2%\n", nil
	}
	return "", nil
}

func ExampleRun() {
	cfg := monitor.Config{
		Interval:    10 * time.Millisecond, // 5 s by default
		StablePolls: 2,                     // stop after two quiet polls of every device
		MaxDuration: time.Minute,
		PollTimeout: 10 * time.Second, // 6×Interval by default
		Dir:         "",               // results/<run-id>/monitor in a real run
	}
	res, err := monitor.Run(context.Background(), []monitor.Target{router{"xr-1"}}, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.StopReason, res.Samples, len(res.Events), res.InstallState["xr-1"])
	// Output: stable 2 0 none
}
