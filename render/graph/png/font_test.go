package png

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

func TestSystemCJKFontsLoadWithChineseGlyphs(t *testing.T) {
	found := 0
	for _, path := range cjkFontPaths {
		if _, err := os.Stat(path); err != nil {
			continue
		}
		found++
		t.Run(path, func(t *testing.T) {
			f, err := loadFontFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var buf sfnt.Buffer
			for _, r := range "中国人民志愿军“在逃”，" {
				if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
					t.Errorf("no glyph for %q", r)
				}
			}
			name, _ := f.Name(&buf, sfnt.NameIDFull)
			if strings.Contains(path, "Noto") && !strings.Contains(name, " SC") {
				t.Errorf("picked %q from the Noto collection, want the Simplified Chinese face", name)
			}
			if strings.Contains(path, "wqy") && strings.Contains(name, "Mono") {
				t.Errorf("picked the monospaced face %q from WenQuanYi", name)
			}
		})
	}
	if found == 0 {
		requireCJKFont(t)
	}
}

// notoSansCJKBold is a font that fonts-noto-cjk installs beside the
// Regular face that systemCJKFont finds first, so that naming it is seen to
// change the font.
const notoSansCJKBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"

func TestAFontFileNamesTheCJKFont(t *testing.T) {
	if _, err := os.Stat(notoSansCJKBold); err != nil {
		msg := "no " + notoSansCJKBold + ": apt-get install fonts-noto-cjk"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	system, err := loadFonts("", "")
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := loadFonts(notoSansCJKBold, "")
	if err != nil {
		t.Fatal(err)
	}
	want, err := loadFontFile(notoSansCJKBold)
	if err != nil {
		t.Fatal(err)
	}
	if fonts.cjk != want || fonts.cjk == system.cjk {
		t.Errorf("naming %s did not select that font", notoSansCJKBold)
	}
}

func TestRunsSetChineseLabelsInTheCJKFontThroughout(t *testing.T) {
	requireCJKFont(t)
	fonts, err := loadFonts("", "")
	if err != nil {
		t.Fatal(err)
	}
	d := newTextDrawer(fonts)
	latin := d.latinFont("Helvetica", false, false)
	for _, tc := range []struct {
		text string
		want []*sfnt.Font
	}{
		{"Clark, 29 June", []*sfnt.Font{fonts.regular}},
		{"严重事件 serious", []*sfnt.Font{fonts.cjk}},
		{"¶3 “在逃”", []*sfnt.Font{fonts.cjk}},
	} {
		runs := d.runs(tc.text, latin, 14)
		var got []*sfnt.Font
		var text strings.Builder
		for _, r := range runs {
			text.WriteString(r.text)
			for f, face := range map[*sfnt.Font]bool{fonts.regular: true, fonts.cjk: true} {
				if face && d.face(f, 14) == r.face {
					got = append(got, f)
				}
			}
		}
		if text.String() != tc.text {
			t.Errorf("runs of %q join to %q", tc.text, text.String())
		}
		if len(got) != len(tc.want) || got[0] != tc.want[0] {
			t.Errorf("%q is set in %d runs with fonts %v, want %v", tc.text, len(runs), got, tc.want)
		}
	}
}

func TestLatinFontFollowsGraphvizFontNames(t *testing.T) {
	fonts, err := goFonts()
	if err != nil {
		t.Fatal(err)
	}
	d := newTextDrawer(fonts)
	for _, tc := range []struct {
		name         string
		bold, italic bool
		want         *sfnt.Font
	}{
		{"Times-Roman", false, false, fonts.regular},
		{"Helvetica-Bold", false, false, fonts.bold},
		{"Helvetica", true, true, fonts.boldItalic},
		{"Times-Italic", false, false, fonts.italic},
		{"Courier", false, false, fonts.mono},
	} {
		if got := d.latinFont(tc.name, tc.bold, tc.italic); got != tc.want {
			t.Errorf("latinFont(%q, bold %v, italic %v) picked the wrong Go font", tc.name, tc.bold, tc.italic)
		}
	}
}

func TestIsCJK(t *testing.T) {
	for r, want := range map[rune]bool{'中': true, '，': true, '。': true, 'あ': true, '한': true, 'a': false, '¶': false, '“': false, 'é': false} {
		if got := isCJK(r); got != want {
			t.Errorf("isCJK(%q) = %v, want %v", r, got, want)
		}
	}
}
