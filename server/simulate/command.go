package simulate

import (
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"hallq/server/config"
	"hallq/server/fastclock"
	"hallq/shared/queue"
)

// flags are the command's flags.
type flags struct {
	profile                             string
	speed                               float64
	day                                 string
	seed                                uint64
	counters, tickets, displays, kiosks int
	data, connect, write                string
	keep, verbose, quiet                bool
}

const usage = `Cách dùng (usage):
  server simulate [-profile commune|province|FILE.json] [-speed 20] [cờ khác (other flags)]
      khởi động máy chủ với đồng hồ nhanh trên một sảnh sinh cho hồ sơ, chơi
      một ngày và in tóm tắt (starts a server on a fast clock with a hall made
      for the profile, plays a day and prints a summary)
  server simulate -write DIR [-profile …]
      chỉ viết DIR/hall.toml và DIR/simulate.json (only write the hall)
  server simulate -connect http://HOST:PORT -data DIR
      chơi với máy chủ đã chạy trên sảnh đó (play against a server started on it)
`

// Command runs "server simulate ARGS": see usage. It returns an error
// when the run could not be made or its day had errors.
func Command(args []string, stdout, stderr io.Writer) error {
	f, p, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if f.verbose {
		log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if f.connect != "" {
		h, err := ReadHall(f.data)
		if err != nil {
			return err
		}
		return play(stdout, Target{URL: f.connect, DataDir: f.data}, h, f, log)
	}
	h, err := NewHall(p)
	if err != nil {
		return err
	}
	if f.write != "" {
		return writeOnly(stdout, h, f)
	}
	dir, cleanup, err := dataDir(f)
	if err != nil {
		return err
	}
	defer cleanup()
	if _, err := h.Write(dir); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Half an hour before opening: the clerks sign in from ten minutes
	// before, and the server's start must not eat into that.
	srv, err := startServer(ctx, dir, f.speed, clockOf(mustClock(p.Open)-30*time.Minute, f.day), f.verbose, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Máy chủ (server): %s, dữ liệu (data) %s, nhật ký (log) %s\n", srv.url, dir, filepath.Join(dir, "server.log"))
	err = play(stdout, Target{URL: srv.url, DataDir: dir}, h, f, log)
	if cerr := srv.stop(); cerr != nil && err == nil {
		err = cerr
	}
	return err
}

// clockOf writes the day's time t as -fast-clock-start takes it.
func clockOf(t time.Duration, day string) string {
	return fmt.Sprintf("%sT%02d:%02d", day, int(t.Hours()), int(t.Minutes())%60)
}

// parseFlags reads the flags and the profile they choose.
func parseFlags(args []string, stderr io.Writer) (flags, Profile, error) {
	var f flags
	fs := flag.NewFlagSet("server simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.profile, "profile", "commune", "hồ sơ: commune (xã), province (tỉnh) hoặc tệp JSON (the profile: built-in or a JSON file)")
	fs.Float64Var(&f.speed, "speed", 20, "máy chủ chạy đồng hồ nhanh gấp N lần (the started server's fast clock)")
	fs.StringVar(&f.day, "day", "", "ngày mô phỏng YYYY-MM-DD, mặc định hôm nay (the simulated day; default today)")
	fs.Uint64Var(&f.seed, "seed", 0, "hạt giống ngẫu nhiên, 0 là tự chọn rồi in ra (random seed; 0 picks one and prints it)")
	fs.IntVar(&f.counters, "counters", 0, "số quầy thay cho hồ sơ (counters, instead of the profile's)")
	fs.IntVar(&f.tickets, "tickets", 0, "số phiếu (tickets)")
	fs.IntVar(&f.displays, "displays", 0, "số màn hình (displays)")
	fs.IntVar(&f.kiosks, "kiosks", 0, "số ki-ốt (kiosks)")
	fs.StringVar(&f.data, "data", "", "thư mục dữ liệu mới cho máy chủ, mặc định thư mục tạm (a new data folder; default a temp one)")
	fs.BoolVar(&f.keep, "keep", false, "giữ thư mục tạm sau khi chạy (keep the temp data folder)")
	fs.StringVar(&f.connect, "connect", "", "địa chỉ http://HOST:PORT của máy chủ đã chạy, cần -data DIR có simulate.json (a running server)")
	fs.StringVar(&f.write, "write", "", "chỉ viết hall.toml và simulate.json vào thư mục này (only write the hall)")
	fs.BoolVar(&f.verbose, "v", false, "in nhật ký của thiết bị và máy chủ (the devices' and server's logs to stderr)")
	fs.BoolVar(&f.quiet, "quiet", false, "không in tiến độ mỗi giờ (no hourly progress)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return f, Profile{}, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return f, Profile{}, fmt.Errorf("thừa đối số %q (unexpected argument)", fs.Arg(0))
	}
	if f.connect != "" && f.data == "" {
		return f, Profile{}, errors.New("-connect cần -data DIR có simulate.json của sảnh (-connect needs -data DIR with the hall's simulate.json)")
	}
	if err := fastclock.Check(f.speed); err != nil {
		return f, Profile{}, err
	}
	if f.seed == 0 {
		var b [8]byte
		crand.Read(b[:])
		f.seed = binary.LittleEndian.Uint64(b[:]) >> 1
	}
	if f.day == "" {
		loc, _ := time.LoadLocation(config.DefaultTimezone)
		f.day = time.Now().In(loc).Format(queue.DayLayout)
	} else if _, err := time.Parse(queue.DayLayout, f.day); err != nil {
		return f, Profile{}, fmt.Errorf("-day phải có dạng YYYY-MM-DD (-day must be YYYY-MM-DD): %q", f.day)
	}
	if f.connect != "" {
		return f, Profile{}, nil
	}
	p, err := LoadProfile(f.profile)
	if err != nil {
		return f, Profile{}, err
	}
	for _, o := range []struct {
		v   int
		dst *int
	}{{f.counters, &p.Counters}, {f.tickets, &p.Tickets}, {f.displays, &p.Displays}, {f.kiosks, &p.Kiosks}} {
		if o.v != 0 {
			*o.dst = o.v
		}
	}
	return f, p, p.Check()
}

// dataDir returns the started server's data folder: -data, which must
// hold no hall yet, or a new temp folder removed by cleanup unless -keep.
func dataDir(f flags) (string, func(), error) {
	if f.data != "" {
		for _, name := range []string{"hall.db", "hall.toml"} {
			if _, err := os.Stat(filepath.Join(f.data, name)); err == nil {
				return "", nil, fmt.Errorf("%s đã có %s: mô phỏng cần một thư mục mới (the simulation needs a new data folder)", f.data, name)
			}
		}
		return f.data, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "hallq-simulate-")
	if err != nil {
		return "", nil, err
	}
	if f.keep {
		return dir, func() {}, nil
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// writeOnly writes the hall for -write and says how to play it.
func writeOnly(stdout io.Writer, h *Hall, f flags) error {
	path, err := h.Write(f.write)
	if err != nil {
		return err
	}
	start := clockOf(mustClock(h.Profile.Open)-30*time.Minute, f.day)
	fmt.Fprintf(stdout, "Đã viết (written): %s, %s\n", path, filepath.Join(f.write, SavedName))
	fmt.Fprintf(stdout, "Chạy máy chủ (start the server):  server -data %s -fast-clock %g -fast-clock-start %s\n", f.write, f.speed, start)
	fmt.Fprintf(stdout, "rồi (then):  server simulate -connect http://localhost:8080 -data %s\n", f.write)
	return nil
}

// play runs the day against t and prints the summary; an error when the
// day had errors.
func play(stdout io.Writer, t Target, h *Hall, f flags, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o := Options{Seed: f.seed, Logger: log}
	if !f.quiet {
		o.Progress = stdout
	}
	p := h.Profile
	fmt.Fprintf(stdout, "Mô phỏng (simulating) %s: %d quầy, %d phiếu, %d màn hình, %d ki-ốt; -seed %d\n",
		p.Name, p.Counters, p.Tickets, p.Displays, p.Kiosks, f.seed)
	r, err := Run(ctx, t, h, o)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	r.Print(stdout)
	if r.ErrorCount > 0 {
		return fmt.Errorf("ngày mô phỏng có %d lỗi (the simulated day had %d errors)", r.ErrorCount, r.ErrorCount)
	}
	return nil
}
