package main

import (
	"github.com/argmap/argmap/docs"
	"github.com/spf13/cobra"
)

// schemaFileName is the name argmap gives the annotation schema beside
// annotation files, and the modeline of init's starter points to.
const schemaFileName = "annotations.schema.json"

type schemaOptions struct {
	output string
}

func newSchemaCommand() *cobra.Command {
	opts := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema [-o FILE]",
		Short: "Print the JSON Schema of annotation files, for editors",
		Long: `Print the JSON Schema of the annotation format, the one built into this
argmap, so that an editor checks and completes annotation files while they
are typed, offline. Editors with the YAML language server read the first
line of a file:

  # yaml-language-server: $schema=annotations.schema.json

argmap init writes that line, and with -o the schema beside the starter.
The schema checks what can be checked without the letters; argmap validate
checks the rest. -o writes the file atomically.`,
		Example: "  argmap schema -o annotations/" + schemaFileName,
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			outputs, err := outputStates(opts.output)
			if err != nil {
				return err
			}
			return writeOutput(cmd.OutOrStdout(), opts.output, docs.AnnotationSchema, outputs[0])
		},
	}
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write the schema to `FILE` instead of standard output")
	return cmd
}
