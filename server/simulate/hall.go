package simulate

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"hallq/server/config"
)

// Hall is a hall made for a profile: its configuration, which the server
// is started on, and the secrets the simulated devices and people use.
// It is saved beside hall.toml as simulate.json, so that a simulation can
// play against a server started by hand (-connect).
type Hall struct {
	Profile Profile `json:"profile"`
	// Config is the hall.toml; its PINs and password are bcrypt hashes.
	Config *config.Config `json:"-"`
	// Counters, Kiosks and Displays are the devices with their tokens;
	// each counter has its clerk.
	Counters []CounterDevice `json:"counters"`
	Kiosks   []Device        `json:"kiosks"`
	Displays []Device        `json:"displays"`
	// PIN is every clerk's PIN; Supervisor and Password sign in to the
	// reports.
	PIN        string `json:"pin"`
	Supervisor string `json:"supervisor"`
	Password   string `json:"password"`
}

// Device is a simulated device.
type Device struct {
	ID    string `json:"id"`
	Token string `json:"token"`
}

// CounterDevice is a counter's PC, the services its counter serves and
// the clerk who works there.
type CounterDevice struct {
	Device
	Counter  int      `json:"counter"`
	Services []string `json:"services"`
	Clerk    string   `json:"clerk"`
}

// SavedName is the file beside hall.toml that holds a Hall.
const SavedName = "simulate.json"

// NewHall makes the hall of p with fresh random tokens, PIN and password.
// Every clerk has the same PIN, hashed once: bcrypt at the server's cost
// takes a tenth of a second a hash.
func NewHall(p Profile) (*Hall, error) { return newHall(p, config.Hash) }

// newHall is NewHall with the hash function (tests hash cheaply: bcrypt
// at the server's cost takes a second under the race detector).
func newHall(p Profile, hash func(string) (string, error)) (*Hall, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	h := &Hall{Profile: p, PIN: randomDigits(6), Supervisor: "giamsat", Password: randomText(16)}
	pinHash, err := hash(h.PIN)
	if err != nil {
		return nil, err
	}
	pwHash, err := hash(h.Password)
	if err != nil {
		return nil, err
	}
	c := &config.Config{
		Hall: config.Hall{
			Name: p.Hall, Timezone: config.DefaultTimezone, Open: p.Open, Close: p.Close,
			RatingWindow: "30m", WaitAlert: "20m", ServiceAlert: "30m", PriorityStreak: 3,
			FeedbackContact: "Văn phòng, ĐT 0000 000 000 (mô phỏng / simulated)",
			Ticker:          "Đây là một ngày mô phỏng của server simulate (a simulated day).",
			Announcement:    config.DefaultAnnouncement,
		},
		Supervisors: []config.Supervisor{{Username: h.Supervisor, Name: "Giám sát mô phỏng", PasswordHash: pwHash, Role: config.RoleAdmin}},
	}
	for _, s := range p.Services {
		c.Services = append(c.Services, config.Service{ID: s.ID, Name: s.Name, Description: "Lĩnh vực " + s.Name + " (mô phỏng)"})
	}
	for i, services := range assignServices(p.Services, p.Counters) {
		id := i + 1
		cd := CounterDevice{Device: Device{ID: fmt.Sprintf("counter-%d", id), Token: randomText(24)},
			Counter: id, Services: services, Clerk: fmt.Sprintf("cb%03d", id)}
		h.Counters = append(h.Counters, cd)
		c.Counters = append(c.Counters, config.Counter{ID: id, Name: fmt.Sprintf("Quầy %d", id), Services: services})
		c.Devices = append(c.Devices, config.Device{ID: cd.ID, Role: config.RoleCounter, Token: cd.Token, Counter: id})
		c.Clerks = append(c.Clerks, config.Clerk{Username: cd.Clerk, Name: clerkName(i), PINHash: pinHash})
	}
	for i := range p.Kiosks {
		d := Device{ID: fmt.Sprintf("kiosk-%d", i+1), Token: randomText(24)}
		h.Kiosks = append(h.Kiosks, d)
		c.Devices = append(c.Devices, config.Device{ID: d.ID, Role: config.RoleKiosk, Token: d.Token})
	}
	for i := range p.Displays {
		d := Device{ID: fmt.Sprintf("display-%d", i+1), Token: randomText(24)}
		h.Displays = append(h.Displays, d)
		c.Devices = append(c.Devices, config.Device{ID: d.ID, Role: config.RoleDisplay, Token: d.Token})
	}
	if errs := config.Validate(c); len(errs) > 0 {
		return nil, fmt.Errorf("simulate: the generated hall breaks a rule: %w", config.Join(errs))
	}
	h.Config = c
	return h, nil
}

