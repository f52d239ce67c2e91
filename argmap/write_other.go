//go:build !unix

package argmap

import (
	"io/fs"
	"os"
)

// mayWrite leaves it to the system: outside Unix, the read-only attribute
// is the permission that matters, and replaceable checks it.
func mayWrite(string) error { return nil }

// hardLinks is 1 where the system does not say.
func hardLinks(fs.FileInfo) uint64 { return 1 }

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, string, fs.FileInfo) error { return nil }
