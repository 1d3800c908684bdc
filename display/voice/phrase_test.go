package voice

import (
	"slices"
	"strings"
	"testing"
)

func TestClipName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mời", "moif"},
		{"số", "sos"},
		{"sở", "sor"},
		{"một", "motj"},
		{"mốt", "mots"},
		{"mười", "muoif"},
		{"mươi", "muoi"},
		{"đến", "dens"},
		{"quầy", "quayf"},
		{"nghìn", "nghinf"},
		{"lẻ", "ler"},
		{"ngã", "ngax"},
		{"Xin mời công dân có số", "xin_moif_cong_dan_cos_sos"},
		{"  đến quầy số, ", "dens_quayf_sos"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ClipName(tt.in); got != tt.want {
			t.Errorf("ClipName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhrase(t *testing.T) {
	has := func(names ...string) func(string) bool {
		return func(n string) bool { return slices.Contains(names, n) }
	}
	tests := []struct {
		name     string
		template string
		number   string
		counter  int
		has      func(string) bool
		want     string
	}{
		{"default wording, whole runs recorded", "", "A105", 3,
			has("xin_moif_cong_dan_cos_sos", "dens_quayf_sos"),
			"xin_moif_cong_dan_cos_sos _pause letter-a motj tram ler nam _pause dens_quayf_sos _pause ba"},
		{"default wording, words only", "", "B021", 12, has(),
			"xin moif cong dan cos sos _pause letter-b hai muoi mots _pause dens quayf sos _pause muoif hai"},
		{"custom wording", "Mời số {number} tới quầy {counter}", "C1020", 1, has("moif_sos"),
			"moif_sos _pause letter-c motj nghinf khong tram hai muoi _pause tois quayf _pause motj"},
		{"counter first", "{counter} gọi {number}", "a015", 2, has(),
			"hai _pause goij _pause letter-a muoif lam"},
		{"unknown placeholder read as text", "số {x} {number}", "D1", 1, has(),
			"sos _pause x _pause letter-d motj"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(Phrase(tt.template, tt.number, tt.counter, tt.has), " ")
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
