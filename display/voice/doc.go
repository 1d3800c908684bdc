// Package voice announces calls in the hall: it reads ticket numbers and
// counters as Vietnamese words, builds each announcement from short WAV
// clips, and plays the announcements one after another.
//
// A call "A105 at counter 3" with the default wording becomes the clips
//
//	chime, xin_moif_cong_dan_cos_sos, letter-a, motj, tram, ler, nam, dens_quayf_sos, ba
//
// assembled into one 16 kHz mono WAV (Assemble) and handed to a Player. An
// Announcer queues calls so that one never cuts another.
//
// # Clip files (-voice DIR)
//
// A hall may use its own recorded voice: put WAV files (PCM, 8 or 16 bit,
// any rate, mono or stereo; they are converted to 16 kHz mono) in a
// directory and start the display with -voice DIR. Files found there replace
// the default clips of the same name; missing ones keep the default voice.
// A file is named after what it says, in lower case without diacritics, "đ"
// as "d", with the tone as a Telex letter at the end (f huyền, s sắc, r hỏi,
// x ngã, j nặng), syllables joined by "_":
//
//	chime.wav                        the sound before each announcement
//	xin_moif_cong_dan_cos_sos.wav    "Xin mời công dân có số" (whole run)
//	dens_quayf_sos.wav               "đến quầy số" (whole run)
//	xin moif cong dan cos sos dens quayf  each word alone, used when a
//	                                 run has no clip of its own
//	khong motj hai ba bons nam saus bayr tams chins   không … chín
//	muoif muoi mots tu lam ler tram nghinf
//	                                 mười, mươi, mốt, tư, lăm, lẻ, trăm, nghìn
//	letter-a … letter-z              the letters' names: a, bê, xê, dê, e,
//	                                 ép, giê, hát, i, gi, ca, e lờ, em mờ,
//	                                 en nờ, o, pê, quy, e rờ, ét xì, tê, u,
//	                                 vê, vê kép, ích xì, i dài, dét
//
// (each with ".wav"). If the hall changes the wording (the config's
// announcement, with {number} and {counter}), record each new run of text
// as one file named as above (for "Mời số {number} tới quầy {counter}":
// moif_sos.wav and tois_quayf.wav; see ClipName), or each of its words. A
// clip that cannot be found is skipped and logged.
//
// Readings: 105 is "một trăm lẻ năm" ("lẻ", not "linh"), 24 "hai mươi tư"
// ("tư" after "mươi", "bốn" elsewhere), 21 "hai mươi mốt", 15 "mười lăm",
// 1020 "một nghìn không trăm hai mươi" (see Numeral).
//
// The default clips in clips/ are made with espeak-ng's Vietnamese voice
// and sox by the genclips program; `go generate` in this directory makes
// them again. README.md says the same for the hall's staff.
package voice

//go:generate go run ./genclips -out clips
