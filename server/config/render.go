package config

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// render writes c as a hall.toml that a hall's administrator can edit by
// hand: every key is explained by a comment.
func render(c *Config) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	h := c.Hall
	w(`# hall.toml: cấu hình Bộ phận Một cửa (hall configuration), UTF-8.
# Sửa tệp này rồi khởi động lại máy chủ (edit, then restart the server).
# Máy chủ kiểm tra mọi quy tắc khi khởi động và báo lỗi kèm số dòng.
#
# CẢNH BÁO: đây là cấu hình MẪU (demo). Các token và mật khẩu dưới đây được
# công bố trong README; hãy thay chúng trước khi dùng thật.
# Mã băm cho PIN/mật khẩu mới: lệnh "server hash-pin" đọc PIN từ đầu vào
# chuẩn và in ra mã băm (hash a new PIN or password).

[hall]
name = %s
# Múi giờ của Bộ phận Một cửa (time zone); ngày mới bắt đầu lúc 00:00 giờ này.
timezone = %s
# Ki-ốt phát số từ giờ mở (open) đến trước giờ đóng (close), dạng HH:MM;
# "24:00" là nửa đêm. Số còn chờ hết hạn lúc đóng cửa.
open = %s
close = %s
# Thời gian công dân được đánh giá sau khi xong hồ sơ (rating window),
# viết như "30m", "1h", "1h30m".
rating_window = %s
# Số chờ lâu hơn mức này được báo cho người giám sát (wait alert).
wait_alert = %s
# 0: số ưu tiên (người cao tuổi, khuyết tật, phụ nữ mang thai, có con nhỏ,
# người có công) luôn được gọi trước; N: sau N lần gọi ưu tiên liên tiếp ở
# một quầy, số thường chờ lâu nhất được gọi (priority streak).
priority_streak = %d
# Nơi tiếp nhận phản ánh, kiến nghị, hiển thị cho công dân (feedback contact).
feedback_contact = %s
# Không bắt buộc: dòng chữ chạy cuối màn hình phòng chờ (display ticker).
ticker = %s
# Không bắt buộc: câu loa gọi số; {number} là số thứ tự, {counter} là tên quầy.
announcement = %s
`, q(h.Name), q(h.Timezone), q(h.Open), q(h.Close), q(h.RatingWindow), q(h.WaitAlert),
		h.PriorityStreak, q(h.FeedbackContact), q(h.Ticker), q(h.Announcement))

	w(`
# ---- Dịch vụ (services): mỗi lĩnh vực thủ tục có một hàng đợi riêng. ----
# id: đúng một chữ cái in hoa, là chữ đầu của số thứ tự (A001, B001, ...).
# name, description: tên và mô tả hiện trên ki-ốt.
# daily_limit: 0 là không giới hạn; N là ki-ốt phát tối đa N số mỗi ngày.
`)
	for _, s := range c.Services {
		w("\n[[service]]\nid = %s\nname = %s\ndescription = %s\ndaily_limit = %d\n",
			q(s.ID), q(s.Name), q(s.Description), s.DailyLimit)
	}

	w(`
# ---- Quầy (counters) ----
# id: số nguyên dương, không trùng; name: tên hiện trên màn hình và loa gọi;
# services: các dịch vụ quầy này giải quyết (id của [[service]]).
`)
	for _, ct := range c.Counters {
		ids := make([]string, len(ct.Services))
		for i, s := range ct.Services {
			ids[i] = q(s)
		}
		w("\n[[counter]]\nid = %d\nname = %s\nservices = [%s]\n", ct.ID, q(ct.Name), strings.Join(ids, ", "))
	}

	w(`
# ---- Thiết bị (devices): mỗi máy kết nối bằng id và token của nó. ----
# role: kiosk (ki-ốt lấy số, đánh giá), counter (máy tính quầy), display
# (màn hình phòng chờ). token: chuỗi bí mật ngẫu nhiên, ít nhất 16 ký tự,
# không trùng giữa các máy.
# counter: máy quầy ghi id quầy của nó; ki-ốt đặt tại quầy làm máy đánh giá
# ghi id quầy đó (0 là ki-ốt chung ở sảnh); màn hình ghi 0.
`)
	for _, d := range c.Devices {
		w("\n[[device]]\nid = %s\nrole = %s\ntoken = %s\ncounter = %d\n", q(d.ID), q(d.Role), q(d.Token), d.Counter)
	}

	w(`
# ---- Công chức một cửa (clerks): đăng nhập ở máy quầy bằng username và PIN. ----
# pin_hash: mã băm bcrypt của PIN, tạo bằng lệnh "server hash-pin".
`)
	for _, cl := range c.Clerks {
		w("\n[[clerk]]\nusername = %s\nname = %s\npin_hash = %s\n", q(cl.Username), q(cl.Name), q(cl.PINHash))
	}

	w(`
# ---- Người giám sát (supervisors): đăng nhập trang web xem báo cáo. ----
# password_hash: mã băm bcrypt của mật khẩu (tạo như pin_hash ở trên).
`)
	for _, s := range c.Supervisors {
		w("\n[[supervisor]]\nusername = %s\nname = %s\npassword_hash = %s\n", q(s.Username), q(s.Name), q(s.PasswordHash))
	}
	return b.String()
}

// q quotes s as a TOML basic string.
func q(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r):
			b.WriteString(`\u`)
			hex := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", 4-len(hex)) + hex)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
