package issu

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendIndentJSON(t *testing.T) {
	cases := []struct{ name, in string }{
		{"scalar", `42`},
		{"string", `"a"`},
		{"empty object", `{}`},
		{"empty array", `[]`},
		{"nested empties", `{"a":{},"b":[],"c":[{}],"d":[[]]}`},
		{"object", `{"device":"N1","ok":true,"n":1.5e-7,"none":null}`},
		{"punctuation in strings", `{"k{[":"v,:}]","q":"a \"quoted\", {x}","bs":"c:\\","u":"\u2028<>&"}`},
		{"escaped backslash before quote", `{"a":"x\\","b":"y"}`},
		{"deep", `{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{"o":{"p":{"q":{"r":{"s":{"t":{"u":{"v":{"w":{"x":{"y":{"z":{"aa":{"bb":{"cc":{"dd":{"ee":{"ff":{"gg":1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}`},
		{"arrays", `[1,[2,3],{"a":[4,{"b":5}]},"x"]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var want bytes.Buffer
			require.NoError(t, json.Indent(&want, []byte(tc.in), "", "  "))
			assert.Equal(t, want.String(), string(appendIndentJSON(nil, []byte(tc.in))))
			// Appends: what is already in dst stays.
			assert.Equal(t, "prefix"+want.String(), string(appendIndentJSON([]byte("prefix"), []byte(tc.in))))
		})
	}
}

// FuzzAppendIndentJSON holds the indenter to json.Indent on every valid
// compact document.
func FuzzAppendIndentJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":[1,{"b":"c\"}"}],"d":{}}`, `[[],[{}]]`, `"x\\"`, `{"k":"\u00e9\ud83d\ude00"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var compact, want bytes.Buffer
		if json.Compact(&compact, src) != nil || !bytes.Equal(compact.Bytes(), src) {
			return // only valid compact documents are ever indented
		}
		require.NoError(t, json.Indent(&want, src, "", "  "))
		assert.Equal(t, want.String(), string(appendIndentJSON(nil, src)))
	})
}
