package core

import "encoding/json"

// AppendJSONString appends s quoted as json.Marshal writes it: printable
// ASCII other than '"', '\\', '<', '>' and '&' as is; a string with any
// other byte goes through json.Marshal itself, so its escapes (HTML-safe,
// \u2028, invalid UTF-8) are exactly Go's. Result types' AppendJSON
// methods use it to write their JSON without encoding/json's reflection.
func AppendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
