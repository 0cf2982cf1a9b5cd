package diff_test

import (
	"fmt"

	"github.com/goissu/goissu/issu/diff"
)

func ExampleCompare() {
	before := map[string]map[string]any{"show bgp vrf all all summary": {"vrf": map[string]any{"default": map[string]any{"neighbor": map[string]any{
		"10.1.1.6": map[string]any{"address_family": map[string]any{"ipv4 unicast": map[string]any{"state_pfxrcd": "7", "up_down": "5w6d", "msg_rcvd": 1000.0}}},
	}}}}}
	after := map[string]map[string]any{"show bgp vrf all all summary": {"vrf": map[string]any{"default": map[string]any{"neighbor": map[string]any{
		"10.1.1.6": map[string]any{"address_family": map[string]any{"ipv4 unicast": map[string]any{"state_pfxrcd": "Idle", "up_down": "00:00:40", "msg_rcvd": 3.0}}},
	}}}}}
	fmt.Print(diff.Compare(before, after, diff.Options{}).Text())
	// Output:
	// show bgp vrf all all summary:
	//   ~ vrf.default.neighbor.10.1.1.6.address_family.ipv4 unicast.state_pfxrcd: "7" -> "Idle"
	// 1 changes (2 volatile values excluded, 0 within tolerance)
}

func ExampleConfig() {
	before := "!Time: Fri Nov 27 19:00:00 2026\nversion 10.2(3)\nhostname n9k-1\nntp clock-period 23456\n"
	after := "!Time: Fri Nov 27 20:31:00 2026\nversion 10.4(3)\nhostname n9k-1\nntp clock-period 23999\n"
	unified, changed := diff.Config(before, after)
	fmt.Print(unified)
	fmt.Println(len(changed), "changed lines")
	// Output:
	// --- before
	// +++ after
	// @@ -2,2 +2,2 @@
	// -version 10.2(3)
	// +version 10.4(3)
	//  hostname n9k-1
	// 2 changed lines
}
