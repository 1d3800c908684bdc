package voice

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
	"time"
)

// makeWAV writes frames of interleaved samples in a WAV of the given shape.
func makeWAV(t *testing.T, rate uint32, channels, bits uint16, samples []int16) []byte {
	t.Helper()
	var data bytes.Buffer
	for _, s := range samples {
		if bits == 8 {
			data.WriteByte(byte(int(s>>8) + 128))
		} else {
			_ = binary.Write(&data, binary.LittleEndian, s)
		}
	}
	var b bytes.Buffer
	b.WriteString("RIFF")
	le32(&b, uint32(36+8+2+data.Len()))
	b.WriteString("WAVE")
	b.WriteString("LIST") // an unknown chunk to skip, odd-sized
	le32(&b, 1)
	b.WriteString("x\x00")
	b.WriteString("fmt ")
	le32(&b, 16)
	le16(&b, 1)
	le16(&b, channels)
	le32(&b, rate)
	le32(&b, rate*uint32(channels*bits/8))
	le16(&b, channels*bits/8)
	le16(&b, bits)
	b.WriteString("data")
	le32(&b, uint32(data.Len()))
	b.Write(data.Bytes())
	return b.Bytes()
}

func TestDecodeWAV(t *testing.T) {
	tests := []struct {
		name     string
		wav      []byte
		wantLen  int
		wantHead []int16
	}{
		{"16 kHz mono", makeWAV(t, 16000, 1, 16, []int16{1, -2, 300}), 3, []int16{1, -2, 300}},
		{"stereo averaged", makeWAV(t, 16000, 2, 16, []int16{100, 300, -50, -150}), 2, []int16{200, -100}},
		{"8 bit", makeWAV(t, 16000, 1, 8, []int16{256, -512}), 2, []int16{256, -512}},
		{"32 kHz halved", makeWAV(t, 32000, 1, 16, make([]int16, 3200)), 1600, nil},
		{"8 kHz doubled", makeWAV(t, 8000, 1, 16, make([]int16, 800)), 1600, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeWAV(tt.wav)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantLen {
				t.Fatalf("got %d samples, want %d", len(got), tt.wantLen)
			}
			if tt.wantHead != nil && !slices.Equal(got[:len(tt.wantHead)], tt.wantHead) {
				t.Errorf("got %v, want %v", got, tt.wantHead)
			}
		})
	}
	for _, bad := range [][]byte{nil, []byte("RIFF0000WAVE"), []byte("hello world, not a wav")} {
		if _, err := DecodeWAV(bad); err == nil {
			t.Errorf("DecodeWAV(%q): no error", bad)
		}
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	in := []int16{0, 1, -1, 32767, -32768}
	out, err := DecodeWAV(EncodeWAV(in))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in, out) {
		t.Errorf("got %v, want %v", out, in)
	}
	if d := Duration(EncodeWAV(make([]int16, SampleRate))); d != time.Second {
		t.Errorf("Duration of 1 s = %v", d)
	}
}

// TestAssemble builds a call from marker clips of distinct lengths and
// checks the sequence in the output by the lengths of the sound runs.
func TestAssemble(t *testing.T) {
	clip := func(n int) []int16 {
		s := make([]int16, n)
		for i := range s {
			s[i] = 1000
		}
		return s
	}
	clips := Clips{ClipChime: clip(100), "a": clip(200), "b": clip(300)}
	wav, missing := Assemble([]string{ClipChime, "a", "zzz", ClipPause, "b", "a"}, clips)
	if !slices.Equal(missing, []string{"zzz"}) {
		t.Errorf("missing = %v, want [zzz]", missing)
	}
	s, err := DecodeWAV(wav)
	if err != nil {
		t.Fatal(err)
	}
	var runs, gaps []int
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && (s[j] != 0) == (s[i] != 0) {
			j++
		}
		if s[i] != 0 {
			runs = append(runs, j-i)
		} else {
			gaps = append(gaps, j-i)
		}
		i = j
	}
	ms := func(d time.Duration) int { return int(d * SampleRate / time.Second) }
	if want := []int{100, 200, 300, 200}; !slices.Equal(runs, want) {
		t.Errorf("sound runs %v, want %v", runs, want)
	}
	if want := []int{ms(chimeGap), ms(wordGap) + ms(pauseGap), ms(wordGap), ms(tailGap)}; !slices.Equal(gaps, want) {
		t.Errorf("gaps %v, want %v", gaps, want)
	}
}

// TestAssembleDefaultCall checks a real call with the default voice: every
// clip is found and the announcement lasts a plausible time.
func TestAssembleDefaultCall(t *testing.T) {
	c := Default()
	names := append([]string{ClipChime}, Phrase("", "A105", 3, c.Has)...)
	want := "chime xin_moif_cong_dan_cos_sos _pause letter-a motj tram ler nam _pause dens_quayf_sos _pause ba"
	if got := joinNames(names); got != want {
		t.Errorf("clips %s\nwant  %s", got, want)
	}
	wav, missing := Assemble(names, c)
	if len(missing) > 0 {
		t.Errorf("missing clips %v", missing)
	}
	if d := Duration(wav); d < 3*time.Second || d > 9*time.Second {
		t.Errorf("announcement lasts %v, want 3 to 9 s", d)
	}
}

func joinNames(n []string) string {
	var b bytes.Buffer
	for i, s := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}
