package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Demo is what WriteDemo wrote: the devices with their tokens and the logins
// with their plaintext PINs and passwords, for printing once. They are
// published demo secrets, not for a real hall.
type Demo struct {
	Devices     []Device
	Clerks      []DemoLogin
	Supervisors []DemoLogin
}

// DemoLogin is a demo clerk or supervisor with its plaintext PIN or password.
type DemoLogin struct {
	Username string
	Name     string
	Secret   string
}

// WriteDemo writes the demo hall (the Department of Industry and Trade of
// Bình Dương, SPEC section 1) to path, creating its parent directories, and
// returns its secrets. If a file already exists at path it returns (nil, nil)
// and touches nothing. The PINs and passwords are hashed at write time.
func WriteDemo(path string) (*Demo, error) {
	return writeDemo(path, HashCost)
}

// writeDemo is WriteDemo with the bcrypt cost of the demo's hashes.
func writeDemo(path string, cost int) (*Demo, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("config: demo: %w", err)
	}
	c, demo, err := demoConfig(cost)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("config: demo: %w", err)
	}
	created, err := writeNew(path, []byte(render(c)))
	if err != nil || !created {
		return nil, err
	}
	return demo, nil
}

// writeNew writes data to path unless a file is there already, in which case
// it returns false. The file appears whole or not at all: it is written to a
// temporary file that is then linked in, which fails if path exists. It is
// readable by its owner only, since it holds tokens.
func writeNew(path string, data []byte) (bool, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hall-*.toml")
	if err != nil {
		return false, fmt.Errorf("config: demo: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return false, fmt.Errorf("config: demo: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return false, fmt.Errorf("config: demo: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return false, fmt.Errorf("config: demo: %w", err)
	}
	err = os.Link(tmp.Name(), path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil
	}
	// No hard links on this file system: create exclusively instead.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("config: demo: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return false, fmt.Errorf("config: demo: %w", err)
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("config: demo: %w", err)
	}
	return true, nil
}

// demoConfig builds the demo hall with its secrets freshly hashed at cost.
func demoConfig(cost int) (*Config, *Demo, error) {
	c := &Config{
		Hall: Hall{
			Name:           "Sở Công Thương tỉnh Bình Dương",
			Timezone:       DefaultTimezone,
			Open:           "07:30",
			Close:          "17:00",
			RatingWindow:   "30m",
			WaitAlert:      "20m",
			PriorityStreak: 3,
			FeedbackContact: "Phòng Kế hoạch - Tài chính - Tổng hợp, Sở Công Thương tỉnh Bình Dương, " +
				"ĐT 0274 3822 513, email sct@binhduong.gov.vn",
			Ticker: "Bộ phận Một cửa làm việc từ thứ Hai đến thứ Sáu, 07:30 - 17:00. " +
				"Công dân không phải nộp bất kỳ khoản tiền nào ngoài phí, lệ phí theo quy định. " +
				"Tra cứu tình trạng hồ sơ tại dichvucong.gov.vn.",
			Announcement: DefaultAnnouncement,
		},
		Services: demoServices(),
		Counters: []Counter{
			{ID: 1, Name: "Quầy 1", Services: []string{"A", "B"}},
			{ID: 2, Name: "Quầy 2", Services: []string{"A", "E"}},
			{ID: 3, Name: "Quầy 3", Services: []string{"C", "D"}},
			{ID: 4, Name: "Quầy 4", Services: []string{"E", "F"}},
			{ID: 5, Name: "Quầy 5", Services: []string{"B", "D", "F"}},
		},
		Devices: demoDevices(),
	}
	d := &Demo{
		Devices: c.Devices,
		Clerks: []DemoLogin{
			{Username: "hang.nd", Name: "Nguyễn Diệu Hằng", Secret: "1111"},
			{Username: "minh.tq", Name: "Trần Quang Minh", Secret: "2222"},
			{Username: "lan.ptn", Name: "Phạm Thị Ngọc Lan", Secret: "3333"},
			{Username: "tuan.lv", Name: "Lê Văn Tuấn", Secret: "4444"},
			{Username: "thao.vtp", Name: "Võ Thị Phương Thảo", Secret: "5555"},
		},
		Supervisors: []DemoLogin{{Username: "giamsat", Name: "Trần Văn Giám", Secret: "giamsat2026"}},
	}
	for _, l := range d.Clerks {
		h, err := hashWithCost(l.Secret, cost)
		if err != nil {
			return nil, nil, fmt.Errorf("config: demo: %w", err)
		}
		c.Clerks = append(c.Clerks, Clerk{Username: l.Username, Name: l.Name, PINHash: h})
	}
	for _, l := range d.Supervisors {
		h, err := hashWithCost(l.Secret, cost)
		if err != nil {
			return nil, nil, fmt.Errorf("config: demo: %w", err)
		}
		c.Supervisors = append(c.Supervisors, Supervisor{Username: l.Username, Name: l.Name, PasswordHash: h})
	}
	return c, d, nil
}

// demoDevices returns the demo's devices with their fixed, published tokens.
func demoDevices() []Device {
	ds := []Device{{ID: "kiosk-1", Role: RoleKiosk, Token: "demo-kiosk-1-token-0001"}}
	for n := 1; n <= 5; n++ {
		ds = append(ds, Device{ID: fmt.Sprintf("pad-%d", n), Role: RoleKiosk, Counter: n,
			Token: fmt.Sprintf("demo-pad-%d-token-%06d", n, n)})
	}
	for n := 1; n <= 5; n++ {
		ds = append(ds, Device{ID: fmt.Sprintf("counter-%d", n), Role: RoleCounter, Counter: n,
			Token: fmt.Sprintf("demo-counter-%d-token-%02d", n, n)})
	}
	for n := 1; n <= 2; n++ {
		ds = append(ds, Device{ID: fmt.Sprintf("display-%d", n), Role: RoleDisplay,
			Token: fmt.Sprintf("demo-display-%d-token-%02d", n, n)})
	}
	return ds
}

// demoServices returns the fields of procedures of a provincial Department
// of Industry and Trade.
func demoServices() []Service {
	return []Service{
		{ID: "A", Name: "Lưu thông hàng hóa trong nước",
			Description: "Cấp, cấp lại, sửa đổi giấy phép bán buôn, bán lẻ rượu và sản phẩm thuốc lá; " +
				"giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu, khí (LPG)."},
		{ID: "B", Name: "Xúc tiến thương mại",
			Description: "Đăng ký thực hiện khuyến mại, chương trình khuyến mại mang tính may rủi; " +
				"đăng ký tổ chức hội chợ, triển lãm thương mại; văn phòng đại diện của thương nhân nước ngoài."},
		{ID: "C", Name: "Điện lực và năng lượng",
			Description: "Cấp, sửa đổi giấy phép hoạt động điện lực (phát điện, phân phối, bán lẻ điện, tư vấn); " +
				"thẩm định thiết kế công trình điện; sử dụng năng lượng tiết kiệm và hiệu quả."},
		{ID: "D", Name: "Hóa chất và vật liệu nổ công nghiệp",
			Description: "Giấy chứng nhận đủ điều kiện sản xuất, kinh doanh hóa chất; giấy phép sử dụng " +
				"vật liệu nổ công nghiệp; kế hoạch phòng ngừa, ứng phó sự cố hóa chất."},
		{ID: "E", Name: "An toàn thực phẩm", DailyLimit: 50,
			Description: "Cấp, cấp lại giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm ngành Công Thương " +
				"(rượu, bia, nước giải khát, sữa chế biến, bánh kẹo, dầu thực vật). Nhận tối đa 50 số mỗi ngày."},
		{ID: "F", Name: "Công nghiệp địa phương",
			Description: "Hồ sơ đề nghị hỗ trợ kinh phí khuyến công; đăng ký bình chọn sản phẩm công nghiệp " +
				"nông thôn tiêu biểu; thành lập, mở rộng cụm công nghiệp."},
	}
}
