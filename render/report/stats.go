package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/argmap/argmap/argmap"
)

// WriteStats writes a table: per body paragraph, the units by kind, the
// relations they make by type and the share of the text their quotes cover
// in each language, then the totals.
func WriteStats(w io.Writer, m *argmap.Map) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"paragraph"}
	for _, k := range argmap.Kinds {
		head = append(head, string(k))
	}
	for _, t := range argmap.RelationTypes {
		head = append(head, string(t))
	}
	for _, lang := range m.Corpus.Languages {
		head = append(head, string(lang))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	units, relations := map[argmap.Kind]int{}, map[argmap.RelationType]int{}
	for _, s := range argmap.Stats(m) {
		row := []string{s.Paragraph.Ref()}
		for _, k := range argmap.Kinds {
			row = append(row, fmt.Sprint(s.Units[k]))
			units[k] += s.Units[k]
		}
		for _, t := range argmap.RelationTypes {
			row = append(row, fmt.Sprint(s.Relations[t]))
			relations[t] += s.Relations[t]
		}
		for _, lang := range m.Corpus.Languages {
			row = append(row, fmt.Sprintf("%.1f%%", 100*s.Coverage[lang]))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	row := []string{"total"}
	for _, k := range argmap.Kinds {
		row = append(row, fmt.Sprint(units[k]))
	}
	for _, t := range argmap.RelationTypes {
		row = append(row, fmt.Sprint(relations[t]))
	}
	fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	return tw.Flush()
}
