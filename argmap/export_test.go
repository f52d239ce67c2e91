package argmap

// InYAMLSubset reports whether validate parses a file with the subset
// parser rather than with yaml.v3, for the tests of package argmap_test.
func InYAMLSubset(data []byte) bool {
	_, ok := decodeYAMLSubset(annotationLines(data))
	return ok
}
