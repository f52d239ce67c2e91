package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// exactArgs accepts exactly the arguments names lists, and says in plain
// words which is missing or extra, with the usage line, instead of
// cobra's "accepts 2 arg(s), received 1". No names means no arguments.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < len(names):
			return usageError(fmt.Errorf("%s: missing %s; usage: %s", cmd.Name(), joinAnd(names[len(args):]), usageLine(cmd)))
		case len(args) > len(names):
			return usageError(fmt.Errorf("%s: unexpected argument %q; usage: %s", cmd.Name(), args[len(names)], usageLine(cmd)))
		}
		return nil
	}
}

// optionalArgs accepts up to the arguments names lists, each optional, and
// says which is extra in plain words, as exactArgs does.
func optionalArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > len(names) {
			return usageError(fmt.Errorf("%s: unexpected argument %q; usage: %s", cmd.Name(), args[len(names)], usageLine(cmd)))
		}
		return nil
	}
}

// usageLine is a command's usage without cobra's "[flags]".
func usageLine(cmd *cobra.Command) string {
	return strings.TrimSuffix(cmd.UseLine(), " [flags]")
}

// joinAnd joins names as a sentence does: "KEY", "KEY and OTHER".
func joinAnd(names []string) string { return joinWords(names, "and") }

// joinWords lists words as a sentence does, the last two joined by
// conjunction: "a, b and c".
func joinWords(words []string, conjunction string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conjunction + " " + words[len(words)-1]
}

// flagError turns pflag's errors into messages that say what to type, with
// an example, instead of strconv.ParseInt's text; other flag errors name
// the command's help.
func flagError(cmd *cobra.Command, err error) error {
	var invalid *pflag.InvalidValueError
	if errors.As(err, &invalid) {
		f := invalid.GetFlag()
		example := "--" + f.Name + " " + f.DefValue
		var want string
		switch f.Value.Type() {
		case "int":
			want = "a whole number"
		case "float64":
			want = "a number"
		case "bool":
			want, example = "true or false", "--"+f.Name+"=true"
		default:
			return usageError(fmt.Errorf("--%s %q: %w; see %s --help", f.Name, invalid.GetValue(), errors.Unwrap(err), cmd.CommandPath()))
		}
		var num *strconv.NumError
		if errors.As(err, &num) && errors.Is(num.Err, strconv.ErrRange) {
			want += " of sensible size"
		}
		return usageError(fmt.Errorf("--%s %q: give %s, like %s", f.Name, invalid.GetValue(), want, example))
	}
	return usageError(fmt.Errorf("%w; see %s --help", err, cmd.CommandPath()))
}
