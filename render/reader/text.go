package reader

import (
	"html"
	"html/template"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// text is a string of the page in each of its language modes. The page
// holds every mode at once and its stylesheet shows the current one: a
// variant carries data-l, the mode it belongs to, and lang, the language it
// is written in, which differ when a mode's language has no strings of its
// own and English stands in.
type text struct {
	variants []variant
	// one shows only the primary language's variant in parallel mode: the
	// page's own words, kinds and places. Titles and summaries show every
	// language side by side.
	one bool
}

type variant struct {
	mode, lang argmap.Lang
	s          string
}

// HTML writes the variants as spans, escaped. A text that reads the same
// in every mode is one span that every mode shows; an empty variant shows
// nothing in its mode.
func (t text) HTML() template.HTML {
	if len(t.variants) == 0 {
		return ""
	}
	same := true
	for _, v := range t.variants[1:] {
		if v.s != t.variants[0].s || v.lang != t.variants[0].lang {
			same = false
			break
		}
	}
	var b strings.Builder
	if same {
		v := t.variants[0]
		if v.s == "" {
			return ""
		}
		b.WriteString(`<span lang="` + string(v.lang) + `">` + html.EscapeString(v.s) + `</span>`)
		return template.HTML(b.String())
	}
	class := ""
	if t.one {
		class = ` class="one"`
	}
	for _, v := range t.variants {
		if v.s == "" {
			continue
		}
		b.WriteString(`<span data-l="` + html.EscapeString(string(v.mode)) + `" lang="` + html.EscapeString(string(v.lang)) + `"` + class + `>`)
		b.WriteString(html.EscapeString(v.s))
		b.WriteString(`</span>`)
	}
	return template.HTML(b.String()) // every part escaped above
}

// oneInBoth makes the text show only the primary language in parallel
// mode.
func (t text) oneInBoth() text {
	t.one = true
	return t
}

// In returns the variant of a mode, for places that take plain text.
func (t text) In(mode argmap.Lang) string {
	for _, v := range t.variants {
		if v.mode == mode {
			return v.s
		}
	}
	if len(t.variants) > 0 {
		return t.variants[0].s
	}
	return ""
}

// langs are the page's language modes with what they need to build texts.
type langs struct {
	modes   []argmap.Lang // the corpus's languages, in its order
	primary argmap.Lang   // the first: the page's own words in parallel mode
}

// say builds one of the page's own strings in every mode. A mode whose
// language has no table reads English.
func (ls langs) say(m render.Message, args ...any) text {
	return ls.each(true, func(lang argmap.Lang) (argmap.Lang, string) {
		return writtenIn(pageMessages.Has(lang), lang), pageMessages.Say(lang, m, args...)
	})
}

// sayDiagram builds a string from render's table (kinds, relations,
// paragraph names, dates) in every mode.
func (ls langs) sayDiagram(f func(lang argmap.Lang) string) text {
	return ls.each(true, func(lang argmap.Lang) (argmap.Lang, string) {
		return writtenIn(render.HasMessages(lang), lang), f(lang)
	})
}

// data builds a text from the map's or the corpus's own strings, which are
// written per language (summaries, titles); a language they lack reads
// English.
func (ls langs) data(byLang map[argmap.Lang]string) text {
	return ls.each(false, func(lang argmap.Lang) (argmap.Lang, string) {
		if s := byLang[lang]; s != "" {
			return lang, s
		}
		return argmap.English, byLang[argmap.English]
	})
}

// named builds a text from names the corpus gives per language through an
// accessor (Party.NameIn, Speaker.ShortIn, Dispute.TitleIn), shown once in
// parallel mode when one is true.
func (ls langs) named(one bool, f func(lang argmap.Lang) string) text {
	return ls.each(one, func(lang argmap.Lang) (argmap.Lang, string) { return lang, f(lang) })
}

func (ls langs) each(one bool, f func(lang argmap.Lang) (argmap.Lang, string)) text {
	t := text{one: one}
	for _, mode := range ls.modes {
		lang, s := f(mode)
		t.variants = append(t.variants, variant{mode: mode, lang: lang, s: s})
	}
	return t
}

// writtenIn is the language a table's string for lang is written in: lang
// when the table has it, else English.
func writtenIn(tableHasLang bool, lang argmap.Lang) argmap.Lang {
	if tableHasLang {
		return lang
	}
	return argmap.English
}
