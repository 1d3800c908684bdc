package config

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// Print writes the demo's devices and logins as readable tables, in
// Vietnamese with the English words in brackets.
func (d *Demo) Print(w io.Writer) {
	fmt.Fprintln(w, "Cấu hình mẫu (demo): các mã dưới đây là bí mật MẪU, đã công khai;")
	fmt.Fprintln(w, "hãy thay chúng trước khi dùng thật (published demo secrets: replace them before real use).")
	fmt.Fprintln(w)

	fmt.Fprintln(w, "Thiết bị (devices):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  Mã (id)\tLoại (role)\tQuầy (counter)\tToken")
	for _, dv := range d.Devices {
		counter := "-"
		if dv.Counter != 0 {
			counter = strconv.Itoa(dv.Counter)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", dv.ID, roleName(dv), counter, dv.Token)
	}
	tw.Flush()
	fmt.Fprintln(w)

	printLogins(w, "Công chức một cửa (clerks), đăng nhập ở máy quầy:", "PIN", d.Clerks)
	fmt.Fprintln(w)
	printLogins(w, "Người giám sát (supervisors), đăng nhập trang web:", "Mật khẩu (password)", d.Supervisors)
}

// printLogins writes one table of logins under title.
func printLogins(w io.Writer, title, secret string, logins []DemoLogin) {
	fmt.Fprintln(w, title)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  Tên đăng nhập (username)\tHọ tên (name)\t%s\n", secret)
	for _, l := range logins {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", l.Username, l.Name, l.Secret)
	}
	tw.Flush()
}

// roleName describes a device's role in Vietnamese with the role word.
func roleName(d Device) string {
	switch {
	case d.Role == RoleKiosk && d.Counter != 0:
		return "Máy đánh giá tại quầy (kiosk)"
	case d.Role == RoleKiosk:
		return "Ki-ốt lấy số (kiosk)"
	case d.Role == RoleCounter:
		return "Máy tính quầy (counter)"
	case d.Role == RoleDisplay:
		return "Màn hình phòng chờ (display)"
	}
	return d.Role
}
