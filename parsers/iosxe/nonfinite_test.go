package iosxe

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// strconv.ParseFloat takes "NaN" and "Inf"; a CPU reading never is one,
// and encoding/json cannot write them: the row is not understood, and the
// result still marshals.
func TestProcessesCpuNonFiniteReadings(t *testing.T) {
	const head = "CPU utilization for five seconds: 1%/0%; one minute: 2%; five minutes: 3%\n" +
		" PID Runtime(ms)     Invoked      uSecs   5Sec   1Min   5Min TTY Process\n" +
		"   1          15        1016         14  0.00%  0.00%  0.00%   0 Chunk Manager\n"
	tests := []struct {
		name, row string
	}{
		{"NaN 5Sec", "   2        1883        6576        286   NaN%  0.00%  0.00%   0 Load Meter"},
		{"Inf 1Min", "   2        1883        6576        286  0.00%   Inf%  0.00%   0 Load Meter"},
		{"-Inf 5Min", "   2        1883        6576        286  0.00%  0.00%  -Inf   0 Load Meter"},
		{"infinity", "   2        1883        6576        286  infinity  0.00%  0.00%   0 Load Meter"},
	}
	for _, class := range []string{"ShowProcessesCpu", "ShowProcessesCpuSorted"} {
		for _, tc := range tests {
			t.Run(class+"/"+tc.name, func(t *testing.T) {
				v, unparsed, err := entry(t, class).Parse(head+tc.row+"\n", nil)
				require.NoError(t, err)
				_, err = json.Marshal(v)
				require.NoError(t, err)
				assert.Equal(t, []string{tc.row}, unparsed)
				assert.Len(t, v.(*ShowProcessesCpu).Sort, 1)
			})
		}
	}
}
