package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The -month-results option: the display shows last month's satisfaction
// results (the public page's, /cong-khai.json) as a page of its ticker,
// read from the server at start and every hour.

// resultsEvery is how often the display reads the results again.
const resultsEvery = time.Hour

// publicResults is the part of /cong-khai.json the ticker shows.
type publicResults struct {
	Month     string   `json:"month"`
	Index     *float64 `json:"satisfaction_index"`
	Ratings   int      `json:"ratings"`
	ByService []struct {
		Name    string   `json:"name"`
		Index   *float64 `json:"satisfaction_index"`
		Ratings int      `json:"ratings"`
	} `json:"by_service"`
}

// resultsURL turns the server's websocket address into its public results
// address: ws://host:8080/ws → http://host:8080/cong-khai.json.
func resultsURL(ws string) (string, error) {
	u, err := url.Parse(ws)
	if err != nil {
		return "", err
	}
	switch u.Scheme {
	case "ws":
		u.Scheme = "http"
	case "wss":
		u.Scheme = "https"
	default:
		return "", fmt.Errorf("display: server address %q is not ws:// or wss://", ws)
	}
	u.Path, u.RawQuery = "/cong-khai.json", ""
	return u.String(), nil
}

// resultsText is the ticker's line for r: "" when the month has no rating.
func resultsText(r publicResults) string {
	if r.Index == nil || r.Ratings == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Kết quả đánh giá tháng %s: chỉ số hài lòng %s (%s lượt đánh giá)", r.Month, percent(*r.Index), thousands(r.Ratings))
	for _, s := range r.ByService {
		if s.Index != nil && s.Ratings > 0 {
			fmt.Fprintf(&b, " · %s %s", s.Name, percent(*s.Index))
		}
	}
	return b.String()
}

// percent writes 91.5 as "91,50 %".
func percent(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 2, 64), ".", ",", 1) + " %"
}

// thousands writes 1234 as "1.234".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// fetchResults reads the results once.
func fetchResults(ctx context.Context, c *http.Client, addr string) (publicResults, error) {
	var r publicResults
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return r, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return r, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return r, fmt.Errorf("display: %s: %s", addr, resp.Status)
	}
	err = json.NewDecoder(http.MaxBytesReader(nil, resp.Body, 1<<20)).Decode(&r)
	return r, err
}

// pollResults sets the ticker's results line from addr now and every
// resultsEvery until ctx ends; a failed read keeps the last line and is
// tried again in a minute.
func pollResults(ctx context.Context, c *http.Client, addr string, set func(string), warn func(error)) {
	wait := time.Duration(0)
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		r, err := fetchResults(ctx, c, addr)
		if err != nil {
			if ctx.Err() == nil {
				warn(err)
			}
			wait = time.Minute
			continue
		}
		set(resultsText(r))
		wait = resultsEvery
	}
}
