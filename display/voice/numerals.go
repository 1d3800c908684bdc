package voice

import "strings"

// digitWords are the plain readings of 0 to 9.
var digitWords = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// Numeral returns n read as Vietnamese words, the way a hall's caller says
// it: 105 "một trăm lẻ năm", 21 "hai mươi mốt", 15 "mười lăm",
// 1020 "một nghìn không trăm hai mươi".
//
// Choices where usage varies: a zero tens digit before a ones digit is read
// "lẻ" (the southern and broadcast usage, not "linh"); 4 after "mươi" is
// "tư" (24 "hai mươi tư"), but "bốn" after "mười" and "lẻ" (14 "mười bốn",
// 104 "một trăm lẻ bốn"); 5 after "mười" or "mươi" is "lăm"; 1 after "mươi"
// is "mốt". Thousands are "nghìn". Negative numbers read as their absolute
// value; numbers of a million and more are read digit by digit.
func Numeral(n int) string {
	return strings.Join(NumeralWords(n), " ")
}

// NumeralWords is Numeral as a list of single syllables, one clip each.
func NumeralWords(n int) []string {
	if n < 0 {
		n = -n
	}
	if n >= 1_000_000 {
		return digitByDigit(n)
	}
	if n < 1000 {
		return belowThousand(n, false)
	}
	words := belowThousand(n/1000, false)
	words = append(words, "nghìn")
	if rest := n % 1000; rest > 0 {
		words = append(words, belowThousand(rest, true)...)
	}
	return words
}

// belowThousand reads 0 <= n < 1000. full asks for the hundreds even when
// they are zero, as after "nghìn" (1005 "một nghìn không trăm lẻ năm").
func belowThousand(n int, full bool) []string {
	hundreds, tens, ones := n/100, n/10%10, n%10
	if !full && hundreds == 0 {
		return belowHundred(tens, ones)
	}
	words := []string{digitWords[hundreds], "trăm"}
	switch {
	case tens == 0 && ones == 0:
		return words
	case tens == 0:
		return append(words, "lẻ", digitWords[ones])
	}
	return append(words, belowHundred(tens, ones)...)
}

// belowHundred reads the two last digits when they stand on their own or
// after a hundreds digit with tens > 0.
func belowHundred(tens, ones int) []string {
	switch tens {
	case 0:
		return []string{digitWords[ones]}
	case 1:
		words := []string{"mười"}
		switch ones {
		case 0:
			return words
		case 5:
			return append(words, "lăm")
		}
		return append(words, digitWords[ones])
	}
	words := []string{digitWords[tens], "mươi"}
	switch ones {
	case 0:
		return words
	case 1:
		return append(words, "mốt")
	case 4:
		return append(words, "tư")
	case 5:
		return append(words, "lăm")
	}
	return append(words, digitWords[ones])
}

// digitByDigit reads each digit of n in turn.
func digitByDigit(n int) []string {
	var words []string
	for _, r := range itoa(n) {
		words = append(words, digitWords[r-'0'])
	}
	return words
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
