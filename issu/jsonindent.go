package issu

// appendIndentJSON appends src, a compact JSON document as appendJSON and
// json.Marshal write it, indented exactly as json.Indent(dst, src, "",
// "  ") would. It does not validate: json.Indent's scanner checks every
// byte and was most of the cost of writing a fleet snapshot's manifests,
// whose JSON the encoder has just produced.
func appendIndentJSON(dst, src []byte) []byte {
	depth := 0
	needIndent := false // after '{' or '[': indent unless it closes at once
	for i := 0; i < len(src); i++ {
		c := src[i]
		if needIndent && c != '}' && c != ']' {
			needIndent = false
			depth++
			dst = appendIndentNewline(dst, depth)
		}
		switch c {
		case '"':
			// Copy the string whole; a backslash escapes the next byte.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			end := min(j+1, len(src))
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			needIndent = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = appendIndentNewline(dst, depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if needIndent {
				needIndent = false // {} and [] stay on one line
			} else {
				depth--
				dst = appendIndentNewline(dst, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

const indentSpaces = "                                                                "

func appendIndentNewline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for n := 2 * depth; n > 0; {
		k := min(n, len(indentSpaces))
		dst = append(dst, indentSpaces[:k]...)
		n -= k
	}
	return dst
}
