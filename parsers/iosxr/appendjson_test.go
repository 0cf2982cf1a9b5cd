package iosxr

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAppendJSONMatchesMarshal checks the AppendJSON methods (which issu's
// artifact encoder trusts) against encoding/json, which validates and
// compacts what MarshalJSON writes.
func TestAppendJSONMatchesMarshal(t *testing.T) {
	type appender interface {
		AppendJSON([]byte) ([]byte, error)
	}
	var values []appender
	for _, f := range []float64{0, math.Copysign(0, -1), 1, 5, -2.5, 0.1, 1e15, 1e21, 1e-7, 123456789.125, math.MaxFloat64, 5e-324} {
		values = append(values, Float(f), Float(-f))
	}
	for _, a := range []string{"0", "65001", "4200000002", "0065001", "65000.100", "", "<&>", "1e5", "-1", "18446744073709551616", "\xff"} {
		values = append(values, ASNumber(a))
	}
	for _, v := range values {
		want, err := json.Marshal(v)
		require.NoError(t, err, "%#v", v)
		got, err := v.AppendJSON([]byte("x"))
		require.NoError(t, err, "%#v", v)
		assert.Equal(t, "x"+string(want), string(got), "%#v", v)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, err := Float(f).AppendJSON(nil)
		assert.Error(t, err, "%v", f)
	}
}
