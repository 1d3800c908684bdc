package model

import (
	"strconv"
	"strings"
	"time"
)

// FormatClock writes a duration as m:ss, or h:mm:ss from an hour on.
func FormatClock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s < 0 {
		s = 0
	}
	h, m, sec := s/3600, s/60%60, s%60
	if h > 0 {
		return strconv.Itoa(h) + ":" + pad2(m) + ":" + pad2(sec)
	}
	return strconv.Itoa(m) + ":" + pad2(sec)
}

// FormatWait writes a waiting time in whole minutes: "dưới 1 phút",
// "12 phút", "1 giờ 05 phút".
func FormatWait(d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m < 1:
		return "dưới 1 phút"
	case m < 60:
		return strconv.Itoa(m) + " phút"
	}
	return strconv.Itoa(m/60) + " giờ " + pad2(m%60) + " phút"
}

// FormatPercent writes a share in percent with two decimals and a decimal
// comma, as Vietnamese writes it: "92,78%".
func FormatPercent(p float64) string {
	return strings.Replace(strconv.FormatFloat(p, 'f', 2, 64), ".", ",", 1) + "%"
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
