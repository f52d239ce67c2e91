package png

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// cjkFontPaths are the places where the usual CJK font packages install
// their fonts: Debian and Ubuntu first (fonts-noto-cjk, fonts-wqy-zenhei,
// fonts-wqy-microhei), then Fedora, Arch, macOS and Windows.
var cjkFontPaths = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/google-noto-sans-cjk-vf-fonts/NotoSansCJK-VF.ttc",
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
	"/System/Library/Fonts/PingFang.ttc",
	"/System/Library/Fonts/STHeiti Light.ttc",
	`C:\Windows\Fonts\msyh.ttc`,
	`C:\Windows\Fonts\simsun.ttc`,
}

// MissingFontError reports that labels hold Chinese, Japanese or Korean text
// and no font with those glyphs was found, so a PNG would show empty boxes.
type MissingFontError struct {
	// Sample is a short run of the characters that could not be drawn.
	Sample string
}

func (e *MissingFontError) Error() string {
	return fmt.Sprintf("render: the labels contain CJK text (%q) but no CJK font was found: "+
		"install one (apt-get install fonts-noto-cjk) or name a font file with Chinese glyphs", e.Sample)
}

// fontSet holds the faces text is drawn with: the Go fonts for Latin text
// and one CJK font, when there is one, for everything they lack.
type fontSet struct {
	regular, bold, italic, boldItalic, mono *sfnt.Font
	cjk                                     *sfnt.Font // nil when none was found
}

var goFonts = sync.OnceValues(func() (*fontSet, error) {
	var set fontSet
	for _, f := range []struct {
		dst  **sfnt.Font
		data []byte
	}{
		{&set.regular, goregular.TTF},
		{&set.bold, gobold.TTF},
		{&set.italic, goitalic.TTF},
		{&set.boldItalic, gobolditalic.TTF},
		{&set.mono, gomono.TTF},
	} {
		font, err := opentype.Parse(f.data)
		if err != nil {
			return nil, fmt.Errorf("render: parsing Go font: %w", err)
		}
		*f.dst = font
	}
	return &set, nil
})

// loadedFonts caches parsed font files for the life of the process: the CJK
// collections are tens of megabytes and are read lazily through the file.
var loadedFonts struct {
	mu    sync.Mutex
	fonts map[string]*sfnt.Font
}

// loadFonts returns the fonts for a PNG: the Go fonts and the CJK font
// named by path, or found on the system when path is empty. A font named
// explicitly that cannot be loaded is an error, named by origin ("font
// file" when empty); a system without a CJK font is not, until text needs
// one.
func loadFonts(path, origin string) (*fontSet, error) {
	latin, err := goFonts()
	if err != nil {
		return nil, err
	}
	set := *latin
	if path != "" {
		f, err := loadFontFile(path)
		if err != nil {
			if origin == "" {
				origin = "font file"
			}
			return nil, fmt.Errorf("render: loading %s %s: %w", origin, path, err)
		}
		set.cjk = f
		return &set, nil
	}
	set.cjk = systemCJKFont()
	return &set, nil
}

// systemCJKFont returns the first CJK font found at a known place or through
// fontconfig, or nil.
var systemCJKFont = sync.OnceValue(func() *sfnt.Font {
	for _, p := range cjkFontPaths {
		if f, err := loadFontFile(p); err == nil {
			return f
		}
	}
	if p := fcMatch(); p != "" {
		if f, err := loadFontFile(p); err == nil {
			return f
		}
	}
	return nil
})

// fcMatch asks fontconfig, when it is installed, for a Chinese font file.
func fcMatch() string {
	if _, err := exec.LookPath("fc-match"); err != nil {
		return ""
	}
	out, err := exec.Command("fc-match", "-f", "%{file}", ":lang=zh-cn").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// loadFontFile parses a font or font collection and returns the face best
// suited to Chinese text: Simplified Chinese from a Noto CJK collection, the
// proportional face from WenQuanYi's. It fails when the font has no Chinese
// glyphs.
func loadFontFile(path string) (*sfnt.Font, error) {
	loadedFonts.mu.Lock()
	defer loadedFonts.mu.Unlock()
	if f, ok := loadedFonts.fonts[path]; ok {
		return f, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	coll, err := sfnt.ParseCollectionReaderAt(file)
	if err != nil {
		file.Close()
		return nil, err
	}
	var buf sfnt.Buffer
	var best *sfnt.Font
	bestScore := -1
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		if g, err := f.GlyphIndex(&buf, '中'); err != nil || g == 0 {
			continue
		}
		name, _ := f.Name(&buf, sfnt.NameIDFull)
		score := 1
		switch {
		case strings.Contains(name, " SC"):
			score = 3
		case strings.Contains(name, "Mono"):
			score = 0
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	if best == nil {
		file.Close()
		// x/image/sfnt rejects tables that do not start on a four-byte
		// boundary, as in WenQuanYi's fonts; copy them into aligned ones.
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		for _, font := range realignedFonts(data) {
			if g, err := font.GlyphIndex(&buf, '中'); err == nil && g != 0 {
				name, _ := font.Name(&buf, sfnt.NameIDFull)
				if best == nil || !strings.Contains(name, "Mono") {
					best = font
				}
				if !strings.Contains(name, "Mono") {
					break
				}
			}
		}
		if best == nil {
			return nil, errors.New("no Chinese glyphs in font")
		}
	}
	// The file stays open: sfnt reads glyphs from it on demand.
	if loadedFonts.fonts == nil {
		loadedFonts.fonts = make(map[string]*sfnt.Font)
	}
	loadedFonts.fonts[path] = best
	return best, nil
}

// realignedFonts rebuilds each font of a font file or collection with its
// tables on four-byte boundaries, and parses the ones that then parse.
func realignedFonts(data []byte) []*sfnt.Font {
	offsets := []uint32{0}
	if len(data) >= 12 && string(data[:4]) == "ttcf" {
		n := binary.BigEndian.Uint32(data[8:])
		if n > 64 || len(data) < 12+4*int(n) {
			return nil
		}
		offsets = offsets[:0]
		for i := range n {
			offsets = append(offsets, binary.BigEndian.Uint32(data[12+4*i:]))
		}
	}
	var fonts []*sfnt.Font
	for _, off := range offsets {
		if int(off)+12 > len(data) {
			continue
		}
		dir := data[off:]
		tables := int(binary.BigEndian.Uint16(dir[4:]))
		if len(dir) < 12+16*tables {
			continue
		}
		out := append([]byte(nil), dir[:12+16*tables]...)
		ok := true
		for i := range tables {
			rec := out[12+16*i:]
			start, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			if uint64(start)+uint64(length) > uint64(len(data)) {
				ok = false
				break
			}
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
			binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
			out = append(out, data[start:start+length]...)
		}
		if !ok {
			continue
		}
		if f, err := sfnt.Parse(out); err == nil {
			fonts = append(fonts, f)
		}
	}
	return fonts
}
