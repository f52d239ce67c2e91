package graph

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// The whole map labels its bands: left of the first letter, a column of the
// disputes' titles, each level with the top of its band, so that a reader
// sees which dispute a stripe of the map is about.

// bandLabelColumns is the width, in display columns, that a dispute's title
// wraps to in its label.
const bandLabelColumns = 24

// bandLabelLines returns a dispute's title as its label's lines.
func bandLabelLines(d *argmap.Dispute, lang argmap.Lang) []string {
	return render.Wrap(d.TitleIn(lang), bandLabelColumns)
}

// bandLabelSize returns the width and height of a band's label, in inches.
func bandLabelSize(lines []string) (width, height float64) {
	widest := 0
	for _, l := range lines {
		widest = max(widest, render.DisplayWidth(l))
	}
	return (float64(widest)*pointsPerCol + nodePaddingPt) / 72, (float64(len(lines))*lineHeightPt + nodePaddingPt) / 72
}

// DisputeLabelID is the id a band's label carries in SVG output.
func DisputeLabelID(d *argmap.Dispute) string { return "dispute-" + d.ID }

// writeBandLabels writes the labels of a layout's bands, if it has any, in
// a column of their own left of the first letter: a chain of anchors like a
// letter's, each tied to the first letter's anchor of its band, and below
// each anchor the title of its band's dispute. A band with no unit drawn
// gets no label.
func writeBandLabels(b *bytes.Buffer, l *layout, lang argmap.Lang, anchor func(col, k int) string) {
	if len(l.titles) == 0 {
		return
	}
	drawn := make([]bool, l.bands)
	for u := range l.place {
		drawn[l.band[u]] = true
	}
	var chain []string
	for k := 0; k < l.bands; k++ {
		a := fmt.Sprintf("band_label_%d", k)
		chain = append(chain, a)
		fmt.Fprintf(b, "  %s [shape=point, width=0.01, height=0.01, style=invis];\n", quote(a))
		fmt.Fprintf(b, "  %s -> %s [style=invis, weight=1000];\n", quote(a), quote(anchor(0, k)))
		d := l.titles[k]
		if d == nil || !drawn[k] {
			continue
		}
		lines := bandLabelLines(d, lang)
		width, height := bandLabelSize(lines)
		id := DisputeLabelID(d)
		chain = append(chain, id)
		fmt.Fprintf(b, "  %s [id=%s, class=\"dispute-label\", label=%s, shape=plaintext, fontsize=%g, fontcolor=\"#333333\", width=%.2f, height=%.2f, tooltip=%s];\n",
			quote(id), quote(id), quoteLines(lines), fontSize, width, height, quote(shownText(d.TitleIn(lang))))
	}
	b.WriteString("  {rank=same;")
	for _, id := range chain {
		fmt.Fprintf(b, " %s;", quote(id))
	}
	b.WriteString("}\n")
	// Outside a cluster, the chain runs downwards; a label is held close
	// under its anchor.
	for j := 1; j < len(chain); j++ {
		weight := 1
		if strings.HasPrefix(chain[j], "dispute-") {
			weight = 100
		}
		fmt.Fprintf(b, "  %s -> %s [style=invis, weight=%d];\n", quote(chain[j-1]), quote(chain[j]), weight)
	}
}
