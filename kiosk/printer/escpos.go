package printer

import (
	"bytes"
	"image"
	"image/color"
)

// BandRows is the most rows one raster command carries: printers with small
// buffers take a tall image only in bands.
const BandRows = 256

// ESC/POS commands.
var (
	cmdInit = []byte{0x1b, '@'}
	// cmdFeed feeds 4 lines so the slip's end clears the cutter.
	cmdFeed = []byte{0x1b, 'd', 4}
	// cmdCut feeds to the cutter and cuts, leaving a hinge (GS V 66 n).
	cmdCut = []byte{0x1d, 'V', 66, 3}
	// cmdPaperStatus asks for the paper sensor's status (DLE EOT 4).
	cmdPaperStatus = []byte{0x10, 0x04, 4}
)

// EncodeESCPOS turns img into an ESC/POS job: initialise, the image as
// raster bit images (GS v 0) in bands of at most BandRows rows, feed and cut.
// A pixel darker than mid-grey prints.
func EncodeESCPOS(img image.Image) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	rowBytes := (w + 7) / 8
	var out bytes.Buffer
	out.Write(cmdInit)
	for top := 0; top < h; top += BandRows {
		rows := min(BandRows, h-top)
		out.Write([]byte{0x1d, 'v', '0', 0,
			byte(rowBytes), byte(rowBytes >> 8), byte(rows), byte(rows >> 8)})
		for y := top; y < top+rows; y++ {
			line := make([]byte, rowBytes)
			for x := 0; x < w; x++ {
				g := color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray)
				if g.Y < 128 {
					line[x/8] |= 0x80 >> (x % 8)
				}
			}
			out.Write(line)
		}
	}
	out.Write(cmdFeed)
	out.Write(cmdCut)
	return out.Bytes()
}
