package argmap

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// maxStarterFiles bounds the text files StarterManifest looks at, so that
// running it in the wrong folder (a home folder) ends quickly.
const maxStarterFiles = 2000

// StarterManifest writes a starter corpus.yaml for the text files of a
// folder: every file named ID.LANG.txt (north-1902-03-01.en.txt) is the
// LANG text of document ID, and every other .txt file is declared as a
// source, with its checksum. Dates are read from ids that end in
// YYYY-MM-DD; speakers and parties are guessed from what comes before the
// date. A text typed one paragraph a line (several lines, no blank line)
// gets the lines layout. What cannot be guessed is left for the user, with
// a comment: the loader names each such place until it is filled in.
func StarterManifest(fsys fs.FS) ([]byte, error) {
	texts := map[string]map[Lang]string{} // document id → language → file
	layouts := map[string]map[Lang]Layout{}
	counts := map[string]map[Lang]int{}
	var sources []string
	seen := 0
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "annotations") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".txt") || !d.Type().IsRegular() {
			return nil
		}
		if seen++; seen > maxStarterFiles {
			return fmt.Errorf("more than %d .txt files: is this the folder of one exchange of letters?", maxStarterFiles)
		}
		base := strings.TrimSuffix(path.Base(name), ".txt")
		stem, tag, ok := cutLast(base, ".")
		if !ok || !languageTag.MatchString(tag) {
			sources = append(sources, name)
			return nil
		}
		id := kebab(stem)
		lang := Lang(tag)
		raw, err := readLimited(fsys, name)
		if err != nil {
			return err
		}
		if texts[id] == nil {
			texts[id], layouts[id], counts[id] = map[Lang]string{}, map[Lang]Layout{}, map[Lang]int{}
		}
		texts[id][lang] = name
		layouts[id][lang] = guessLayout(cleanText(string(raw)))
		counts[id][lang] = len(splitText(cleanText(string(raw)), layouts[id][lang]))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("no text files named ID.LANG.txt (such as north-1902-03-01.en.txt): name each document's texts so, one file per language")
	}
	return starterManifest(fsys, texts, layouts, counts, sources), nil
}

func starterManifest(fsys fs.FS, texts map[string]map[Lang]string, layouts map[string]map[Lang]Layout, counts map[string]map[Lang]int, sources []string) []byte {
	langSet := map[Lang]bool{}
	for _, byLang := range texts {
		for lang := range byLang {
			langSet[lang] = true
		}
	}
	var langs []Lang
	for lang := range langSet {
		langs = append(langs, lang)
	}
	slices.SortFunc(langs, func(a, b Lang) int {
		switch {
		case a == English:
			return -1
		case b == English:
			return 1
		}
		return strings.Compare(string(a), string(b))
	})
	ids := make([]string, 0, len(texts))
	for id := range texts {
		ids = append(ids, id)
	}
	// Documents in date order where the ids give dates, then by id.
	slices.SortFunc(ids, func(a, b string) int {
		if c := strings.Compare(idDate(a), idDate(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	speakers := []string{}
	for _, id := range ids {
		if s := idSpeaker(id); !slices.Contains(speakers, s) {
			speakers = append(speakers, s)
		}
	}

	var b strings.Builder
	b.WriteString(`# A starter corpus manifest, written by argmap corpus init from the text
# files of this folder. Check every line, fill in what is marked, and load it
# with: argmap corpus. The format is in docs/corpus.md.
title: ""
`)
	fmt.Fprintf(&b, "languages: [%s]\n", strings.Join(langNames(langs), ", "))
	if len(sources) > 0 {
		b.WriteString("\n# Files that are not a document's text: declare the pages the texts were\n# cut from, and name them in each document's source, to have every line\n# proved verbatim.\nsources:\n")
		for _, name := range sources {
			sum := ""
			if raw, err := readLimited(fsys, name); err == nil {
				sum = sha256Hex(raw)
			}
			fmt.Fprintf(&b, "  - id: %s\n    file: %s\n    sha256: %s\n", kebab(strings.TrimSuffix(path.Base(name), ".txt")), yamlValue(name), sum)
		}
	}
	b.WriteString("\n# The sides of the exchange. Give each a name, per language if you like:\n# name: {en: Northport, zh: 北港}.\nparties:\n")
	for _, s := range speakers {
		fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", s, s)
	}
	b.WriteString("\n# The voices that write the documents, each of a party.\nspeakers:\n")
	for _, s := range speakers {
		fmt.Fprintf(&b, "  - {id: %s, name: %s, party: %s}\n", s, s, s)
	}
	b.WriteString("\ndocuments:\n")
	for i, id := range ids {
		fmt.Fprintf(&b, "  - id: %s\n    speaker: %s\n", id, idSpeaker(id))
		if date := idDate(id); date != "" {
			fmt.Fprintf(&b, "    date: %s\n", date)
		} else {
			b.WriteString("    date: YYYY-MM-DD  # the date the document bears\n")
		}
		if i > 0 {
			fmt.Fprintf(&b, "    # replies-to: %s  # the document it answers, if any\n", ids[i-1])
		}
		b.WriteString("    text:\n")
		var lines []Lang
		var parts []string
		for _, lang := range langs {
			file, ok := texts[id][lang]
			if !ok {
				fmt.Fprintf(&b, "      # %s: the %s text is missing\n", lang, lang.Name())
				continue
			}
			fmt.Fprintf(&b, "      %s: %s\n", lang, yamlValue(file))
			if layouts[id][lang] == LayoutLines {
				lines = append(lines, lang)
			}
			parts = append(parts, fmt.Sprintf("%s %d", lang, counts[id][lang]))
		}
		if len(lines) > 0 {
			var entries []string
			for _, lang := range lines {
				entries = append(entries, string(lang)+": lines")
			}
			fmt.Fprintf(&b, "    layout: {%s}  # typed one paragraph a line\n", strings.Join(entries, ", "))
		}
		fmt.Fprintf(&b, "    # paragraphs: %s. List the unnumbered ones at the start and the end:\n", strings.Join(parts, ", "))
		b.WriteString("    # front: [salutation]\n    # back: [signature]\n")
	}
	return []byte(b.String())
}

// guessLayout tells a text typed one paragraph a line (several lines, no
// blank line between them) from one whose paragraphs blank lines separate.
func guessLayout(text string) Layout {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) < 2 {
		return LayoutBlankLines
	}
	for _, line := range lines {
		if strings.TrimSpace(line) == "" {
			return LayoutBlankLines
		}
	}
	return LayoutLines
}

// idDate returns the YYYY-MM-DD an id ends with, if it is a date.
func idDate(id string) string {
	if len(id) < 10 {
		return ""
	}
	if d := id[len(id)-10:]; validDate(d) {
		return d
	}
	return ""
}

// idSpeaker guesses a speaker from an id: what comes before its date.
func idSpeaker(id string) string {
	if d := idDate(id); d != "" && len(id) > 11 {
		return strings.TrimSuffix(id[:len(id)-10], "-")
	}
	return id
}

func validDate(s string) bool {
	_, err := parseDate(s)
	return err == nil
}

// cutLast cuts s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// kebab makes an id of a file name: lower-case letters and digits, other
// runs of characters made one hyphen.
func kebab(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	id := b.String()
	if len(id) > maxIDLength {
		id = strings.TrimRight(id[:maxIDLength], "-")
	}
	if id == "" {
		return "document"
	}
	return id
}

// yamlValue writes a path as a YAML value, quoted when it holds anything
// but letters, digits and . _ / -.
func yamlValue(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._/-", r)) {
			return fmt.Sprintf("%q", s)
		}
	}
	return s
}
