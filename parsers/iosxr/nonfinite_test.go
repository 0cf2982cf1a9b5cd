package iosxr

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// strconv.ParseFloat takes "NaN" and "Inf"; a ping figure never is one,
// and encoding/json cannot write them: the line is not understood, and
// the result still marshals.
func TestPingNonFiniteFigures(t *testing.T) {
	const head = "Type escape sequence to abort.\n" +
		"Sending 5, 100-byte ICMP Echos to 192.168.0.1 timeout is 2 seconds:\n!!!!!\n"
	tests := []struct {
		name, stats string
	}{
		{"NaN rate", "Success rate is NaN percent (5/5), round-trip min/avg/max = 1/2/3 ms"},
		{"Inf rate", "Success rate is Inf percent (5/5), round-trip min/avg/max = 1/2/3 ms"},
		{"infinity rate", "Success rate is -infinity percent (5/5), round-trip min/avg/max = 1/2/3 ms"},
		{"NaN round trip", "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/NaN/3 ms"},
		{"Inf round trip", "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/+Inf ms"},
	}
	e, ok := entryByClass("Ping")
	require.True(t, ok)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, unparsed, err := e.Parse(head+tc.stats+"\n", nil)
			require.NoError(t, err)
			_, err = json.Marshal(v)
			require.NoError(t, err)
			assert.Equal(t, []string{tc.stats}, unparsed)
		})
	}
}
