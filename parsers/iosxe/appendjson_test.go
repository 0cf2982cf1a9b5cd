package iosxe

import (
	"testing"

	"github.com/goissu/goissu/parsers/internal/jsontest"
)

// TestAppendJSONMatchesMarshal checks the AppendJSON methods that issu's
// artifact encoder trusts.
func TestAppendJSONMatchesMarshal(t *testing.T) {
	var good, bad []jsontest.Appender
	for _, f := range jsontest.Floats {
		good = append(good, Float(f), Float(-f))
	}
	for _, a := range jsontest.ASNs {
		good = append(good, ASN(a))
	}
	for _, f := range jsontest.BadFloats {
		bad = append(bad, Float(f))
	}
	jsontest.Equal(t, good...)
	jsontest.Fails(t, bad...)
}
