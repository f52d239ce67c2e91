package argmap

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// resolvePlainTag returns the tag yaml.v3 resolves a plain scalar to: the
// resolve function of go.yaml.in/yaml/v3 (resolve.go), cut down to the tag
// of a scalar with no explicit tag, step for step.
func resolvePlainTag(value string) string {
	var hint byte
	switch c := value[0]; {
	case c == '+' || c == '-':
		hint = 'S'
	case '0' <= c && c <= '9':
		hint = 'D'
	case strings.IndexByte("yYnNtTfFoO~<", c) >= 0:
		hint = 'M'
	case c == '.':
		hint = '.'
	default:
		return "!!str"
	}
	if tag, ok := resolvedPlainScalars[value]; ok {
		return tag
	}
	switch hint {
	case '.':
		if _, err := strconv.ParseFloat(value, 64); err == nil {
			return "!!float"
		}
	case 'D', 'S':
		return numberTag(value)
	}
	return "!!str"
}

// resolvedPlainScalars are the plain scalars yaml.v3 finds in its map.
var resolvedPlainScalars = map[string]string{
	"true": "!!bool", "True": "!!bool", "TRUE": "!!bool",
	"false": "!!bool", "False": "!!bool", "FALSE": "!!bool",
	"~": "!!null", "null": "!!null", "Null": "!!null", "NULL": "!!null",
	".nan": "!!float", ".NaN": "!!float", ".NAN": "!!float",
	".inf": "!!float", ".Inf": "!!float", ".INF": "!!float",
	"+.inf": "!!float", "+.Inf": "!!float", "+.INF": "!!float",
	"-.inf": "!!float", "-.Inf": "!!float", "-.INF": "!!float",
	"<<": "!!merge",
}

var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// numberTag resolves a plain scalar that starts with a digit or a sign,
// step by step as yaml.v3 does.
func numberTag(value string) string {
	if looksLikeTimestamp(value) {
		return "!!timestamp"
	}
	plain := strings.ReplaceAll(value, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if yamlStyleFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	// Binary and octal as YAML 1.2 spells them.
	for _, base := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if digits, ok := strings.CutPrefix(plain, base.prefix); ok {
			if _, err := strconv.ParseInt(digits, base.base, 64); err == nil {
				return "!!int"
			}
			if _, err := strconv.ParseUint(digits, base.base, 64); err == nil {
				return "!!int"
			}
		} else if digits, ok := strings.CutPrefix(plain, "-"+base.prefix); ok {
			if _, err := strconv.ParseInt("-"+digits, base.base, 64); err == nil {
				return "!!int"
			}
		}
	}
	return "!!str"
}

// looksLikeTimestamp is yaml.v3's parseTimestamp, reduced to its answer.
func looksLikeTimestamp(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, format := range []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	} {
		if _, err := time.Parse(format, s); err == nil {
			return true
		}
	}
	return false
}
