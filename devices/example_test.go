package devices_test

import (
	"fmt"

	"github.com/goissu/goissu/devices"
)

func ExampleLoadTestbed() {
	tb, err := devices.LoadTestbed("testdata/issu_lab.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range tb.DeviceNames() {
		d := tb.Devices[name]
		m, _ := d.Management()
		fmt.Println(name, d.OS, m.Name, m.Address())
	}
	fmt.Println(len(tb.Warnings), "warning")
	// Output:
	// CHASSIS_A nxos cli 10.0.100.11:22
	// CHASSIS_B nxos cli 10.0.100.12:22
	// EDGE1 iosxe cli 10.0.100.21:22
	// FW1 panos cli 10.0.100.31:22
	// 1 warning
}

func ExampleIsWriteCommand() {
	for _, c := range []string{"conf t", "wr mem", "show install all status", "dir bootflash:"} {
		fmt.Printf("%-25q %v\n", c, devices.IsWriteCommand(c))
	}
	// Output:
	// "conf t"                  true
	// "wr mem"                  true
	// "show install all status" false
	// "dir bootflash:"          false
}
