// Package reader writes the bilingual reader: one self-contained HTML page
// with each letter beside the replies to it, in each language of the corpus
// or all of them in parallel; every annotated passage highlighted, numbered
// and linked to its node in the diagram; the map whole and dispute by
// dispute; a list of the units; and no network access. The same page serves
// a class: an exercise mode hides the answers until they are revealed, a
// one-dispute handout prints on its own, and a student's map can be shown
// beside a key with the differences marked.
//
// Data flows one way: Reader builds a readerPage from the map (the letters
// cut into marked segments, the diagrams drawn once per language and view
// and prepared for the page, the units and their relations, every string in
// every language mode), then executes the template; reader.js links the
// parts in the browser.
package reader

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
	"github.com/argmap/argmap/render/diag"
)

//go:embed html/reader.html.tmpl html/reader.css html/reader.js
var readerFiles embed.FS

var (
	readerTemplate = template.Must(template.New("reader.html.tmpl").ParseFS(readerFiles, "html/reader.html.tmpl"))
	readerCSS      = mustRead("html/reader.css")
	readerJS       = mustRead("html/reader.js")
	// readerScriptHash lets the Content-Security-Policy allow exactly the
	// reader's own script: an injected inline handler or script never runs,
	// even if some text escaped escaping.
	readerScriptHash = scriptHash(readerJS)
)

