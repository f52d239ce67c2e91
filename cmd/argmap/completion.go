package main

import (
	"slices"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/spf13/cobra"
)

// Shell completion of values: cobra's completion command writes the
// scripts, and these functions answer them. Each candidate may carry a
// description after a tab, which zsh and fish show. A completion that
// cannot load the corpus or the map offers nothing rather than an error.

type completionFunc = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective)

// completeFlag registers how a flag's values complete. The flag is defined
// by the same constructor, so a missing one is a bug that every start of
// argmap meets at once.
func completeFlag(cmd *cobra.Command, flag string, f completionFunc) {
	if err := cmd.RegisterFlagCompletionFunc(flag, f); err != nil {
		panic(err)
	}
}

// completeWords offers a fixed list of values, such as formats.
func completeWords(words ...string) completionFunc {
	return cobra.FixedCompletions(words, cobra.ShellCompDirectiveNoFileComp)
}

// completeAnnotationFiles offers folders and YAML files, as the commands
// that read annotation files take them.
func completeAnnotationFiles(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeFolders offers folders only, as --corpus and --split take them.
func completeFolders(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// completeDocuments offers the ids of the corpus's documents, with their
// titles.
func (g *globalOptions) completeDocuments(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	c, err := g.loadCorpus()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, d := range c.Documents {
		out = append(out, d.ID+"\t"+d.Title)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeRefs offers what argmap show takes: document ids, and once a
// document and its colon are typed, its paragraphs.
func (g *globalOptions) completeRefs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	c, err := g.loadCorpus()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	id, _, paragraphs := strings.Cut(toComplete, ":")
	d := c.Document(id)
	if !paragraphs || d == nil {
		return g.completeDocuments(cmd, args, toComplete)
	}
	var out []string
	for _, p := range d.Paragraphs {
		out = append(out, p.Ref()+"\t"+p.Label())
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completionMap loads the map the command's arguments name, as the command
// would read it, for completing its unit and dispute ids. Standard input is
// not read: completion has none.
func (g *globalOptions) completionMap(args []string) *argmap.Map {
	if slices.Contains(args, argmap.StdinArg) {
		return nil
	}
	c, err := g.loadCorpus()
	if err != nil {
		return nil
	}
	inputs, err := g.mapInputs(args)
	if err != nil {
		return nil
	}
	m, _ := argmap.Validate(c, inputs)
	return m
}

// completeUnits offers the ids of the map's units, with their summaries.
func (g *globalOptions) completeUnits(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	m := g.completionMap(args)
	if m == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, u := range m.Units {
		out = append(out, u.ID+"\t"+u.Summary[argmap.English])
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeDisputes offers the ids of the map's disputes, with their
// titles.
func (g *globalOptions) completeDisputes(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	m := g.completionMap(args)
	if m == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, d := range m.Disputes() {
		out = append(out, d.ID+"\t"+d.Title[argmap.English])
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeLanguages offers the corpus's languages, and the other words
// the flag takes, such as both.
func (g *globalOptions) completeLanguages(also ...string) completionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		c, err := g.loadCorpus()
		if err != nil {
			return also, cobra.ShellCompDirectiveNoFileComp
		}
		return append(langList(c.Languages), also...), cobra.ShellCompDirectiveNoFileComp
	}
}
