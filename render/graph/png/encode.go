package png

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"io"
)

// encode writes img as a PNG: 8-bit RGB when every pixel is opaque, as a
// drawn diagram is, else RGBA with straight alpha; every row unfiltered (filter type None);
// deflate at its fastest level.
//
// image/png tries all five filters on every row and keeps the one whose
// bytes sum least, which costs most of its encoding time on a large
// diagram. A diagram is mostly long runs of flat colour, which deflate
// finds in the unfiltered rows themselves: the bundled map's PNG comes out
// 4 to 7% smaller than image/png's at the same level (a dense graph of 300
// generated nodes 18% larger), in a quarter to a third of the time
// (BenchmarkEncode, docs/performance.md). A test decodes the file and
// compares every pixel.
func encode(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	opaque := img.Opaque()
	bpp, colorType := 4, byte(6) // truecolour with alpha
	if opaque {
		bpp, colorType = 3, 2 // truecolour
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, colorType // bit depth; compression, filter and interlace methods stay 0
	writeChunk(bw, "IHDR", ihdr[:])

	idat := &chunkWriter{w: bw, name: "IDAT"}
	z, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	row := make([]byte, 1+width*bpp) // row[0] is the filter type, 0: None
	for y := b.Min.Y; y < b.Max.Y; y++ {
		if opaque {
			pix := img.Pix[img.PixOffset(b.Min.X, y):]
			for x := 0; x < width; x++ {
				copy(row[1+x*3:1+x*3+3], pix[x*4:x*4+3])
			}
		} else {
			// image.RGBA is premultiplied; PNG's alpha is not.
			for x := 0; x < width; x++ {
				c := color.NRGBAModel.Convert(img.RGBAAt(b.Min.X+x, y)).(color.NRGBA)
				row[1+x*4], row[2+x*4], row[3+x*4], row[4+x*4] = c.R, c.G, c.B, c.A
			}
		}
		if _, err := z.Write(row); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	idat.flush()
	writeChunk(bw, "IEND", nil)
	return bw.Flush()
}

// writeChunk writes one PNG chunk: length, name, data and the CRC of name
// and data. Errors stay in the bufio.Writer until its Flush.
func writeChunk(w *bufio.Writer, name string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	w.WriteString(name)
	w.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(name))
	crc.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// chunkWriter cuts the zlib stream into IDAT chunks of up to 64 KiB.
type chunkWriter struct {
	w    *bufio.Writer
	name string
	buf  []byte
}

const maxChunk = 64 << 10

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		room := maxChunk - len(c.buf)
		take := min(room, len(p))
		c.buf = append(c.buf, p[:take]...)
		p = p[take:]
		if len(c.buf) == maxChunk {
			c.flush()
		}
	}
	return n, nil
}

// flush writes what is buffered as a chunk.
func (c *chunkWriter) flush() {
	if len(c.buf) > 0 {
		writeChunk(c.w, c.name, c.buf)
		c.buf = c.buf[:0]
	}
}
