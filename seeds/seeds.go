// Package seeds embeds the bundled corpus: the People's Daily page of
// 9 July 1953 kept byte for byte, the manifest that declares its documents,
// and the per-document texts cut verbatim from it.
package seeds

import "embed"

// FS holds corpus.yaml, the source page and the texts under letters/.
//
//go:embed corpus.yaml 000_0e84e50726ad85b5.txt letters/*.txt
var FS embed.FS
