package simulate

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Print writes the summary: each line in Vietnamese with its English in
// brackets, the hours as a table.
func (r *Result) Print(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format+"\n", a...) }
	p("== server simulate: %s, ×%g, ngày (day) %s, %s–%s, %v thực (real) ==", r.Profile, r.Speed, r.Day,
		r.From.Format("15:04"), r.To.Format("15:04"), r.Real.Round(time.Second))
	p("Sảnh (hall): %d quầy (counters), %d màn hình (displays), %d ki-ốt (kiosks)", r.Counters, r.Displays, r.Kiosks)
	p("Số phát (tickets issued): %d, ưu tiên (priority) %d; được gọi (called) %d; xong (finished) %d; vắng mặt (no-show) %d",
		r.Issued, r.Priority, r.Called, r.Finished, r.NoShow)
	p("Lượt gọi (calls) %d; gọi lại (recalls) %d; chuyển (transfers) %d; giữ (holds) %d; tạm dừng (pauses) %d; bấm gọi khi quầy khác đã gọi hết (queue_empty) %d",
		r.Calls, r.Recalls, r.Transfers, r.Holds, r.Pauses, r.QueueEmpty)
	rated := r.Ratings[1] + r.Ratings[2] + r.Ratings[3] + r.Ratings[4] + r.Ratings[5]
	p("Đánh giá (ratings) %d: mức 5: %d, 4: %d, 3: %d, 2: %d, 1: %d; phản ánh (feedback messages) %d",
		rated, r.Ratings[5], r.Ratings[4], r.Ratings[3], r.Ratings[2], r.Ratings[1], r.Feedback)
	p("Sự kiện (events): %d; mỗi màn hình nhận %d–%d, đủ và đúng thứ tự (each display received %d–%d, all in order), phát lại sau mất mạng (replayed after the blip) %d",
		r.Events, r.DisplayEventsMin, r.DisplayEventsMax, r.DisplayEventsMin, r.DisplayEventsMax, r.Replayed)
	if r.BlipLinks > 0 {
		p("Mất mạng (blip): %d kết nối bị cắt (links cut), kết nối lại hết sau (all back after) %v thực (real); %d lần kết nối lại (reconnects); %d lệnh được trả lời qua lúc mất mạng (commands answered across it)",
			r.BlipLinks, r.BlipBack.Round(time.Millisecond), r.Reconnects, r.ThroughBlip)
	}
	p("Chờ lâu nhất (largest wait): %v (%s); ki-ốt phát số trễ nhất so với lúc công dân đến (largest kiosk lag behind arrivals): %v",
		r.MaxWait.Round(time.Second), r.MaxWaitTicket, r.KioskLag.Round(time.Second))
	p("")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "giờ (hour)\tsố phát (issued)\tcall_next\tp50\tp99\tchờ lâu nhất (max wait)\tRSS\t")
	for _, h := range r.Hours {
		rss := "–"
		if h.RSS > 0 {
			rss = fmt.Sprintf("%.0f MB", h.RSS/1e6)
		}
		fmt.Fprintf(tw, "%02d:00\t%d\t%d\t%s\t%s\t%v\t%s\t\n", h.Hour, h.Issued, h.Calls, ms(h.P50), ms(h.P99), h.MaxWait.Round(time.Second), rss)
	}
	tw.Flush()
	p("(call_next: thời gian khứ hồi ở phía quầy, thời gian thực (the counter's round trip, real time))")
	for _, st := range r.ServerTimes {
		p("Trong máy chủ (inside the server, /metrics) %s ×%d: p50 ≤ %s, p99 ≤ %s", st.Type, st.N, bucket(st.P50), bucket(st.P99))
	}
	p("")
	if r.PeakRSS > 0 {
		p("Bộ nhớ máy chủ cao nhất (server's peak RSS): %.0f MB", r.PeakRSS/1e6)
	}
	if r.DBBytes >= 0 {
		p("hall.db lúc đóng cửa (at close): %.1f MB", float64(r.DBBytes)/1e6)
	}
	if len(r.Checks) > 0 {
		var parts []string
		for _, c := range r.Checks {
			mark := "="
			if c.Sim != c.Server {
				mark = "≠"
			}
			parts = append(parts, fmt.Sprintf("%s %d%s%d", c.What, c.Server, mark, c.Sim))
		}
		p("Báo cáo cuối ngày so với mô phỏng (closing report vs the simulation): %s", strings.Join(parts, ", "))
	}
	p("Lỗi (errors): %d", r.ErrorCount)
	for _, e := range r.Errors {
		p("  - %s", e)
	}
	if r.ErrorCount > len(r.Errors) {
		p("  … và %d lỗi nữa (and %d more)", r.ErrorCount-len(r.Errors), r.ErrorCount-len(r.Errors))
	}
}

// bucket writes a histogram bucket's bound.
func bucket(d time.Duration) string {
	if d < 0 {
		return "∞"
	}
	return fmt.Sprintf("%g ms", float64(d)/1e6)
}

// ms writes a round trip in milliseconds, "–" for none.
func ms(d time.Duration) string {
	if d == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f ms", float64(d)/1e6)
}
