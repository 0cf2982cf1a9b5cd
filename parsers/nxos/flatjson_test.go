package nxos

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
	"github.com/goissu/goissu/parsers/internal/jsontest"
)

// The oracles below are the MarshalJSON methods ShowRedundancyStatus and
// EnvFans had before they appended their own JSON: each round-tripped
// through a map and encoding/json. The AppendJSON methods must write the
// same bytes.

func oldRedundancyStatusJSON(s ShowRedundancyStatus) ([]byte, error) {
	type plain ShowRedundancyStatus
	b, err := json.Marshal(plain(s))
	if err != nil || len(s.Supervisors) == 0 {
		return b, err
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range s.Supervisors {
		vb, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		m[k] = vb
	}
	return json.Marshal(m)
}

func oldEnvFansJSON(f EnvFans) ([]byte, error) {
	m := make(map[string]any, len(f.Fans)+2)
	for k, v := range f.Fans {
		m[k] = v
	}
	if f.FanZoneSpeed != "" {
		m["fan_zone_speed"] = f.FanZoneSpeed
	}
	if f.FanAirFilter != "" {
		m["fan_air_filter"] = f.FanAirFilter
	}
	return json.Marshal(m)
}

// flatTexts returns the outputs to parse for the flattening types: the
// golden cases of classes (when the corpus is present) and every nxos
// fixture, whatever command it is from.
func flatTexts(t testing.TB, classes ...string) map[string]string {
	out := map[string]string{}
	golden := goldenTexts(t)
	for _, c := range classes {
		for name, text := range golden[c] {
			out[c+"/"+name] = text
		}
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "outputs", "nxos", "*", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		out[f] = string(b)
	}
	return out
}

// parseAs runs the registered parser of class on text, nil when it fails.
func parseAs(t testing.TB, class, text string) any {
	e, ok := entryByClass(class)
	require.True(t, ok, class)
	res, _, err := e.Parse(text, nil)
	if err != nil {
		return nil
	}
	return res
}

func entryByClass(class string) (e core.Entry, ok bool) {
	for _, e := range Entries() {
		if e.Class == class {
			return e, true
		}
	}
	return e, false
}

// flatStrs are strings the random values draw from: empty, plain, and ones
// whose JSON needs escapes (HTML-safe, control, invalid UTF-8, U+2028).
var flatStrs = []string{"", "active", "Active with HA standby", "<&>", "a\"b\\c", "é", "\x01", "\u2028", "\xff", "\xe2\x82"}

func TestRedundancyStatusJSON(t *testing.T) {
	jsontest.Fields(t, map[reflect.Type]int{
		reflect.TypeFor[ShowRedundancyStatus](): 6,
		reflect.TypeFor[RedundancyMode]():       2,
		reflect.TypeFor[SupervisorState]():      3,
	})
	texts := flatTexts(t, "ShowRedundancyStatus", "ShowSystemRedundancyStatus")
	withSups := 0
	for name, text := range texts {
		for _, class := range []string{"ShowRedundancyStatus", "ShowSystemRedundancyStatus"} {
			if r, ok := parseAs(t, class, text).(*ShowRedundancyStatus); ok {
				jsontest.SameAsOld(t, name, *r, oldRedundancyStatusJSON)
				if len(r.Supervisors) > 0 {
					withSups++
				}
			}
		}
	}
	require.Positive(t, withSups, "some outputs have supervisors")

	keys := []string{"supervisor_1", "supervisor_2", "redundancy_mode", "system_uptime", "kernel_uptime", "system_start_time", "active_supervisor_time", "<&>", "\xff", "\xfe", "", "a\"b"}
	rng := rand.New(rand.NewPCG(11, 13))
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	for i := range 5000 {
		s := ShowRedundancyStatus{
			RedundancyMode:  RedundancyMode{Administrative: pick(flatStrs), Operational: pick(flatStrs)},
			SystemStartTime: pick(flatStrs), SystemUptime: pick(flatStrs), KernelUptime: pick(flatStrs), ActiveSupervisorTime: pick(flatStrs),
		}
		s.Supervisors = jsontest.RandMap(rng, 5, func() string { return pick(keys) }, func() *SupervisorState {
			return &SupervisorState{RedundancyState: pick(flatStrs), SupervisorState: pick(flatStrs), InternalState: pick(flatStrs)}
		})
		jsontest.SameAsOld(t, fmt.Sprintf("random %d", i), s, oldRedundancyStatusJSON)
	}
	var nilStatus *ShowRedundancyStatus
	b, err := json.Marshal(nilStatus)
	require.NoError(t, err)
	require.Equal(t, "null", string(b))
}

func TestEnvFansJSON(t *testing.T) {
	jsontest.Fields(t, map[reflect.Type]int{reflect.TypeFor[EnvFans](): 3, reflect.TypeFor[EnvFan](): 4})
	fans := 0
	for name, text := range flatTexts(t, "ShowEnvironment") {
		if r, ok := parseAs(t, "ShowEnvironment", text).(*ShowEnvironment); ok && r.Fans != nil {
			jsontest.SameAsOld(t, name, *r.Fans, oldEnvFansJSON)
			fans++
		}
	}
	if goldenTexts(t) != nil {
		require.Positive(t, fans, "the golden outputs have fans")
	}

	keys := []string{"Fan1(sys_fan1)", "Fan2(sys_fan2)", "PS-1", "fan_zone_speed", "fan_air_filter", "<&>", "\xff", "\u2028", ""}
	rng := rand.New(rand.NewPCG(17, 19))
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	for i := range 5000 {
		f := EnvFans{FanZoneSpeed: pick(flatStrs), FanAirFilter: pick(flatStrs)}
		f.Fans = jsontest.RandMap(rng, 6, func() string { return pick(keys) }, func() *EnvFan {
			return &EnvFan{Model: pick(flatStrs), HW: pick(flatStrs), Direction: pick(flatStrs), Status: pick(flatStrs)}
		})
		jsontest.SameAsOld(t, fmt.Sprintf("random %d", i), f, oldEnvFansJSON)
	}
}

// BenchmarkFlatJSON encodes every parsed ShowRedundancyStatus and EnvFans
// of the fixtures and golden cases, with the old encoders and AppendJSON.
func BenchmarkFlatJSON(b *testing.B) {
	var cases []jsontest.OldNew
	for _, text := range flatTexts(b, "ShowRedundancyStatus", "ShowSystemRedundancyStatus", "ShowEnvironment") {
		if r, ok := parseAs(b, "ShowRedundancyStatus", text).(*ShowRedundancyStatus); ok {
			cases = append(cases, jsontest.OldNew{Old: func() ([]byte, error) { return oldRedundancyStatusJSON(*r) }, New: *r})
		}
		if r, ok := parseAs(b, "ShowEnvironment", text).(*ShowEnvironment); ok && r.Fans != nil {
			cases = append(cases, jsontest.OldNew{Old: func() ([]byte, error) { return oldEnvFansJSON(*r.Fans) }, New: *r.Fans})
		}
	}
	jsontest.BenchOldNew(b, cases)
}
