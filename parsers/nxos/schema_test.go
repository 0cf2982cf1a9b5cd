package nxos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goissu/goissu/parsers/internal/core"
)

// schemaNode is a node of Genie's schema as the golden corpus spells it
// (see its README): object, list_of, or, and leaf types.
type schemaNode struct {
	Type    string               `json:"type"`
	Keys    map[string]schemaKey `json:"keys"`
	AnyKey  *schemaNode          `json:"any_key"`
	Item    *schemaNode          `json:"item"`
	Options []*schemaNode        `json:"options"`
}

type schemaKey struct {
	Optional bool        `json:"optional"`
	Value    *schemaNode `json:"value"`
}

// validate reports where v breaks n. Numbers arrive as json.Number so
// that int and float stay distinct.
func (n *schemaNode) validate(path string, v any) []string {
	switch n.Type {
	case "any":
		return nil
	case "str":
		if _, ok := v.(string); !ok {
			return []string{fmt.Sprintf("%s: want str, got %T", path, v)}
		}
	case "int":
		num, ok := v.(json.Number)
		if !ok || strings.ContainsAny(string(num), ".eE") {
			return []string{fmt.Sprintf("%s: want int, got %v", path, v)}
		}
	case "float":
		num, ok := v.(json.Number)
		if !ok || !strings.ContainsAny(string(num), ".eE") {
			return []string{fmt.Sprintf("%s: want float, got %v", path, v)}
		}
	case "bool":
		if _, ok := v.(bool); !ok {
			return []string{fmt.Sprintf("%s: want bool, got %T", path, v)}
		}
	case "list":
		if _, ok := v.([]any); !ok {
			return []string{fmt.Sprintf("%s: want list, got %T", path, v)}
		}
	case "dict":
		if _, ok := v.(map[string]any); !ok {
			return []string{fmt.Sprintf("%s: want dict, got %T", path, v)}
		}
	case "null":
		if v != nil {
			return []string{fmt.Sprintf("%s: want null", path)}
		}
	case "list_of":
		l, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want list, got %T", path, v)}
		}
		var errs []string
		for i, x := range l {
			errs = append(errs, n.Item.validate(fmt.Sprintf("%s[%d]", path, i), x)...)
		}
		return errs
	case "or":
		for _, o := range n.Options {
			if len(o.validate(path, v)) == 0 {
				return nil
			}
		}
		return []string{fmt.Sprintf("%s: matches no option", path)}
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want object, got %T", path, v)}
		}
		var errs []string
		for k, key := range n.Keys {
			x, present := m[k]
			if !present {
				if !key.Optional {
					errs = append(errs, fmt.Sprintf("%s.%s: required key missing", path, k))
				}
				continue
			}
			errs = append(errs, key.Value.validate(path+"."+k, x)...)
		}
		for k, x := range m {
			if _, known := n.Keys[k]; known {
				continue
			}
			if n.AnyKey == nil {
				errs = append(errs, fmt.Sprintf("%s.%s: key not in schema", path, k))
				continue
			}
			errs = append(errs, n.AnyKey.validate(path+"."+k, x)...)
		}
		return errs
	}
	return nil
}

// fixtureClasses maps the project's fixture folders to Genie classes.
var fixtureClasses = map[string]string{
	"show_version":                  "ShowVersion",
	"show_module":                   "ShowModule",
	"show_ip_route":                 "ShowIpRoute",
	"show_bgp_vrf_all_all_summary":  "ShowBgpVrfAllAllSummary",
	"show_ip_bgp_summary":           "ShowBgpVrfAllAllSummary", // same schema
	"show_system_redundancy_status": "ShowSystemRedundancyStatus",
	"show_logging_last":             "ShowLoggingLogfile",
	"ping":                          "Ping",
	"show_processes_cpu":            "ShowProcessCpu",
	"show_system_resources":         "ShowSystemResources",
	"show_boot":                     "ShowBoot",
	"show_incompatibility-all":      "ShowIncompatibilityNxos",
	"dir":                           "Dir",
	"show_install_all_status":       "ShowInstallAllStatus",
	"show_interface_brief":          "ShowInterfaceBrief",
	"show_install_active":           "ShowInstallActive",
}

// TestResultsMatchGenieSchema parses the golden outputs and the project's
// own fixtures and validates each result against Genie's schema for the
// class: required keys present, no unknown keys, ints are ints and floats
// are floats. Skipped without the golden corpus (the schemas live there).
func TestResultsMatchGenieSchema(t *testing.T) {
	if _, err := os.Stat(goldenDir()); errors.Is(err, os.ErrNotExist) {
		t.Skip("golden corpus not found: set GOISSU_GOLDEN")
	}
	byClass := map[string]core.Entry{}
	for _, e := range Entries() {
		byClass[e.Class] = e
	}
	type input struct{ class, name, text string }
	var inputs []input
	for class, cases := range goldenTexts(t) {
		for name, text := range cases {
			if !strings.HasSuffix(name, ".empty.txt") {
				inputs = append(inputs, input{class, "golden/" + name, text})
			}
		}
	}
	for dir, class := range fixtureClasses {
		files, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "outputs", "nxos", dir, "*.txt"))
		require.NoError(t, err)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			inputs = append(inputs, input{class, "fixture/" + dir + "/" + filepath.Base(f), string(b)})
		}
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].class+inputs[i].name < inputs[j].class+inputs[j].name })
	for _, in := range inputs {
		t.Run(in.class+"/"+in.name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(goldenDir(), in.class, "schema.json"))
			require.NoError(t, err)
			var doc struct {
				Schema *schemaNode `json:"schema"`
			}
			require.NoError(t, json.Unmarshal(raw, &doc))
			e := byClass[in.class]
			v, _, err := e.Parse(in.text, core.Params{"count": "5"})
			if errors.Is(err, core.ErrEmpty) {
				return // e.g. "Route not found"
			}
			require.NoError(t, err)
			js, err := json.Marshal(v)
			require.NoError(t, err)
			dec := json.NewDecoder(bytes.NewReader(js))
			dec.UseNumber()
			var got any
			require.NoError(t, dec.Decode(&got))
			assert.Empty(t, doc.Schema.validate("", got))
		})
	}
}

// TestSchemaValidator checks the validator itself rejects what it should.
func TestSchemaValidator(t *testing.T) {
	var n schemaNode
	require.NoError(t, json.Unmarshal([]byte(`{"type":"object","keys":{
		"a":{"optional":false,"value":{"type":"float"}},
		"b":{"optional":true,"value":{"type":"int"}}}}`), &n))
	decode := func(s string) any {
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var v any
		require.NoError(t, dec.Decode(&v))
		return v
	}
	assert.Empty(t, n.validate("", decode(`{"a": 1.0}`)))
	assert.Empty(t, n.validate("", decode(`{"a": 1.5, "b": 2}`)))
	assert.NotEmpty(t, n.validate("", decode(`{"a": 1}`)), "int where float is required")
	assert.NotEmpty(t, n.validate("", decode(`{}`)), "required key missing")
	assert.NotEmpty(t, n.validate("", decode(`{"a": 1.0, "c": 1}`)), "unknown key")
	assert.NotEmpty(t, n.validate("", decode(`{"a": 1.0, "b": 2.5}`)), "float where int is required")
}
