package png

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// isCJK reports whether r belongs to Chinese, Japanese or Korean text,
// including its fullwidth punctuation.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK symbols and punctuation
		(r >= 0xff00 && r <= 0xffef) // halfwidth and fullwidth forms
}

// faceKey identifies a face at one pixel size.
type faceKey struct {
	font *sfnt.Font
	size float64
}

// textDrawer measures and draws text with per-rune fallback between the
// Latin and CJK fonts, caching faces by font and size for one image.
type textDrawer struct {
	fonts *fontSet
	faces map[faceKey]font.Face
	buf   sfnt.Buffer
}

func newTextDrawer(fonts *fontSet) *textDrawer {
	return &textDrawer{fonts: fonts, faces: make(map[faceKey]font.Face)}
}

func (d *textDrawer) face(f *sfnt.Font, size float64) font.Face {
	key := faceKey{f, size}
	if face, ok := d.faces[key]; ok {
		return face
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	d.faces[key] = face
	return face
}

// latinFont picks the Go font for a Graphviz font name such as
// "Helvetica-Bold" or "Courier", and the bold and italic flags of xdot's t op.
func (d *textDrawer) latinFont(name string, bold, italic bool) *sfnt.Font {
	lower := strings.ToLower(name)
	bold = bold || strings.Contains(lower, "bold")
	italic = italic || strings.Contains(lower, "italic") || strings.Contains(lower, "oblique")
	switch {
	case strings.Contains(lower, "mono") || strings.Contains(lower, "courier"):
		return d.fonts.mono
	case bold && italic:
		return d.fonts.boldItalic
	case bold:
		return d.fonts.bold
	case italic:
		return d.fonts.italic
	}
	return d.fonts.regular
}

func (d *textDrawer) has(f *sfnt.Font, r rune) bool {
	g, err := f.GlyphIndex(&d.buf, r)
	return err == nil && g != 0
}

// textRun is a stretch of text drawn with one face.
type textRun struct {
	face font.Face
	text string
}

// runs splits text into runs by font. Text with any character the Latin font
// lacks is set in the CJK font throughout, so that a label's Latin and
// Chinese characters match in weight and baseline, falling back per
// character to the Latin font for what the CJK font lacks.
func (d *textDrawer) runs(text string, latin *sfnt.Font, size float64) []textRun {
	primary, secondary := latin, d.fonts.cjk
	if secondary != nil {
		for _, r := range text {
			if !unicode.IsSpace(r) && !d.has(latin, r) {
				primary, secondary = secondary, latin
				break
			}
		}
	}
	var out []textRun
	var cur *sfnt.Font
	var b strings.Builder
	for _, r := range text {
		f := primary
		if secondary != nil && !unicode.IsSpace(r) && !d.has(primary, r) && d.has(secondary, r) {
			f = secondary
		}
		if f != cur && b.Len() > 0 {
			out = append(out, textRun{d.face(cur, size), b.String()})
			b.Reset()
		}
		cur = f
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, textRun{d.face(cur, size), b.String()})
	}
	return out
}

// measure splits text into runs and returns them with their total advance.
func (d *textDrawer) measure(text string, latin *sfnt.Font, size float64) ([]textRun, fixed.Int26_6) {
	runs := d.runs(text, latin, size)
	var width fixed.Int26_6
	for _, r := range runs {
		if r.face != nil {
			width += font.MeasureString(r.face, r.text)
		}
	}
	return runs, width
}

// missingCJK returns a short sample of the CJK characters in texts when
// there is no CJK font to draw them, or "".
func missingCJK(fonts *fontSet, texts []string) string {
	if fonts.cjk != nil {
		return ""
	}
	var sample []rune
	for _, text := range texts {
		for _, r := range text {
			if isCJK(r) && len(sample) < 8 && !slices.Contains(sample, r) {
				sample = append(sample, r)
			}
		}
	}
	return string(sample)
}
