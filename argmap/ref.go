package argmap

import (
	"fmt"
	"strconv"
	"strings"
)

// Ref addresses a document or some of its paragraphs, as readers cite them:
// "DOC", "DOC:N", "DOC:N-M" or "DOC:ROLE" (heading, salutation, signature,
// postscript).
type Ref struct {
	Doc      string
	From, To int  // body paragraphs From..To; both 0 for a whole document or a role
	Role     Role // an unnumbered paragraph, or ""
}

// ParseRef reads a reference. It checks only the form; Corpus.Resolve checks
// that the document and paragraphs exist.
func ParseRef(s string) (Ref, error) {
	doc, para, hasPara := strings.Cut(s, ":")
	if doc == "" {
		return Ref{}, fmt.Errorf("reference %q names no document (write DOC, DOC:N, DOC:N-M or DOC:salutation)", s)
	}
	r := Ref{Doc: doc}
	if !hasPara {
		return r, nil
	}
	if isUnnumbered(Role(para)) {
		r.Role = Role(para)
		return r, nil
	}
	from, to, isRange := strings.Cut(para, "-")
	var err1, err2 error
	r.From, err1 = strconv.Atoi(from)
	r.To = r.From
	if isRange {
		r.To, err2 = strconv.Atoi(to)
	}
	if err1 != nil || err2 != nil || r.From < 1 || r.To < r.From {
		return Ref{}, fmt.Errorf("reference %q: %q is not a paragraph number, a range N-M with N ≤ M, or one of heading, salutation, signature, postscript", s, para)
	}
	return r, nil
}

// Resolve returns the document a reference names and the paragraphs it
// selects (all of them for a bare document). An unknown document or
// paragraph is an error that names what exists.
func (c *Corpus) Resolve(r Ref) (*Document, []*Paragraph, error) {
	d := c.Document(r.Doc)
	if d == nil {
		return nil, nil, fmt.Errorf("unknown document %q; documents: %s", r.Doc, strings.Join(c.DocumentIDs(), ", "))
	}
	switch {
	case r.Role != "":
		if p := d.RoleParagraph(r.Role); p != nil {
			return d, []*Paragraph{p}, nil
		}
		return nil, nil, fmt.Errorf("%s has no %s; its paragraphs: %s", d.ID, r.Role, d.Addresses())
	case r.From > 0:
		if !d.HasText() || r.To > d.BodyCount() {
			return nil, nil, fmt.Errorf("%s has no paragraph %s; its paragraphs: %s", d.ID, rangeLabel(r.From, r.To, d.BodyCount()), d.Addresses())
		}
		var ps []*Paragraph
		for n := r.From; n <= r.To; n++ {
			ps = append(ps, d.BodyParagraph(n))
		}
		return d, ps, nil
	}
	return d, d.Paragraphs, nil
}

// rangeLabel names the first paragraph of from..to that a document with
// count body paragraphs lacks, and the range asked for when it was one.
func rangeLabel(from, to, count int) string {
	if from == to {
		return strconv.Itoa(from)
	}
	if from > count {
		return strconv.Itoa(from)
	}
	return strconv.Itoa(count+1) + " (asked for " + strconv.Itoa(from) + "-" + strconv.Itoa(to) + ")"
}

// ParseRefList reads a reference whose paragraph part may list several
// paragraphs, ranges and roles separated by commas, as argmap disputes
// writes them: "DOC:1,3,5-6,salutation". It returns one Ref per item, in
// the order written; a reference without commas gives one Ref, as ParseRef
// does.
func ParseRefList(s string) ([]Ref, error) {
	doc, para, hasPara := strings.Cut(s, ":")
	if !hasPara || !strings.Contains(para, ",") {
		r, err := ParseRef(s)
		if err != nil {
			return nil, err
		}
		return []Ref{r}, nil
	}
	var refs []Ref
	for _, item := range strings.Split(para, ",") {
		r, err := ParseRef(doc + ":" + item)
		if err != nil {
			return nil, fmt.Errorf("in %q: %w", s, err)
		}
		refs = append(refs, r)
	}
	return refs, nil
}

// ResolveList resolves the references of one ParseRefList and returns
// their document and the paragraphs they select, in the order written,
// each once.
func (c *Corpus) ResolveList(refs []Ref) (*Document, []*Paragraph, error) {
	var doc *Document
	var out []*Paragraph
	seen := map[*Paragraph]bool{}
	for _, r := range refs {
		d, paras, err := c.Resolve(r)
		if err != nil {
			return nil, nil, err
		}
		doc = d
		for _, p := range paras {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return doc, out, nil
}
