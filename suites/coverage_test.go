package suites

import (
	"reflect"
	"testing"

	"github.com/goissu/goissu/issu"
	"github.com/goissu/goissu/issu/checks"
	"github.com/stretchr/testify/assert"
)

// Every check of issu/checks and issu.MonitorChecks must be a test method of
// its phase suite, or it would run, be recorded in checks.json and never
// show in JUnit.
func TestEveryCheckHasAMethod(t *testing.T) {
	cases := []struct {
		suite any
		names []string
	}{
		{&PrecheckSuite{}, names(checks.Pre())},
		{&PostcheckSuite{}, names(checks.Post())},
		{&MonitorSuite{}, monitorNames()},
	}
	for _, c := range cases {
		typ := reflect.TypeOf(c.suite)
		t.Run(typ.Elem().Name(), func(t *testing.T) {
			for _, n := range c.names {
				_, ok := typ.MethodByName("Test" + n)
				assert.True(t, ok, "%s has no method Test%s", typ.Elem().Name(), n)
			}
		})
	}
}

func names(list []checks.Check) []string {
	var out []string
	for _, c := range list {
		out = append(out, c.Name)
	}
	return out
}

func monitorNames() []string {
	var out []string
	for _, c := range issu.MonitorChecks() {
		out = append(out, c.Name)
	}
	return out
}
