package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the module version and VCS revision argmap was built from",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), versionLine())
			return nil
		},
	}
}

func versionLine() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "argmap (no build information)"
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	revision := settings["vcs.revision"]
	if revision == "" {
		return fmt.Sprintf("argmap %s, revision unknown (built without VCS information), %s", version, info.GoVersion)
	}
	if settings["vcs.modified"] == "true" {
		revision += "+modified"
	}
	when := ""
	if t := settings["vcs.time"]; t != "" {
		when = " " + t
	}
	return fmt.Sprintf("argmap %s, revision %s%s, %s", version, revision, when, info.GoVersion)
}
