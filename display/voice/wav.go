package voice

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// SampleRate is the rate of every clip once loaded and of every assembled
// announcement: 16 kHz mono, 16-bit signed PCM, plenty for speech.
const SampleRate = 16000

// EncodeWAV writes samples (mono, SampleRate) as a 16-bit PCM WAV file.
func EncodeWAV(samples []int16) []byte {
	var b bytes.Buffer
	dataLen := 2 * len(samples)
	b.WriteString("RIFF")
	le32(&b, uint32(36+dataLen))
	b.WriteString("WAVEfmt ")
	le32(&b, 16)
	le16(&b, 1) // PCM
	le16(&b, 1) // mono
	le32(&b, SampleRate)
	le32(&b, SampleRate*2)
	le16(&b, 2)
	le16(&b, 16)
	b.WriteString("data")
	le32(&b, uint32(dataLen))
	_ = binary.Write(&b, binary.LittleEndian, samples)
	return b.Bytes()
}

func le16(b *bytes.Buffer, v uint16) { _ = binary.Write(b, binary.LittleEndian, v) }
func le32(b *bytes.Buffer, v uint32) { _ = binary.Write(b, binary.LittleEndian, v) }

// wavFormat is the part of a WAV fmt chunk that decoding needs.
type wavFormat struct {
	format, channels, bits uint16
	rate                   uint32
}

// DecodeWAV reads a PCM WAV file (8 or 16 bits, any rate, any number of
// channels) and returns its samples as mono at SampleRate.
func DecodeWAV(data []byte) ([]int16, error) {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WAVE" {
		return nil, errors.New("not a RIFF/WAVE file")
	}
	var f *wavFormat
	for p := 12; p+8 <= len(data); {
		id := string(data[p : p+4])
		size := int(binary.LittleEndian.Uint32(data[p+4 : p+8]))
		body := data[p+8 : min(len(data), p+8+size)]
		switch id {
		case "fmt ":
			if len(body) < 16 {
				return nil, errors.New("short fmt chunk")
			}
			f = &wavFormat{
				format:   binary.LittleEndian.Uint16(body[0:2]),
				channels: binary.LittleEndian.Uint16(body[2:4]),
				rate:     binary.LittleEndian.Uint32(body[4:8]),
				bits:     binary.LittleEndian.Uint16(body[14:16]),
			}
		case "data":
			if f == nil {
				return nil, errors.New("data chunk before fmt chunk")
			}
			return f.decode(body)
		}
		p += 8 + size + size%2
	}
	return nil, errors.New("no data chunk")
}

// decode turns raw PCM frames into mono samples at SampleRate.
func (f *wavFormat) decode(body []byte) ([]int16, error) {
	if f.format != 1 && f.format != 0xFFFE {
		return nil, fmt.Errorf("format %d is not PCM", f.format)
	}
	if f.channels == 0 || f.rate == 0 || (f.bits != 8 && f.bits != 16) {
		return nil, fmt.Errorf("unsupported PCM: %d channels, %d Hz, %d bits", f.channels, f.rate, f.bits)
	}
	width := int(f.bits/8) * int(f.channels)
	frames := len(body) / width
	mono := make([]int16, frames)
	for i := range frames {
		sum := 0
		for c := range int(f.channels) {
			p := i*width + c*int(f.bits/8)
			if f.bits == 8 {
				sum += (int(body[p]) - 128) << 8
			} else {
				sum += int(int16(binary.LittleEndian.Uint16(body[p:])))
			}
		}
		mono[i] = int16(sum / int(f.channels))
	}
	return resample(mono, int(f.rate), SampleRate), nil
}

// resample converts by linear interpolation; good enough for speech.
func resample(in []int16, from, to int) []int16 {
	if from == to || len(in) == 0 {
		return in
	}
	n := int(int64(len(in)) * int64(to) / int64(from))
	out := make([]int16, n)
	for i := range out {
		pos := float64(i) * float64(from) / float64(to)
		j := int(pos)
		frac := pos - float64(j)
		a := float64(in[j])
		b := a
		if j+1 < len(in) {
			b = float64(in[j+1])
		}
		out[i] = int16(a + (b-a)*frac)
	}
	return out
}
