package export

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/argmap/argmap/argmap"
	"github.com/argmap/argmap/render"
)

// ArgdownOptions says how WriteArgdown writes a map.
type ArgdownOptions struct {
	Lang argmap.Lang // language of statement texts and headings; English when empty
}

// WriteArgdown prints a validated map as an Argdown document: a front
// matter with the title, then one section per letter (the document whose
// proposition a unit is, in date order), each holding its units as
// statements titled by their ids, tagged with their kind and carrying
// party, date and place as data. Relations are written under their source
// statement: rebuts as an attack (->), undercuts as an undercut (_>),
// supports as a support (+>). Argdown has no concession, so a concession
// lists what it grants in its data (concedes) and mentions it in its text.
// Argdown's syntax characters in any text are escaped with a backslash.
func WriteArgdown(w io.Writer, m *argmap.Map, opts ArgdownOptions) error {
	if opts.Lang == "" {
		opts.Lang = argmap.English
	}
	var b bytes.Buffer
	b.WriteString("===\ntitle: " + yamlString(m.TitleIn(opts.Lang)) + "\n===\n")
	byOrigin := map[*argmap.Document][]*argmap.Unit{}
	for _, u := range m.Units {
		byOrigin[u.Origin()] = append(byOrigin[u.Origin()], u)
	}
	for _, d := range m.Corpus.Chronological() {
		units := byOrigin[d]
		if len(units) == 0 {
			continue
		}
		b.WriteString("\n# " + ArgdownEscape(documentHeading(d, opts.Lang)) + "\n")
		for _, u := range units {
			writeArgdownStatement(&b, u, opts.Lang)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// documentHeading is a section's heading: the document's title in lang,
// else its speaker and date ("Clark, 29 June 1953"). It is never empty:
// Argdown refuses a heading without text.
func documentHeading(d *argmap.Document, lang argmap.Lang) string {
	if t := d.TitleIn(lang); t != "" {
		return t
	}
	speaker := d.ID
	if d.Speaker != nil {
		speaker = d.Speaker.ShortIn(lang)
	}
	return render.Say(lang, render.MsgSpeakerDate, speaker, render.DateIn(lang, d.Date))
}

var argdownRelation = map[argmap.RelationType]string{
	argmap.Rebuts:    "->",
	argmap.Undercuts: "_>",
	argmap.Supports:  "+>",
}

func writeArgdownStatement(b *bytes.Buffer, u *argmap.Unit, lang argmap.Lang) {
	text := ArgdownEscape(unitText(u, lang))
	var conceded []string
	for _, r := range u.Relations {
		if r.Type == argmap.Concedes && r.To != nil {
			conceded = append(conceded, r.To.ID)
		}
	}
	for _, id := range conceded {
		text += " Concedes @[" + id + "]."
	}
	b.WriteString("\n[" + u.ID + "]: " + text + " #" + string(u.Kind) + " {")
	var data []string
	if u.Party != nil {
		data = append(data, "party: "+yamlString(u.Party.ID))
	}
	data = append(data, "date: "+yamlString(u.Date.String()))
	if p := u.Span.Paragraph; p != nil {
		data = append(data, "place: "+yamlString(p.Ref()))
	}
	if len(conceded) > 0 {
		data = append(data, "concedes: ["+strings.Join(conceded, ", ")+"]")
	}
	b.WriteString(strings.Join(data, ", ") + "}\n")
	for _, r := range u.Relations {
		if op := argdownRelation[r.Type]; op != "" && r.To != nil {
			b.WriteString("  " + op + " [" + r.To.ID + "]\n")
		}
	}
}

// yamlString quotes s as a YAML double-quoted string, as Argdown's front
// matter and data blocks read them. Go's quoting fits: every escape it
// writes (\", \\, \n, \t, \xXX, \uXXXX, ...) means the same in YAML.
func yamlString(s string) string { return strconv.Quote(s) }

// argdownSpecial are the characters that start Argdown syntax anywhere in
// a line: titles and mentions ([ ] < > @), tags (#), emphasis (* _),
// data ({ }), links and escapes (\ ( )), comments (/).
const argdownSpecial = `[]<>@#*_{}\()/+-:,=`

// ArgdownEscape makes text safe to stand as one line of Argdown statement
// text: every character of Argdown syntax is escaped with a backslash, and
// line breaks become spaces, so that no summary can open a relation, a
// title, a tag or a comment.
func ArgdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case strings.ContainsRune(argdownSpecial, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