func mustRead(name string) string {
	b, err := readerFiles.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// BothMode is the language mode that shows every language of the corpus in
// parallel.
const BothMode = "both"

// ReaderOptions tune the bilingual reader.
type ReaderOptions struct {
	// Lang is the mode the page opens in: a language of the corpus, or
	// BothMode for every language in parallel. The corpus's first language
	// when empty.
	Lang string
	// Live connects the page to a preview server's /events stream, which
	// tells it to reload when the annotations change.
	Live bool
	// Version names the state of the map the page shows, for Live pages:
	// the page reloads when the server's version differs.
	Version string
	// Diagnostics are shown above the reader (warnings of a valid map), or
	// instead of it when the map is nil.
	Diagnostics []argmap.Diagnostic
	// Files are the annotation files, for source lines in diagnostics.
	Files []*argmap.File
	// Problem is an error that kept the map from being read at all (an
	// unreadable file, a broken corpus); with a nil map the page shows it.
	Problem string
	// SVG lays out and draws a diagram; SVG in this package when nil. A
	// long-running server passes one that renders in a child process,
	// because go-graphviz never frees the memory a render takes.
	SVG func(dot []byte) ([]byte, error)
	// Exercise opens the page with the highlights and the map hidden; the
	// reader reveals them a paragraph or a dispute at a time, or all at
	// once. Every page has the control; this only sets where it starts.
	Exercise bool
	// Dispute makes a one-dispute handout: the dispute's diagram, its
	// paragraphs with only its passages marked, and its units.
	Dispute string
	// Key, when not nil, is a key the map is compared with: the page shows
	// the map (a student's) beside the key's, with the differences marked,
	// as argmap.Compare finds them. StudentName and KeyName name the two
	// in headings (their files, say).
	Key                  *argmap.Map
	StudentName, KeyName string
	// Assignment limits the comparison with Key to the part of it a class
	// was asked to annotate, as argmap compare's --doc, --paragraphs and
	// --dispute do: key units outside it are not missed.
	Assignment argmap.Assignment
}

// readerPage is what the template sees.
type readerPage struct {
	langs
	Opening   string // the mode the page opens in
	HTMLLang  string // <html lang>: the opening mode's language
	Modes     []modeButton
	ModeCSS   template.CSS
	Fallbacks []text // one note per language mode without strings of its own
	Heading   text
	Subtitle  text
	TabTitle  string
	CSP       string
	CSS       template.CSS
	Script    template.JS
	Data      readerData
	Sections  []readerSection
	Disputes  []readerDispute
	Figures   []readerFigure
	Lists     []readerList
	// Differences lists how a student's map differs from the key; nil
	// unless the page compares.
	Differences *readerDifferences
	Handout     bool // a one-dispute handout
	Compare     bool
	Diagnostics string
	Problem     string
	Errors      int
	Warnings    int
	Invalid     bool
}

// Say gives one of the page's own strings, by key, in every mode. A key
// the table lacks is an error, so that a misspelt key in the template
// fails the tests that execute it.
func (p *readerPage) Say(key string, args ...any) (template.HTML, error) {
	m := render.Message(key)
	if _, ok := pageMessages[argmap.English][m]; !ok {
		return "", fmt.Errorf("the reader's table has no message %q", key)
	}
	return p.say(m, args...).HTML(), nil
}

// Diagram gives a string of render's table (kinds, "Key"), which the
// diagrams' legends share, in every mode.
func (p *readerPage) Diagram(key string) (template.HTML, error) {
	m := render.Message(key)
	if !slices.Contains(render.Messages(), m) {
		return "", fmt.Errorf("render's table has no message %q", key)
	}
	return p.sayDiagram(func(lang argmap.Lang) string { return render.Say(lang, m) }).HTML(), nil
}

type modeButton struct {
	Mode  string
	Lang  string // the language of the label, empty for the parallel mode
	Label string
}

// readerData is handed to the script as JSON.
type readerData struct {
	Live      bool                  `json:"live"`
	Version   string                `json:"version"`
	Primary   string                `json:"primary"`
	Titles    map[string]string     `json:"titles"` // the document's title in each mode
	Units     map[string]readerLink `json:"units"`
	Order     []string              `json:"order"`     // unit keys in reading order
	Relations [][3]string           `json:"relations"` // edge key, from key, to key
	Disputes  map[string][]string   `json:"disputes"`  // dispute id: its unit keys
	Exercise  bool                  `json:"exercise"`
	View      string                `json:"view,omitempty"` // a handout's one view
}

type readerLink struct {
	Kind   string   `json:"kind"`
	Number string   `json:"n"`
	Edges  []string `json:"edges"` // keys of relations in and out
	Near   []string `json:"near"`  // units at the other end of them
	Match  string   `json:"match,omitempty"`
}

// pageBuilder holds what building a page needs.
type pageBuilder struct {
	langs
	m       *argmap.Map
	opening argmap.Lang // a language, or BothMode
	opts    ReaderOptions
	page    *readerPage
	// drawings are the diagrams being laid out while the page is built
	// and written; finish waits for them and splice puts each in its place.
	drawings    []*drawing
	slots       chan struct{} // bounds the layouts that run at once
	placeholder placeholder   // of the diagrams in the page being written
}

// pageMap is one map on the page with how the page names its units: the
// map itself, or a key shown beside a student's map.
type pageMap struct {
	m      *argmap.Map
	prefix string // of unit keys: "" or "key."
	number map[*argmap.Unit]string
	diff   mapDiff // where a compared map differs from the other
	marks  map[argmap.Lang]diagramMarks
}

func (pm *pageMap) key(u *argmap.Unit) string { return pm.prefix + u.ID }

// newPageMap numbers a map's units in reading order, each number preceded
// by label ("K" for a key's units).
func newPageMap(m *argmap.Map, prefix, label string) *pageMap {
	pm := &pageMap{m: m, prefix: prefix, number: map[*argmap.Unit]string{}, marks: map[argmap.Lang]diagramMarks{}}
	for i, u := range argmap.SortUnitsByPlace(m.Units) {
		pm.number[u] = label + strconv.Itoa(i+1)
	}
	return pm
}

// Reader writes the bilingual reader: one self-contained HTML page with the
// letters, every anchored span highlighted and numbered, the diagrams of
// the map and of each dispute in each language, and a list of units, all
// linked. It loads nothing from the network. With a nil map it shows only
// opts.Diagnostics, as a preview server does while the annotations are
// invalid.
func Reader(w io.Writer, m *argmap.Map, opts ReaderOptions) error {
	page := &readerPage{
		CSS:    template.CSS(readerCSS),
		Script: template.JS(readerJS),
		Data:   readerData{Live: opts.Live, Version: opts.Version, Units: map[string]readerLink{}, Titles: map[string]string{}},
	}
	csp := "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src " + readerScriptHash
	if opts.Live {
		csp += "; connect-src 'self'"
	}
	page.CSP = csp
	if err := page.diagnostics(opts); err != nil {
		return err
	}
	if m == nil {
		return invalidPage(w, page, opts)
	}
	b := &pageBuilder{m: m, opts: opts, page: page, slots: make(chan struct{}, max(2, runtime.NumCPU())),
		placeholder: newPlaceholder()}
	if err := b.setModes(); err != nil {
		return err
	}
	var err error
	switch {
	case opts.Key != nil:
		err = b.comparison()
	case opts.Dispute != "":
		err = b.handout()
	default:
		err = b.reader()
	}
	if err != nil {
		_ = b.finish()
		return err
	}
	page.TabTitle = page.Heading.In(b.opening)
	for _, mode := range b.modes {
		page.Data.Titles[string(mode)] = page.Heading.In(mode)
	}
	page.Data.Titles[BothMode] = page.Heading.In(b.primary)
	page.Data.Exercise = opts.Exercise
	// The page is written while its diagrams are laid out, each diagram
	// as a placeholder, which splice then replaces with the diagram.
	var written bytes.Buffer
	executed := readerTemplate.Execute(&written, page)
	if err := b.finish(); err != nil {
		return err
	}
	if executed != nil {
		return executed
	}
	return b.splice(w, written.Bytes())
}

// diagnostics counts the diagnostics and writes the ones the page shows.
func (page *readerPage) diagnostics(opts ReaderOptions) error {
	for _, d := range opts.Diagnostics {
		switch d.Severity {
		case argmap.SeverityError:
			page.Errors++
		case argmap.SeverityWarning:
			page.Warnings++
		}
	}
	if len(opts.Diagnostics) == 0 || (page.Warnings == 0 && page.Errors == 0) {
		return nil
	}
	var b bytes.Buffer
	if err := diag.WriteText(&b, &diag.Report{Files: opts.Files, Diagnostics: opts.Diagnostics}, diag.DiagnosticOptions{}); err != nil {
		return err
	}
	page.Diagnostics = b.String()
	return nil
}

// invalidPage writes the page of a map that does not validate: its
// diagnostics, in the language it would have opened in.
func invalidPage(w io.Writer, page *readerPage, opts ReaderOptions) error {
	lang := argmap.Lang(opts.Lang)
	if lang == "" || lang == BothMode {
		lang = argmap.English
	}
	page.langs = langs{modes: []argmap.Lang{lang}, primary: lang}
	page.Opening, page.HTMLLang = string(lang), string(lang)
	page.Invalid = true
	page.Problem = opts.Problem
	page.TabTitle = pageMessages.Say(lang, msgInvalidTitle)
	page.Heading = page.say(msgInvalidTitle)
	return readerTemplate.Execute(w, page)
}

// setModes reads the corpus's languages into the page's modes, buttons
// and style, and checks the opening mode.
func (b *pageBuilder) setModes() error {
	page := b.page
	b.modes = slices.Clone(b.m.Corpus.Languages)
	if len(b.modes) == 0 {
		return errors.New("the corpus declares no language")
	}
	b.primary = b.modes[0]
	page.langs = b.langs
	b.opening = argmap.Lang(b.opts.Lang)
	switch {
	case b.opening == "":
		b.opening = b.primary
	case b.opening == BothMode && len(b.modes) == 1:
		b.opening = b.primary // one language is all of them
	case b.opening == BothMode:
	case !slices.Contains(b.modes, b.opening):
		var names []string
		for _, l := range b.modes {
			names = append(names, string(l))
		}
		if len(b.modes) > 1 {
			names = append(names, BothMode)
		}
		return fmt.Errorf("language %q: the corpus's are %s", b.opening, strings.Join(names, ", "))
	}
	page.Opening = string(b.opening)
	page.HTMLLang = string(b.opening)
	if b.opening == BothMode {
		page.HTMLLang = string(b.primary)
	}
	page.Data.Primary = string(b.primary)
	var css strings.Builder
	var labels []string
	for _, l := range b.modes {
		label := strings.ToUpper(string(l))
		if pageMessages.Has(l) {
			label = pageMessages.Say(l, msgLanguageButton)
		}
		labels = append(labels, label)
		page.Modes = append(page.Modes, modeButton{Mode: string(l), Lang: string(l), Label: label})
		fmt.Fprintf(&css, "html[data-lang=%[1]s] [data-l]:not([data-l=%[1]s]) { display: none !important; }\n", cssString(string(l)))
		if !pageMessages.Has(l) {
			// Said once, in the mode it is about.
			page.Fallbacks = append(page.Fallbacks, b.each(true, func(mode argmap.Lang) (argmap.Lang, string) {
				if mode != l {
					return mode, ""
				}
				return argmap.English, pageMessages.Say(argmap.English, msgFallback, string(l))
			}))
		}
	}
	if len(b.modes) > 1 {
		page.Modes = append(page.Modes, modeButton{Mode: BothMode, Label: strings.Join(labels, " + ")})
		fmt.Fprintf(&css, "html[data-lang=%s] .one[data-l]:not([data-l=%s]) { display: none !important; }\n", cssString(BothMode), cssString(string(b.primary)))
	}
	page.ModeCSS = template.CSS(css.String())
	return nil
}

// cssString quotes a language tag for a CSS attribute selector. Tags are
// letters, digits and hyphens; anything else is dropped, so the style
// cannot be broken out of.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
