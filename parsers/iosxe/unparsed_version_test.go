package iosxe

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The IOS-XE copyright paragraph is skipped as boilerplate, but only up to
// the blank line that ends it: lines after it that the parser does not
// understand must be reported, not swallowed with the paragraph.
func TestShowVersionUnparsedAfterCopyright(t *testing.T) {
	const head = `Cisco IOS XE Software, Version 17.09.04a
Cisco IOS Software [Cupertino], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Fri 20-Oct-23 10:44 by mcpre


Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.
`
	const tail = `
ROM: 17.3(1r)

pe-edge-07 uptime is 41 weeks, 2 days, 19 hours, 3 minutes
System image file is "bootflash:asr1000-universalk9.17.09.04a.SPA.bin"
Last reload reason: Reload Command

cisco ASR1006-X (RP3) processor (revision RP3) with 3743220K/6147K bytes of memory.
Processor board ID FXS2233Q1AB
Configuration register is 0x2102
`
	const junk = "%% this line means nothing to the parser %%"
	const cryptoAndLicence = `This product contains cryptographic features and is subject to United
States and local country laws governing import, export, transfer and
use.

Technology Package License Information:

-----------------------------------------------------------------
Technology    Type            Technology-package   Technology-package
              Current         Next Reboot
-----------------------------------------------------------------
advipservices Smart License   advipservices        advipservices

`
	tests := []struct {
		name string
		out  string
		want []string
	}{
		{"clean output", head + tail, nil},
		{"junk right after the paragraph", head + "\n" + junk + "\n" + tail, []string{junk}},
		{"junk among the data", head + tail[:len(tail)-1] + "\n" + junk + "\n", []string{junk}},
		{"junk at the end", head + tail + junk, []string{junk}},
		// IOS-XE 16.x/17.x: the short crypto paragraph ends in "use." and
		// the licence table has a Type column Genie's schema has no place
		// for; both are read, neither is reported.
		{"crypto paragraph and Technology/Type licence table", head + "\n" + cryptoAndLicence + tail, nil},
		{"junk in the licence section", head + "\n" + cryptoAndLicence + junk + "\n" + tail, []string{junk}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, unparsed, err := entry(t, "ShowVersion").Parse(tc.out, nil)
			require.NoError(t, err)
			sv := v.(*ShowVersion)
			assert.Equal(t, "pe-edge-07", sv.Version.Hostname)
			assert.Equal(t, "0x2102", sv.Version.CurrConfigRegister)
			assert.Equal(t, tc.want, unparsed)
		})
	}
}
