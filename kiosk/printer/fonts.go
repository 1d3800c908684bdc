package printer

import (
	"fmt"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
)

// fonts parses the slip's two fonts once and keeps a face per size.
type fonts struct {
	regular, bold *opentype.Font
	faces         map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

func newFonts(regular, bold []byte) (*fonts, error) {
	r, err := opentype.Parse(regular)
	if err != nil {
		return nil, fmt.Errorf("parse regular font: %w", err)
	}
	b, err := opentype.Parse(bold)
	if err != nil {
		return nil, fmt.Errorf("parse bold font: %w", err)
	}
	return &fonts{regular: r, bold: b, faces: map[faceKey]font.Face{}}, nil
}

// face returns the face of size pixels; callers hold the printer's lock.
func (f *fonts) face(size float64, bold bool) (font.Face, error) {
	k := faceKey{size, bold}
	if fc, ok := f.faces[k]; ok {
		return fc, nil
	}
	src := f.regular
	if bold {
		src = f.bold
	}
	fc, err := opentype.NewFace(src, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("font face %v: %w", size, err)
	}
	f.faces[k] = fc
	return fc, nil
}
