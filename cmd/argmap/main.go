// Command argmap maps the argument of an exchange of letters: it validates
// annotations against the text, renders diagrams, and exports the map.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