// Write writes dir/hall.toml (mode 0600: it holds tokens) and
// dir/simulate.json, and returns the hall.toml's path.
func (h *Hall) Write(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("simulate: %w", err)
	}
	text, err := config.Export(h.Config, time.Now())
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "hall.toml")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		return "", fmt.Errorf("simulate: %w", err)
	}
	saved, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return "", fmt.Errorf("simulate: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, SavedName), saved, 0o600); err != nil {
		return "", fmt.Errorf("simulate: %w", err)
	}
	return path, nil
}

// ReadHall reads the simulate.json that Write left in dir.
func ReadHall(dir string) (*Hall, error) {
	data, err := os.ReadFile(filepath.Join(dir, SavedName))
	if err != nil {
		return nil, fmt.Errorf("simulate: %w (write one with server simulate -write DIR)", err)
	}
	var h Hall
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, fmt.Errorf("simulate: %s: %w", SavedName, err)
	}
	return &h, h.Profile.Check()
}

// assignServices chooses the services of n counters: counters are shared
// among the services by their load (share × mean service time), each
// service getting at least one when there are enough counters (else the
// services are dealt round), and each counter also serves the main
// services of a counter half the hall away, so that a queue in its peak
// gets help.
func assignServices(services []Service, n int) [][]string {
	main := make([][]string, n)
	if n < len(services) {
		for i, s := range services {
			main[i%n] = append(main[i%n], s.ID)
		}
	} else {
		total := 0.0
		for _, s := range services {
			total += s.Weight * s.Minutes
		}
		counts := make([]int, len(services))
		rest := make([]float64, len(services))
		used := 0
		for i, s := range services {
			exact := float64(n-len(services)) * s.Weight * s.Minutes / total
			counts[i] = 1 + int(math.Floor(exact))
			rest[i] = exact - math.Floor(exact)
			used += counts[i]
		}
		for ; used < n; used++ { // largest remainders
			best := 0
			for i := range rest {
				if rest[i] > rest[best] {
					best = i
				}
			}
			counts[best]++
			rest[best] = -1
		}
		k := 0
		for i, s := range services {
			for range counts[i] {
				main[k] = []string{s.ID}
				k++
			}
		}
	}
	out := make([][]string, n)
	for i := range main {
		out[i] = slices.Clone(main[i])
		for _, id := range main[(i+n/2+1)%n] {
			if !slices.Contains(out[i], id) {
				out[i] = append(out[i], id)
			}
		}
		slices.Sort(out[i])
	}
	return out
}

// Vietnamese names for the clerks: family name, middle name, given name.
var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middleNames = []string{"Văn", "Thị", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Đức", "Hải", "Phương", "Anh", "Bảo"}
	givenNames  = []string{"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hằng", "Hùng", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"}
)

// clerkName returns the name of clerk i, different for each i up to
// thousands of clerks.
func clerkName(i int) string {
	return familyNames[i%len(familyNames)] + " " + middleNames[i/len(familyNames)%len(middleNames)] + " " +
		givenNames[(i*7+i/len(givenNames))%len(givenNames)]
}

// tokenAlphabet spells tokens and passwords.
const tokenAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"

func randomText(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = tokenAlphabet[int(b[i])%len(tokenAlphabet)]
	}
	return string(b)
}

func randomDigits(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return string(b)
}
