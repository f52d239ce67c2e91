// Package argmap is the library behind the argmap command: the corpus of
// letters, the annotation model, and the validator that checks one against
// the other. It never prints, never exits and knows nothing of the command
// line; it returns values, diagnostics and errors.
//
// Data flows in three steps:
//
//  1. LoadCorpus reads a manifest (corpus.yaml) and the texts it names into
//     a Corpus: Documents, each a list of Paragraphs (heading, salutation,
//     body paragraphs numbered from 1, signature, postscript), each
//     paragraph in every language the corpus declares, cut by the text's
//     layout; parties, speakers and documents carry names per language
//     (NameIn, ShortIn, TitleIn). The manifest is walked as annotation files
//     are, so a broken corpus is a CorpusError of Diagnostics with positions
//     on the manifest. Texts are never normalised; positions are Unicode
//     code points (RuneOffset, ByteOffset, Occurrences). StarterManifest
//     writes a manifest to start from for a folder of texts.
//  2. Validate reads annotation files (Input) over a Corpus into a Map of
//     Units and Relations, walking YAML nodes itself so that it can report
//     unknown and duplicate keys, hostile input and every other problem with
//     its position. Spans are resolved by finding each quote in its
//     paragraph; then relations, chronology, cycles and coverage are checked.
//     Every problem is a Diagnostic tagged with a rule of AllRules.
//  3. Commands then use the Map: package render draws and exports it, and
//     Compare, Stats, Format and Starter serve the classroom tools.
//     CompareClass validates each student's file over the key's corpus and
//     compares the valid ones with the part of the key an Assignment names;
//     their Tallies add up to the class's figures.
//
// A Map is complete only when Fails(diagnostics, false) is false; callers
// that draw or export must refuse it otherwise.
package argmap
